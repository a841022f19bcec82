import { describe, expect, it } from "vitest";

import {
  afterFailure,
  CLEAN_STATE,
  forgetAt,
  LOCK_MS,
  lockedUntil,
  MAX_FAILURES,
  WINDOW_MS,
  type ThrottleState,
} from "../../src/web/sign-in-throttle.ts";

function fail(times: number, start: number, step = 1_000): ThrottleState {
  let state = CLEAN_STATE;
  for (let i = 0; i < times; i++) state = afterFailure(state, start + i * step);
  return state;
}

describe("sign-in throttle", () => {
  it("locks a name for LOCK_MS at the MAX_FAILURES-th failure inside the window", () => {
    const start = 1_000_000;
    expect(lockedUntil(fail(MAX_FAILURES - 1, start), start + 10_000)).toBeNull();

    const locked = fail(MAX_FAILURES, start);
    const at = start + (MAX_FAILURES - 1) * 1_000;
    expect(lockedUntil(locked, at)).toBe(at + LOCK_MS);
    expect(lockedUntil(locked, at + LOCK_MS)).toBeNull();
  });

  it("starts counting again once the window has passed", () => {
    const start = 1_000_000;
    const spread = fail(MAX_FAILURES, start, WINDOW_MS / 2);

    expect(lockedUntil(spread, start + 3 * WINDOW_MS)).toBeNull();
    expect(spread.failures).toBeLessThan(MAX_FAILURES);
  });

  it("can be forgotten when the window and the lock are over", () => {
    const start = 1_000_000;
    expect(forgetAt(fail(1, start))).toBe(start + WINDOW_MS);
    const at = start + (MAX_FAILURES - 1) * 1_000;
    expect(forgetAt(fail(MAX_FAILURES, start))).toBe(at + LOCK_MS);
  });
});
