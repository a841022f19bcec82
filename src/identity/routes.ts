/**
 * HTTP routes of the identity endpoints (spec §4): the token endpoint, the discovery
 * document and the key set. Mounted at `/` by the main app; the logic lives in the modules
 * these handlers call.
 */
import { Hono, type Context } from "hono";

import { runtimeOf } from "../config/runtime.ts";
import type { AppEnv } from "../http/app-env.ts";
import { problem, problemResponse } from "../http/problem.ts";
import {
  discoveryDocument,
  DISCOVERY_PATH,
  issuerFor,
  JWKS_PATH,
  OAUTH_METADATA_PATH,
  ROOT_DISCOVERY_PATH,
  TOKEN_PATH,
} from "./discovery.ts";
import { oauthErrorResponse } from "./oauth-error.ts";
import { signingKeysOf } from "./signing-key.ts";
import { exchangeClientCredentials, type TokenOutcome } from "./token-endpoint.ts";
import { readTokenRequest } from "./token-request.ts";

/** How long clients may cache the discovery document, in seconds. */
export const DISCOVERY_MAX_AGE_SECONDS = 3600;
/** How long clients may cache the key set, in seconds; short, so a rotation spreads fast. */
export const JWKS_MAX_AGE_SECONDS = 300;

const MAX_LOGGED_CLIENT_ID_CHARS = 200;

export const identityRoutes = new Hono<AppEnv>();

// RFC 6749 §3.2: the token endpoint takes POST only. Say so to a client that tried GET.
identityRoutes.on(["GET", "PUT", "PATCH", "DELETE"], TOKEN_PATH, () => {
  return problemResponse(problem("method-not-allowed", "The token endpoint takes POST."), {
    allow: "POST",
  });
});

identityRoutes.post(TOKEN_PATH, async (c) => {
  const parsed = await readTokenRequest(c.req.raw);
  let outcome: TokenOutcome;
  if (parsed.ok) {
    const { config } = runtimeOf(c.env);
    const signing = await signingKeysOf(c.env.SIGNING_KEY);
    outcome = await exchangeClientCredentials(parsed.request, {
      clients: config.clients,
      signingKey: signing.active,
      issuer: issuerFor(c.req.url),
      now: Math.floor(Date.now() / 1000),
    });
  } else {
    outcome = { ok: false, clientId: null, error: parsed.error };
  }

  if (!outcome.ok) {
    logTokenRefusal(c, outcome.clientId, outcome.error.error, outcome.error.reason);
    return oauthErrorResponse(outcome.error);
  }

  // RFC 6749 §5.1: the answer must not be cached.
  const { token } = outcome;
  return c.json(
    {
      access_token: token.accessToken,
      token_type: "Bearer",
      expires_in: token.expiresIn,
      scope: token.scope,
    },
    200,
    { "cache-control": "no-store", pragma: "no-cache" },
  );
});

const publicDocumentHeaders = (maxAgeSeconds: number): Record<string, string> => ({
  "cache-control": `public, max-age=${maxAgeSeconds}`,
  // Public metadata: browser-based tools may read it from any origin.
  "access-control-allow-origin": "*",
});

function serveDiscovery(c: Context<AppEnv>): Response {
  return c.json(
    discoveryDocument(c.req.url),
    200,
    publicDocumentHeaders(DISCOVERY_MAX_AGE_SECONDS),
  );
}

identityRoutes.get(DISCOVERY_PATH, serveDiscovery);
identityRoutes.get(ROOT_DISCOVERY_PATH, serveDiscovery);
identityRoutes.get(OAUTH_METADATA_PATH, serveDiscovery);

identityRoutes.get(JWKS_PATH, async (c) => {
  const signing = await signingKeysOf(c.env.SIGNING_KEY);
  return c.json({ keys: signing.publicJwks }, 200, publicDocumentHeaders(JWKS_MAX_AGE_SECONDS));
});

/** One structured line per refused token request; never the secret or the Basic header. */
function logTokenRefusal(
  c: Context<AppEnv>,
  clientId: string | null,
  error: string,
  reason: string,
): void {
  console.log(
    JSON.stringify({
      event: "token-refused",
      requestId: c.var.requestId,
      // The id is whatever the caller sent; keep the line short.
      clientId: clientId?.slice(0, MAX_LOGGED_CLIENT_ID_CHARS) ?? null,
      error,
      reason,
    }),
  );
}
