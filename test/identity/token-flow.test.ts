import { env } from "cloudflare:workers";
import { calculateJwkThumbprint, decodeJwt, decodeProtectedHeader } from "jose";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";

import { ACCESS_TOKEN_TTL_SECONDS, TOKEN_AUDIENCE } from "../../src/identity/tokens.ts";
import { testSigningKey } from "../bindings.ts";
import { app, call, CONNECT_PATH, ISSUER, ORIGIN, tokenFor } from "./harness.ts";

/** Routes the OAuth library's requests into the test app instead of the network. */
const intoApp = {
  [oauth.customFetch]: async (
    url: string,
    init: oauth.CustomFetchOptions<string, URLSearchParams | undefined>,
  ) => await app.request(url, { method: init.method, headers: init.headers, body: init.body }, env),
};

async function discover(): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(ISSUER);
  const response = await oauth.discoveryRequest(issuer, intoApp);
  return oauth.processDiscoveryResponse(issuer, response);
}

async function clientCredentials(
  auth: oauth.ClientAuth,
  clientId: string,
  scope: string,
): Promise<oauth.TokenEndpointResponse> {
  const as = await discover();
  const client: oauth.Client = { client_id: clientId };
  const response = await oauth.clientCredentialsGrantRequest(as, client, auth, { scope }, intoApp);
  return oauth.processClientCredentialsResponse(as, client, response);
}

const { kty, crv, x, y } = testSigningKey;
const publicJwk = { kty, crv, x, y };

describe("token flow with a standard OAuth client (oauth4webapi)", () => {
  it("discovers the issuer and gets a token with HTTP Basic that opens the Connect API", async () => {
    const result = await clientCredentials(
      oauth.ClientSecretBasic("CustomClient_Secret_123"),
      "CustomApiClient",
      "pd_ConnectWebApi",
    );
    expect(result.token_type).toBe("bearer");
    expect(result.expires_in).toBe(ACCESS_TOKEN_TTL_SECONDS);
    expect(result.scope).toBe("pd_ConnectWebApi");

    const res = await call(CONNECT_PATH, {
      headers: { authorization: `Bearer ${result.access_token}` },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      clientId: "CustomApiClient",
      subject: "CustomApiClient",
      scopes: ["pd_ConnectWebApi"],
      dataSources: ["b78c3707-d7c7-4fc7-b97f-87d70f63c1ac"],
      via: "client-credentials",
    });
  });

  it("gets a token with the credentials in the form (client_secret_post)", async () => {
    const result = await clientCredentials(
      oauth.ClientSecretPost("Other_Secret_456"),
      "OtherClient",
      "pd_ConnectWebApi pd_AdminWebApi",
    );
    expect(result.scope).toBe("pd_ConnectWebApi pd_AdminWebApi");
  });

  it("issues tokens that a standard RFC 9068 resource server accepts", async () => {
    const as = await discover();
    const token = await tokenFor("CustomApiClient", "CustomClient_Secret_123");
    const request = new Request(`${ORIGIN}${CONNECT_PATH}`, {
      headers: { authorization: `Bearer ${token}` },
    });

    const claims = await oauth.validateJwtAccessToken(as, request, TOKEN_AUDIENCE, {
      ...intoApp,
      signingAlgorithms: ["ES256"],
    });
    expect(claims.client_id).toBe("CustomApiClient");
  });
});

describe("issued tokens", () => {
  it("carry issuer, audience, client, scope, lifetime and id, signed under the published kid", async () => {
    const token = await tokenFor("OtherClient", "Other_Secret_456");
    const header = decodeProtectedHeader(token);
    const claims = decodeJwt(token);

    expect(header).toEqual({
      alg: "ES256",
      typ: "at+jwt",
      kid: await calculateJwkThumbprint(publicJwk, "sha256"),
    });
    expect(claims).toMatchObject({
      iss: ISSUER,
      aud: TOKEN_AUDIENCE,
      sub: "OtherClient",
      client_id: "OtherClient",
      scope: "pd_ConnectWebApi pd_AdminWebApi",
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(ACCESS_TOKEN_TTL_SECONDS);
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("get a fresh jti each time", async () => {
    const first = decodeJwt(await tokenFor("CustomApiClient", "CustomClient_Secret_123"));
    const second = decodeJwt(await tokenFor("CustomApiClient", "CustomClient_Secret_123"));
    expect(first.jti).not.toBe(second.jti);
  });
});

describe("GET /ids/.well-known/openid-configuration", () => {
  it("describes the issuer, the endpoints and what they support", async () => {
    const res = await call("/ids/.well-known/openid-configuration");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
    expect(await res.json()).toMatchObject({
      issuer: ISSUER,
      token_endpoint: `${ORIGIN}/ids/connect/token`,
      jwks_uri: `${ORIGIN}/ids/.well-known/jwks`,
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      scopes_supported: ["pd_ConnectWebApi", "pd_AdminWebApi"],
      id_token_signing_alg_values_supported: ["ES256"],
    });
  });

  it("answers the same document at the root and at the RFC 8414 location", async () => {
    const expected: unknown = await (await call("/ids/.well-known/openid-configuration")).json();
    for (const path of [
      "/.well-known/openid-configuration",
      "/.well-known/oauth-authorization-server/ids",
    ]) {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(expected);
    }
  });

  it("names the host it was asked on", async () => {
    const res = await call("http://localhost:8787/ids/.well-known/openid-configuration");
    const doc: { issuer: string } = await res.json();
    expect(doc.issuer).toBe("http://localhost:8787/ids");
  });
});

describe("GET /ids/.well-known/jwks", () => {
  it("publishes the public signing key and nothing private", async () => {
    const res = await call("/ids/.well-known/jwks");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);

    const body: { keys: Record<string, string>[] } = await res.json();
    expect(body.keys).toEqual([
      {
        ...publicJwk,
        kid: await calculateJwkThumbprint(publicJwk, "sha256"),
        alg: "ES256",
        use: "sig",
      },
    ]);
  });
});
