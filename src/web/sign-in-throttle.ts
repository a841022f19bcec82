/**
 * How failed password sign-ins slow down guessing. Pure: the Durable Object that keeps the
 * count per user name (sign-in-guard-object.ts) applies it, tests check it without a runtime.
 *
 * A user name that collects MAX_FAILURES failed sign-ins, each within WINDOW_MS of the first,
 * is locked for LOCK_MS: no password is checked for it, the right one included. A successful
 * sign-in starts the count again. Unknown user names are counted like known ones, so the
 * answer never tells whether a name exists.
 */

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;
export const LOCK_MS = 15 * 60 * 1000;

export interface ThrottleState {
  /** Failures counted in the current window; 0 when there is none. */
  failures: number;
  /** When the first counted failure happened (ms since the epoch). */
  windowStart: number;
  /** Until when the name is locked (ms since the epoch), or 0. */
  lockedUntil: number;
}

export const CLEAN_STATE: ThrottleState = { failures: 0, windowStart: 0, lockedUntil: 0 };

/** Until when sign-ins for the name are refused, or null when one may be tried now. */
export function lockedUntil(state: ThrottleState, now: number): number | null {
  return state.lockedUntil > now ? state.lockedUntil : null;
}

export function afterFailure(state: ThrottleState, now: number): ThrottleState {
  const inWindow = state.failures > 0 && now - state.windowStart < WINDOW_MS;
  const failures = inWindow ? state.failures + 1 : 1;
  const windowStart = inWindow ? state.windowStart : now;
  if (failures >= MAX_FAILURES) return { failures: 0, windowStart: 0, lockedUntil: now + LOCK_MS };
  return { failures, windowStart, lockedUntil: 0 };
}

/** When the state has nothing left to say and can be deleted. */
export function forgetAt(state: ThrottleState): number {
  return Math.max(state.lockedUntil, state.failures > 0 ? state.windowStart + WINDOW_MS : 0);
}
