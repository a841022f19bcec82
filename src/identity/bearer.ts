/**
 * Bearer token checks (RFC 6750, spec §4): turns an Authorization header into a Principal
 * or a reason why not. Our own tokens verify against our public keys; tokens from the
 * configured external issuer against its JWKS. Expected failures are values; the clock and
 * the keys come in as parameters.
 */
import { decodeJwt, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from "jose";

import type { Client, ExternalIssuer } from "../config/config.ts";
import type { Principal } from "./principal.ts";
import { SIGNING_ALGORITHM } from "./signing-key.ts";
import { ACCESS_TOKEN_TYPE, scopesOfClaim, TOKEN_AUDIENCE } from "./tokens.ts";
import { cachedClaims, rememberClaims } from "./verified-token-cache.ts";

/** Clock skew allowed between us and the issuer when checking `exp` and `nbf`, in seconds. */
export const CLOCK_TOLERANCE_SECONDS = 30;
/** Longer tokens are refused unread; ours are well under 1 KiB. */
export const MAX_TOKEN_CHARS = 8 * 1024;

/** Sessions of external clients belong to this prefix plus the client claim (spec §4). */
export const EXTERNAL_CLIENT_PREFIX = "external:";

export type BearerFailureReason =
  /** No Authorization header (RFC 6750 §3.1: answer without an error code). */
  | "missing"
  /** Another scheme such as Basic; treated like no credentials at all (RFC 6750 §3.1). */
  | "unsupported-scheme"
  /** `Bearer` without a well-formed b64token (RFC 6750 §2.1). */
  | "malformed"
  | "invalid-token"
  | "expired"
  | "unknown-issuer"
  /** A valid local token whose client is no longer configured. */
  | "unknown-client"
  | "insufficient-scope";

export type BearerResult =
  { ok: true; principal: Principal } | { ok: false; reason: BearerFailureReason; detail: string };

export interface ExternalVerifier {
  config: ExternalIssuer;
  keys: JWTVerifyGetKey;
}

export interface BearerOptions {
  /** Our issuer for this request (origin + `/ids`). */
  issuer: string;
  /** Our public keys. */
  keys: JWTVerifyGetKey;
  /** Configured clients, read per request, so removals take effect at once. */
  clients: readonly Client[];
  external?: ExternalVerifier | undefined;
  requiredScope: string;
  /** Current time, in seconds since the epoch. */
  now: number;
}

/** RFC 6750 §2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;
/** RFC 9110 §11.4: credentials = auth-scheme [ 1*SP ( token68 / #auth-param ) ] */
const CREDENTIALS = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?: +(.*))?$/;

export async function verifyBearer(
  authorization: string | undefined,
  options: BearerOptions,
): Promise<BearerResult> {
  const token = bearerTokenOf(authorization);
  if (typeof token !== "string") return token;

  const checked = await checkToken(token, options);
  if (!checked.ok) return checked;

  const { principal } = checked;
  if (!principal.scopes.includes(options.requiredScope)) {
    return fail("insufficient-scope", `needs ${options.requiredScope}`);
  }
  return checked;
}

function bearerTokenOf(authorization: string | undefined): string | BearerResult {
  if (authorization === undefined || authorization.trim() === "") {
    return fail("missing", "no Authorization header");
  }

  const match = CREDENTIALS.exec(authorization.trim());
  if (!match) return fail("malformed", "Authorization header is not scheme + credentials");

  const scheme = match[1] ?? "";
  if (scheme.toLowerCase() !== "bearer") return fail("unsupported-scheme", `scheme ${scheme}`);

  const token = match[2] ?? "";
  if (token.length > MAX_TOKEN_CHARS) return fail("invalid-token", "token too long");
  if (!B64TOKEN.test(token)) return fail("malformed", "Bearer credentials are not a b64token");
  return token;
}

