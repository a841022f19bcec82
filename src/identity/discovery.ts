/**
 * Where the identity endpoints live and the metadata that announces them (OpenID Connect
 * Discovery 1.0 §3, RFC 8414 §2), so a standard OAuth client library finds the token
 * endpoint and the key set from the issuer URL alone.
 */
import { ADMIN_SCOPE, CONNECT_SCOPE } from "./principal.ts";
import { SIGNING_ALGORITHM } from "./signing-key.ts";

/** The issuer is the request's origin plus this path, as in the primedocs deployment. */
export const ISSUER_PATH = "/ids";
export const TOKEN_PATH = `${ISSUER_PATH}/connect/token`;
export const JWKS_PATH = `${ISSUER_PATH}/.well-known/jwks`;
/** OpenID Connect Discovery §4: the issuer URL plus `/.well-known/openid-configuration`. */
export const DISCOVERY_PATH = `${ISSUER_PATH}/.well-known/openid-configuration`;
/** The same document at the root, for people and tools that look there first. */
export const ROOT_DISCOVERY_PATH = "/.well-known/openid-configuration";
/** RFC 8414 §3.1: the well-known segment goes between the origin and the issuer's path. */
export const OAUTH_METADATA_PATH = `/.well-known/oauth-authorization-server${ISSUER_PATH}`;

export interface DiscoveryDocument {
  issuer: string;
  token_endpoint: string;
  jwks_uri: string;
  grant_types_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  scopes_supported: string[];
  response_types_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
}

/**
 * The issuer for a request: its origin plus `/ids`. Tokens and the discovery document both
 * use it, so a token is valid on the host that issued it and nowhere else.
 */
export function issuerFor(requestUrl: string): string {
  return `${new URL(requestUrl).origin}${ISSUER_PATH}`;
}

export function discoveryDocument(requestUrl: string): DiscoveryDocument {
  const origin = new URL(requestUrl).origin;
  return {
    issuer: issuerFor(requestUrl),
    token_endpoint: `${origin}${TOKEN_PATH}`,
    jwks_uri: `${origin}${JWKS_PATH}`,
    grant_types_supported: ["client_credentials"],
    // RFC 6749 §2.3.1: HTTP Basic must be supported; the form fields are allowed too.
    token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
    scopes_supported: [CONNECT_SCOPE, ADMIN_SCOPE],
    // Required members of the discovery document. There is no authorization endpoint, so
    // no response type is offered, and no ID token is issued: the algorithm listed is the
    // one that signs access tokens.
    response_types_supported: [],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
  };
}
