/**
 * The client credentials grant (RFC 6749 §4.4): checks the grant type, authenticates the
 * client, settles the scopes and issues a token. Failures are values (RFC 6749 §5.2).
 */
import type { Client } from "../config/config.ts";
import { authenticateClient } from "./client-auth.ts";
import { oauthError, type OAuthError } from "./oauth-error.ts";
import type { ActiveSigningKey } from "./signing-key.ts";
import type { TokenRequest } from "./token-request.ts";
import { issueAccessToken, type IssuedToken } from "./tokens.ts";

export const CLIENT_CREDENTIALS_GRANT = "client_credentials";

/** RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E ). */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

export interface TokenEndpointContext {
  clients: readonly Client[];
  signingKey: ActiveSigningKey;
  issuer: string;
  /** Current time, in seconds since the epoch. */
  now: number;
}

export type TokenOutcome =
  | { ok: true; clientId: string; token: IssuedToken }
  | { ok: false; clientId: string | null; error: OAuthError };

export async function exchangeClientCredentials(
  request: TokenRequest,
  context: TokenEndpointContext,
): Promise<TokenOutcome> {
  const clientId = request.credentials?.clientId ?? null;
  const fail = (error: OAuthError): TokenOutcome => ({ ok: false, clientId, error });

  // Cheap checks first, before the deliberately slow secret check.
  if (request.grantType === null) {
    return fail(oauthError("invalid_request", "grant_type is required.", "no grant_type"));
  }
  if (request.grantType !== CLIENT_CREDENTIALS_GRANT) {
    return fail(
      oauthError(
        "unsupported_grant_type",
        `Only the ${CLIENT_CREDENTIALS_GRANT} grant is supported.`,
        `grant_type ${request.grantType}`,
      ),
    );
  }

  if (!request.credentials) {
    return fail(
      oauthError(
        "invalid_client",
        "Client authentication is required.",
        "no client credentials",
        request.usedBasic,
      ),
    );
  }

  const auth = await authenticateClient(
    context.clients,
    request.credentials.clientId,
    request.credentials.secret,
  );
  if (!auth.ok) {
    // One public text for unknown client and wrong secret; the log tells them apart.
    return fail(
      oauthError("invalid_client", "Client authentication failed.", auth.reason, request.usedBasic),
    );
  }

  const scopes = grantedScopes(request.scope, auth.client);
  if (!scopes.ok) return fail(scopes.error);

  const token = await issueAccessToken(context.signingKey, {
    issuer: context.issuer,
    clientId: auth.client.id,
    scopes: scopes.scopes,
    now: context.now,
  });
  return { ok: true, clientId: auth.client.id, token };
}

/**
 * RFC 6749 §3.3: no `scope` means the client's whole registered set; otherwise every
 * requested scope must be one the client holds, or the request fails as a whole.
 */
export function grantedScopes(
  requested: string | null,
  client: Client,
): { ok: true; scopes: string[] } | { ok: false; error: OAuthError } {
  if (requested === null) return { ok: true, scopes: [...client.scopes] };

  const wanted = [...new Set(requested.split(" ").filter((s) => s.length > 0))];
  const malformed = wanted.find((s) => !SCOPE_TOKEN.test(s));
  if (malformed !== undefined) {
    return {
      ok: false,
      error: oauthError("invalid_scope", "The scope parameter is malformed.", "malformed scope"),
    };
  }

  const refused = wanted.filter((s) => !client.scopes.includes(s));
  if (refused.length > 0) {
    const list = refused.join(" ");
    return {
      ok: false,
      error: oauthError(
        "invalid_scope",
        `The client may not request these scopes: ${list}`,
        `scopes not granted: ${list}`,
      ),
    };
  }
  return { ok: true, scopes: wanted };
}