async function checkToken(token: string, options: BearerOptions): Promise<BearerResult> {
  // The unverified `iss` only picks which keys and rules apply; they then check it again.
  let issuer: unknown;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    return fail("invalid-token", "not a JWT");
  }

  if (issuer === options.issuer) {
    try {
      return await checkLocal(token, options);
    } catch (error) {
      return failureOf(error);
    }
  }

  const external = options.external;
  if (external && issuer === external.config.issuer) {
    try {
      return await checkExternal(token, external, options.now);
    } catch (error) {
      // fetch rejects with a TypeError when the issuer's JWKS URL cannot be reached.
      if (error instanceof TypeError) return fail("invalid-token", "external key set unavailable");
      return failureOf(error);
    }
  }

  return fail("unknown-issuer", "iss is neither ours nor the external issuer");
}

async function checkLocal(token: string, options: BearerOptions): Promise<BearerResult> {
  const payload =
    cachedClaims(token, options.keys, options.now, CLOCK_TOLERANCE_SECONDS) ??
    (await verifyLocal(token, options));

  const clientId = stringClaim(payload, "client_id");
  const client = options.clients.find((c) => c.id === clientId);
  if (!client) return fail("unknown-client", "client_id is not configured");

  // The configuration is the authority: scopes or data sources taken away from a client
  // no longer count, even inside a token issued before.
  const scopes = scopesOfClaim(payload.scope).filter((s) => client.scopes.includes(s));
  return {
    ok: true,
    principal: {
      clientId: client.id,
      subject: stringClaim(payload, "sub") ?? client.id,
      displayName: null,
      scopes,
      dataSources: [...client.dataSources],
      via: "client-credentials",
    },
  };
}

/** The full check of one of our tokens (RFC 9068 profile); remembered when it passes. */
async function verifyLocal(token: string, options: BearerOptions): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, options.keys, {
    algorithms: [SIGNING_ALGORITHM],
    issuer: options.issuer,
    audience: TOKEN_AUDIENCE,
    typ: ACCESS_TOKEN_TYPE,
    requiredClaims: ["exp", "iat", "sub", "client_id"],
    currentDate: new Date(options.now * 1000),
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  });
  rememberClaims(token, options.keys, payload);
  return payload;
}

async function checkExternal(
  token: string,
  external: ExternalVerifier,
  now: number,
): Promise<BearerResult> {
  const { config } = external;
  const { payload } = await jwtVerify(token, external.keys, {
    algorithms: config.algorithms,
    issuer: config.issuer,
    audience: config.audience,
    requiredClaims: ["exp", config.clientClaim],
    currentDate: new Date(now * 1000),
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  });

  const clientId = stringClaim(payload, config.clientClaim);
  if (clientId === undefined) return fail("invalid-token", `${config.clientClaim} is not a string`);

  // `scope` is the standard claim (RFC 9068 §2.2.3); some providers send `scp` instead.
  const scopes = scopesOfClaim(payload.scope ?? payload.scp);
  return {
    ok: true,
    principal: {
      clientId: `${EXTERNAL_CLIENT_PREFIX}${clientId}`,
      subject: stringClaim(payload, "sub") ?? clientId,
      displayName: stringClaim(payload, "name") ?? null,
      scopes,
      dataSources: [...config.dataSources],
      via: "external-issuer",
    },
  };
}

function stringClaim(payload: JWTPayload, name: string): string | undefined {
  const value = payload[name];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** jose reports every verification failure as a JOSEError; anything else is unexpected. */
function failureOf(error: unknown): BearerResult {
  if (error instanceof errors.JWTExpired) return fail("expired", error.code);
  if (error instanceof errors.JWTClaimValidationFailed) {
    return fail("invalid-token", `${error.code} ${error.claim}: ${error.reason}`);
  }
  if (error instanceof errors.JOSEError) return fail("invalid-token", error.code);
  throw error;
}

function fail(reason: BearerFailureReason, detail: string): BearerResult {
  return { ok: false, reason, detail };
}
