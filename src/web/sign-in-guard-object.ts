/**
 * One Durable Object per user name that tries to sign in with a password, counting failures
 * (policy in sign-in-throttle.ts). A Durable Object rather than a per-location rate limit:
 * a guesser spread over the world meets the same count. Its alarm deletes the state once
 * the window and any lock have passed, so names that were tried once leave nothing behind.
 */
import { DurableObject } from "cloudflare:workers";

import {
  afterFailure,
  CLEAN_STATE,
  forgetAt,
  lockedUntil,
  type ThrottleState,
} from "./sign-in-throttle.ts";

const KEY = "throttle";

export interface GuardView {
  /** Until when sign-ins are refused (ms since the epoch), or null. */
  lockedUntil: number | null;
  /** Whether failures are being counted, so that a success has something to reset. */
  counting: boolean;
}

export class SignInGuardObject extends DurableObject<Env> {
  async check(): Promise<GuardView> {
    const state = await this.#state();
    return { lockedUntil: lockedUntil(state, Date.now()), counting: state.failures > 0 };
  }

  async recordFailure(): Promise<GuardView> {
    const now = Date.now();
    const state = afterFailure(await this.#state(), now);
    await this.ctx.storage.put(KEY, state);
    await this.ctx.storage.setAlarm(forgetAt(state));
    return { lockedUntil: lockedUntil(state, now), counting: state.failures > 0 };
  }

  async recordSuccess(): Promise<void> {
    await this.ctx.storage.deleteAll();
  }

  override async alarm(): Promise<void> {
    const state = await this.#state();
    const forget = forgetAt(state);
    if (forget > Date.now()) await this.ctx.storage.setAlarm(forget);
    else await this.ctx.storage.deleteAll();
  }

  async #state(): Promise<ThrottleState> {
    return (await this.ctx.storage.get<ThrottleState>(KEY)) ?? CLEAN_STATE;
  }
}

/** The guard of one user name; names are compared without case, as people type them. */
export function signInGuard(env: Env, userName: string): DurableObjectStub<SignInGuardObject> {
  return env.SIGN_IN_GUARDS.get(env.SIGN_IN_GUARDS.idFromName(`user:${userName.toLowerCase()}`));
}
