/**
 * What one initializer run gives back (spec §8): values to merge, or a failure classed by
 * cause, which decides the answer's status (docs/session-templates.md): `invalid` 422 (the
 * definition or its data cannot produce values), `upstream` 502 (the source failed or
 * answered badly), `timeout` 504.
 */
import type { InitValues } from "../session-templates/values.ts";

export type FailureKind = "invalid" | "upstream" | "timeout";

export type InitOutcome =
  | { ok: true; values: InitValues; message: string }
  | { ok: false; failure: FailureKind; message: string };

export function failed(failure: FailureKind, message: string): InitOutcome {
  return { ok: false, failure, message };
}

/** A failure raised inside an initializer's helpers and turned into an outcome once. */
export class InitFailure extends Error {
  override name = "InitFailure";
  readonly failure: FailureKind;

  constructor(failure: FailureKind, message: string) {
    super(message);
    this.failure = failure;
  }
}

/**
 * Resolves with `work`, or fails with a timeout after `ms`. Work that cannot be cancelled
 * (a D1 query) keeps running, but nobody waits for it.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new InitFailure("timeout", `${what} did not answer within ${formatMs(ms)}.`));
    }, ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** `TimeoutError` from AbortSignal.timeout (DOM §3.1); older runtimes say `AbortError`. */
export function isAbort(error: unknown): boolean {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  return name === "TimeoutError" || name === "AbortError";
}
