/**
 * A tiny app for identity tests: the identity routes plus two guarded endpoints, and helpers
 * to get tokens from it or forge tokens with the test key.
 */
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { base64url, importJWK, SignJWT, type CryptoKey, type JWTPayload } from "jose";

import type { AppEnv } from "../../src/http/app-env.ts";
import { ADMIN_SCOPE, CONNECT_SCOPE } from "../../src/identity/principal.ts";
import { requireBearer } from "../../src/identity/require-bearer.ts";
import { identityRoutes } from "../../src/identity/routes.ts";
import { signingKeysOf } from "../../src/identity/signing-key.ts";
import { TOKEN_AUDIENCE } from "../../src/identity/tokens.ts";
import { testConfig, testSigningKey } from "../bindings.ts";

export const ORIGIN = "https://connect.example";
export const ISSUER = `${ORIGIN}/ids`;
export const CONNECT_PATH = "/api/connect-only";
export const ADMIN_PATH = "/api/admin-only";

export const app = new Hono<AppEnv>();
app.route("/", identityRoutes);
app.get(CONNECT_PATH, requireBearer(CONNECT_SCOPE), (c) => c.json(c.var.principal));
app.get(ADMIN_PATH, requireBearer(ADMIN_SCOPE), (c) => c.json(c.var.principal));

export type Bindings = typeof env;

/** Sends a request into the test app, with the test bindings or modified ones. */
export async function call(
  pathOrUrl: string,
  init: RequestInit = {},
  bindings: Bindings = env,
): Promise<Response> {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${ORIGIN}${pathOrUrl}`;
  return app.request(url, init, bindings);
}

/** The test bindings with a changed configuration. */
export function withConfig(config: object): Bindings {
  return { ...env, CONNECT_CONFIG: JSON.stringify(config) };
}

export function basic(clientId: string, secret: string): string {
  const bytes = new TextEncoder().encode(
    `${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`,
  );
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** Posts a token request with form credentials (client_secret_post). */
export async function postToken(
  form: Record<string, string>,
  headers: Record<string, string> = {},
  bindings: Bindings = env,
): Promise<Response> {
  return call(
    "/ids/connect/token",
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body: new URLSearchParams(form).toString(),
    },
    bindings,
  );
}

export async function tokenFor(clientId: string, secret: string, scope?: string): Promise<string> {
  const form: Record<string, string> = {
    grant_type: "client_credentials",
    client_id: clientId,
    client_secret: secret,
  };
  if (scope !== undefined) form.scope = scope;

  const res = await postToken(form);
  if (res.status !== 200) throw new Error(`token request failed with ${res.status}`);
  const body: { access_token: string } = await res.json();
  return body.access_token;
}

export async function callWithToken(
  token: string,
  path = CONNECT_PATH,
  bindings: Bindings = env,
): Promise<Response> {
  return call(path, { headers: { authorization: `Bearer ${token}` } }, bindings);
}

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Claims of a valid local token for CustomApiClient; tests change one thing at a time. */
export function validClaims(): JWTPayload {
  const now = nowSeconds();
  return {
    iss: ISSUER,
    aud: TOKEN_AUDIENCE,
    sub: "CustomApiClient",
    client_id: "CustomApiClient",
    scope: CONNECT_SCOPE,
    iat: now,
    exp: now + 600,
    jti: crypto.randomUUID(),
  };
}

export async function testPrivateKey(): Promise<CryptoKey> {
  const key = await importJWK(testSigningKey, "ES256");
  if (key instanceof Uint8Array) throw new Error("expected an asymmetric key");
  return key;
}

export async function testKid(): Promise<string> {
  return (await signingKeysOf(JSON.stringify(testSigningKey))).active.kid;
}

/** Signs claims as our service would (ES256, at+jwt, our kid) unless told otherwise. */
export async function forge(
  claims: JWTPayload,
  options: { key?: CryptoKey; kid?: string; typ?: string } = {},
): Promise<string> {
  const key = options.key ?? (await testPrivateKey());
  const kid = options.kid ?? (await testKid());
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "ES256", typ: options.typ ?? "at+jwt", kid })
    .sign(key);
}

/** A JWT with `alg: none` and no signature (RFC 7519 §6). */
export function unsecured(claims: JWTPayload): string {
  const encode = (value: object) => base64url.encode(JSON.stringify(value));
  return `${encode({ alg: "none", typ: "at+jwt" })}.${encode(claims)}.`;
}

export { testConfig };
