/**
 * Middleware that admits a request only with a valid bearer token holding a scope, and
 * puts the caller's Principal on the context. Refusals follow RFC 6750 §3 with generic
 * public text; the exact reason goes to one log line.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";

import { runtimeOf } from "../config/runtime.ts";
import type { AppEnv } from "../http/app-env.ts";
import { problem, problemResponse, type Problem } from "../http/problem.ts";
import { verifyBearer, type BearerFailureReason, type ExternalVerifier } from "./bearer.ts";
import { issuerFor } from "./discovery.ts";
import { remoteKeySetOf } from "./remote-key-set.ts";
import { signingKeysOf } from "./signing-key.ts";

/** RFC 6750 §3: the protection space named in every Bearer challenge. */
export const BEARER_REALM = "connect-session";

const UNAUTHORIZED_DETAIL = "A valid bearer access token is required.";

export function requireBearer(scope: string) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { config } = runtimeOf(c.env);
    const signing = await signingKeysOf(c.env.SIGNING_KEY);
    const externalIssuer = config.externalIssuer;
    const external: ExternalVerifier | undefined = externalIssuer
      ? { config: externalIssuer, keys: remoteKeySetOf(externalIssuer.jwksUrl) }
      : undefined;

    const result = await verifyBearer(c.req.header("authorization"), {
      issuer: issuerFor(c.req.url),
      keys: signing.verifyKeys,
      clients: config.clients,
      external,
      requiredScope: scope,
      now: Math.floor(Date.now() / 1000),
    });

    if (result.ok) {
      c.set("principal", result.principal);
      await next();
      return;
    }

    logRefusal(c, result.reason, result.detail);
    return challenge(result.reason, scope);
  });
}

/** The RFC 6750 §3 answer for a refusal: status, challenge and a problem body. */
export function challenge(reason: BearerFailureReason, scope: string): Response {
  const realm = `Bearer realm="${BEARER_REALM}"`;

  switch (reason) {
    // §3.1: a request without credentials gets a challenge without an error code.
    case "missing":
    case "unsupported-scheme":
      return refuse(problem("unauthorized", UNAUTHORIZED_DETAIL), realm);
    case "malformed":
      return refuse(
        problem("invalid-request", "The Authorization header is not a well-formed Bearer token."),
        `${realm}, error="invalid_request"`,
      );
    case "insufficient-scope":
      return refuse(
        problem("forbidden", "The access token does not grant access to this endpoint."),
        `${realm}, error="insufficient_scope", scope="${scope}"`,
      );
    case "invalid-token":
    case "expired":
    case "unknown-issuer":
    case "unknown-client":
      return refuse(
        problem("unauthorized", UNAUTHORIZED_DETAIL),
        `${realm}, error="invalid_token"`,
      );
  }
}

function refuse(body: Problem, wwwAuthenticate: string): Response {
  return problemResponse(body, { "www-authenticate": wwwAuthenticate });
}

/** One structured line with the exact reason; never the token or the header itself. */
function logRefusal(c: Context<AppEnv>, reason: BearerFailureReason, detail: string): void {
  console.log(
    JSON.stringify({
      event: "bearer-refused",
      requestId: c.var.requestId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      reason,
      detail,
    }),
  );
}
