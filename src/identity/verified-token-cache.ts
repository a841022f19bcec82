/**
 * Remembers, per isolate, the claims of our own tokens whose signature and claims were
 * already verified, so a client's tenth call with the same token skips the ES256 check.
 * Only the cryptographic result is cached: expiry is checked on every hit, and the caller
 * still re-reads the client's configuration. A change of keys empties the cache.
 */
import type { JWTPayload, JWTVerifyGetKey } from "jose";

/** Tokens remembered at most; the oldest is forgotten first. */
const MAX_CACHED_TOKENS = 1024;

let cachedFor: JWTVerifyGetKey | null = null;
const verified = new Map<string, JWTPayload>();

/** The verified claims of `token`, if it was verified with these keys and has not expired. */
export function cachedClaims(
  token: string,
  keys: JWTVerifyGetKey,
  nowSeconds: number,
  toleranceSeconds: number,
): JWTPayload | null {
  if (cachedFor !== keys) return null;
  const payload = verified.get(token);
  if (!payload) return null;

  if (typeof payload.exp !== "number" || payload.exp + toleranceSeconds <= nowSeconds) {
    verified.delete(token);
    return null;
  }
  return payload;
}

export function rememberClaims(token: string, keys: JWTVerifyGetKey, payload: JWTPayload): void {
  if (cachedFor !== keys) {
    verified.clear();
    cachedFor = keys;
  }
  if (verified.size >= MAX_CACHED_TOKENS) {
    const oldest = verified.keys().next().value;
    if (oldest !== undefined) verified.delete(oldest);
  }
  verified.set(token, payload);
}
