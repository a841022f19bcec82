/**
 * The sliding life of a session (spec §9): one hour after the last touch. Pure, so the
 * rules are tested without a runtime and the Durable Object only stores times.
 */

/** How long a session lives after its last touch, in milliseconds. */
export const SESSION_TTL_MS = 60 * 60 * 1000;

export function expiresAt(lastTouchMs: number): number {
  return lastTouchMs + SESSION_TTL_MS;
}

export function isExpired(lastTouchMs: number, nowMs: number): boolean {
  return nowMs >= expiresAt(lastTouchMs);
}

/** The HTTP-date that `Expires` headers carry (RFC 9111 §5.3). */
export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString();
}
