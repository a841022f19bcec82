/**
 * The external issuer's key set (spec §4), fetched from its JWKS URL and kept per isolate,
 * so most requests verify without any outbound call.
 */
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";

/** Give up on the issuer's JWKS URL after this many milliseconds. */
export const REMOTE_JWKS_TIMEOUT_MS = 5_000;
/** Refetch the key set at the latest after this many milliseconds. */
export const REMOTE_JWKS_MAX_AGE_MS = 10 * 60_000;
/** An unknown `kid` refetches the set, but not more often than every this many milliseconds. */
export const REMOTE_JWKS_COOLDOWN_MS = 30_000;

let cached: { url: string; keys: JWTVerifyGetKey } | undefined;

/** One key set per isolate; a new URL in the configuration replaces it. */
export function remoteKeySetOf(jwksUrl: string): JWTVerifyGetKey {
  if (cached?.url === jwksUrl) return cached.keys;

  const keys = createRemoteJWKSet(new URL(jwksUrl), {
    timeoutDuration: REMOTE_JWKS_TIMEOUT_MS,
    cacheMaxAge: REMOTE_JWKS_MAX_AGE_MS,
    cooldownDuration: REMOTE_JWKS_COOLDOWN_MS,
  });
  cached = { url: jwksUrl, keys };
  return keys;
}
