/**
 * Access tokens: short-lived JWTs in the RFC 9068 profile, signed with the service's ES256
 * key. Pure apart from signing; the clock comes in as a parameter.
 */
import { SignJWT } from "jose";

import { SIGNING_ALGORITHM, type ActiveSigningKey } from "./signing-key.ts";

/** How long an access token is valid, in seconds. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

/** The `aud` of every token we issue: the Connect Session API (RFC 7519 §4.1.3). */
export const TOKEN_AUDIENCE = "connect-session-api";

/** RFC 9068 §2.1: the `typ` header that marks a JWT as an access token. */
export const ACCESS_TOKEN_TYPE = "at+jwt";

export interface AccessTokenGrant {
  issuer: string;
  clientId: string;
  scopes: readonly string[];
  /** Current time, in seconds since the epoch. */
  now: number;
}

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  /** Granted scopes, space-separated (RFC 6749 §3.3). */
  scope: string;
}

export async function issueAccessToken(
  key: ActiveSigningKey,
  grant: AccessTokenGrant,
): Promise<IssuedToken> {
  const scope = grant.scopes.join(" ");

  // RFC 9068 §2.2: iss, exp, aud, sub, client_id, iat and jti; `scope` per §2.2.3.
  const accessToken = await new SignJWT({ client_id: grant.clientId, scope })
    .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: ACCESS_TOKEN_TYPE, kid: key.kid })
    .setIssuer(grant.issuer)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(grant.clientId)
    .setIssuedAt(grant.now)
    .setExpirationTime(grant.now + ACCESS_TOKEN_TTL_SECONDS)
    .setJti(crypto.randomUUID())
    .sign(key.privateKey);

  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS, scope };
}

/**
 * Scopes named by a token claim: a space-separated string (RFC 8693 §4.2, RFC 9068 §2.2.3)
 * or, as some identity providers send it, a list of strings. Anything else grants nothing.
 */
export function scopesOfClaim(claim: unknown): string[] {
  if (typeof claim === "string") return claim.split(" ").filter((s) => s.length > 0);
  if (Array.isArray(claim)) return claim.filter((s): s is string => typeof s === "string");
  return [];
}
