/**
 * The web app as an OpenID Connect client (docs/web-app.md): discovery, the authorization
 * request and the code exchange, all through oauth4webapi. Authorization code flow (RFC 6749
 * §4.1, OpenID Connect Core §3.1) with PKCE (RFC 7636). Expected failures come back as values
 * with a reason; the routes turn them into a page and one log line.
 */
import * as oauth from "oauth4webapi";

import type { OidcSignIn } from "../config/config.ts";

/** How long one call to the provider (discovery, token, keys) may take, in milliseconds. */
const PROVIDER_TIMEOUT_MS = 10_000;

/** What the callback needs to finish what the start began; kept in the flow cookie. */
export interface OidcFlow {
  state: string;
  nonce: string;
  /** PKCE code verifier (RFC 7636 §4.1); only its S256 challenge left the server. */
  verifier: string;
}

export interface OidcIdentity {
  sub: string;
  displayName: string;
}

export type OidcFailureReason =
  | "discovery-failed"
  | "bad-state"
  | "denied"
  | "provider-error"
  | "token-error"
  | "id-token-invalid"
  | "provider-unreachable";

export type OidcResult<T> =
  { ok: true; value: T } | { ok: false; reason: OidcFailureReason; detail: string };

/**
 * The provider's URLs are admin-configured and trusted, yet every call gets a timeout, and
 * oauth4webapi itself asks for `redirect: "manual"`, so a redirect is never followed.
 */
const httpOptions: oauth.HttpRequestOptions<"GET" | "POST", URLSearchParams | undefined> = {
  [oauth.customFetch]: (url, options) =>
    fetch(url, { ...options, signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS) }),
};

/** Discovered metadata per issuer, once per isolate; a failed discovery is retried. */
const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

function authorizationServer(config: OidcSignIn): Promise<oauth.AuthorizationServer> {
  const hit = discovered.get(config.issuer);
  if (hit) return hit;

  const issuer = new URL(config.issuer);
  const pending = oauth
    .discoveryRequest(issuer, { ...httpOptions, algorithm: "oidc" })
    .then((response) => oauth.processDiscoveryResponse(issuer, response));
  discovered.set(config.issuer, pending);
  pending.catch(() => discovered.delete(config.issuer));
  return pending;
}

async function discover(config: OidcSignIn): Promise<OidcResult<oauth.AuthorizationServer>> {
  try {
    return { ok: true, value: await authorizationServer(config) };
  } catch (error) {
    return { ok: false, reason: "discovery-failed", detail: describe(error) };
  }
}

/** Builds the authorization request (RFC 6749 §4.1.1) and the flow to remember for it. */
export async function startSignIn(
  config: OidcSignIn,
  redirectUri: string,
): Promise<OidcResult<{ url: URL; flow: OidcFlow }>> {
  const as = await discover(config);
  if (!as.ok) return as;
  if (!as.value.authorization_endpoint) {
    return { ok: false, reason: "discovery-failed", detail: "no authorization_endpoint" };
  }

  const flow: OidcFlow = {
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    verifier: oauth.generateRandomCodeVerifier(),
  };
  const url = new URL(as.value.authorization_endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("scope", config.scopes.join(" "));
  // State against CSRF on the callback (RFC 6749 §10.12); nonce binds the ID token to this
  // flow (OpenID Connect Core §3.1.2.1); only S256 is offered (RFC 7636 §4.2).
  url.searchParams.set("state", flow.state);
  url.searchParams.set("nonce", flow.nonce);
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(flow.verifier));
  url.searchParams.set("code_challenge_method", "S256");
  return { ok: true, value: { url, flow } };
}

/**
 * Checks the authorization response (RFC 6749 §4.1.2), redeems the code with the verifier
 * (RFC 7636 §4.5) and validates the ID token (OpenID Connect Core §3.1.3.7): issuer,
 * audience, expiry, nonce and the signature against the provider's published keys.
 */
export async function finishSignIn(
  config: OidcSignIn,
  redirectUri: string,
  callbackUrl: URL,
  flow: OidcFlow,
): Promise<OidcResult<OidcIdentity>> {
  const as = await discover(config);
  if (!as.ok) return as;
  const client: oauth.Client = { client_id: config.clientId };

  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(as.value, client, callbackUrl, flow.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      const reason = error.error === "access_denied" ? "denied" : "provider-error";
      return { ok: false, reason, detail: error.error };
    }
    return { ok: false, reason: "bad-state", detail: describe(error) };
  }

  try {
    const auth = config.clientSecret ? oauth.ClientSecretPost(config.clientSecret) : oauth.None();
    const response = await oauth.authorizationCodeGrantRequest(
      as.value,
      client,
      auth,
      parameters,
      redirectUri,
      flow.verifier,
      httpOptions,
    );
    const tokens = await oauth.processAuthorizationCodeResponse(as.value, client, response, {
      expectedNonce: flow.nonce,
      requireIdToken: true,
    });
    // TLS alone would do for a token from the token endpoint (Core §3.1.3.7 item 6); checking
    // the signature too costs one cached key fetch and keeps a proxy from forging identities.
    await oauth.validateApplicationLevelSignature(as.value, response, httpOptions);
    const claims = oauth.getValidatedIdTokenClaims(tokens);
    if (!claims) return { ok: false, reason: "id-token-invalid", detail: "no ID token" };
    return { ok: true, value: { sub: claims.sub, displayName: displayNameOf(claims) } };
  } catch (error) {
    return { ok: false, reason: tokenFailureReason(error), detail: describe(error) };
  }
}

function tokenFailureReason(error: unknown): OidcFailureReason {
  if (error instanceof oauth.ResponseBodyError) return "token-error";
  if (error instanceof oauth.WWWAuthenticateChallengeError) return "token-error";
  if (error instanceof oauth.OperationProcessingError) return "id-token-invalid";
  return "provider-unreachable";
}

/** `name`, else `email`, else the subject (OpenID Connect Core §5.1 standard claims). */
function displayNameOf(claims: oauth.IDToken): string {
  const { name, email } = claims;
  if (typeof name === "string" && name.trim()) return name.trim();
  if (typeof email === "string" && email.trim()) return email.trim();
  return claims.sub;
}

/** A short reason for the log: the error's class, code and message, never a token. */
function describe(error: unknown): string {
  if (error instanceof oauth.ResponseBodyError) {
    const description = error.error_description ? `: ${error.error_description}` : "";
    return `${error.status} ${error.error}${description}`;
  }
  if (error instanceof Error) {
    const code = "code" in error && typeof error.code === "string" ? ` ${error.code}` : "";
    return `${error.name}${code}: ${error.message}`;
  }
  return String(error);
}
