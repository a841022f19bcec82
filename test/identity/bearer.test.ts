import { env } from "cloudflare:workers";
import { base64url, generateKeyPair, SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";

import { testSigningKey } from "../bindings.ts";
import {
  ADMIN_PATH,
  call,
  callWithToken,
  forge,
  nowSeconds,
  testConfig,
  testKid,
  tokenFor,
  unsecured,
  validClaims,
  withConfig,
} from "./harness.ts";

const INVALID_TOKEN = 'Bearer realm="connect-session", error="invalid_token"';

async function expectInvalidToken(res: Response): Promise<void> {
  expect(res.status).toBe(401);
  expect(res.headers.get("www-authenticate")).toBe(INVALID_TOKEN);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(await res.json()).toEqual({
    type: "urn:connect-session:problem:unauthorized",
    title: "Authentication required",
    status: 401,
    detail: "A valid bearer access token is required.",
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("requireBearer", () => {
  it("admits a token from the token endpoint and puts the principal on the context", async () => {
    const token = await tokenFor("CustomApiClient", "CustomClient_Secret_123");
    const res = await callWithToken(token);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      clientId: "CustomApiClient",
      subject: "CustomApiClient",
      displayName: null,
      scopes: ["pd_ConnectWebApi"],
      dataSources: ["b78c3707-d7c7-4fc7-b97f-87d70f63c1ac"],
      via: "client-credentials",
    });
  });

  it("accepts the scheme name in any case", async () => {
    const token = await tokenFor("CustomApiClient", "CustomClient_Secret_123");
    const res = await call("/api/connect-only", { headers: { authorization: `bearer ${token}` } });
    expect(res.status).toBe(200);
  });

  it("answers 401 with a bare challenge when the Authorization header is missing", async () => {
    const res = await call("/api/connect-only");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="connect-session"');
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 401 with a bare challenge for Basic credentials instead of a bearer token", async () => {
    const res = await call("/api/connect-only", {
      headers: { authorization: `Basic ${btoa("CustomApiClient:CustomClient_Secret_123")}` },
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="connect-session"');
  });

  it("answers 400 invalid_request for a malformed Authorization header", async () => {
    for (const authorization of ["Bearer", "Bearer a b", "Bearer to%ken", "Bearer a,b"]) {
      const res = await call("/api/connect-only", { headers: { authorization } });
      expect(res.status).toBe(400);
      expect(res.headers.get("www-authenticate")).toBe(
        'Bearer realm="connect-session", error="invalid_request"',
      );
    }
  });

  it("answers 401 invalid_token for a token that is not a JWT", async () => {
    await expectInvalidToken(await callWithToken("not-a-jwt"));
  });

  it("answers 401 invalid_token for an expired token", async () => {
    const now = nowSeconds();
    const token = await forge({ ...validClaims(), iat: now - 7200, exp: now - 3600 });
    await expectInvalidToken(await callWithToken(token));
  });

  it("answers 401 invalid_token for a token without exp", async () => {
    const claims = validClaims();
    delete claims.exp;
    await expectInvalidToken(await callWithToken(await forge(claims)));
  });

  it("answers 401 invalid_token for an HS256 token, whatever secret was guessed", async () => {
    const publicJwkText = JSON.stringify({
      kty: testSigningKey.kty,
      crv: testSigningKey.crv,
      x: testSigningKey.x,
      y: testSigningKey.y,
    });
    const guesses = ["CustomClient_Secret_123", publicJwkText];
    for (const guess of guesses) {
      const token = await new SignJWT(validClaims())
        .setProtectedHeader({ alg: "HS256", typ: "at+jwt", kid: await testKid() })
        .sign(new TextEncoder().encode(guess));
      await expectInvalidToken(await callWithToken(token));
    }
  });

  it("answers 401 invalid_token for an unsigned token (alg none)", async () => {
    await expectInvalidToken(await callWithToken(unsecured(validClaims())));
  });

  it("answers 401 invalid_token for another audience", async () => {
    const token = await forge({ ...validClaims(), aud: "some-other-api" });
    await expectInvalidToken(await callWithToken(token));
  });

  it("answers 401 invalid_token for another issuer", async () => {
    const token = await forge({ ...validClaims(), iss: "https://elsewhere.example/ids" });
    await expectInvalidToken(await callWithToken(token));
  });

  it("answers 401 invalid_token for a token issued on another host", async () => {
    const token = await tokenFor("CustomApiClient", "CustomClient_Secret_123");
    const res = await call("https://other-host.example/api/connect-only", {
      headers: { authorization: `Bearer ${token}` },
    });
    await expectInvalidToken(res);
  });

  it("answers 401 invalid_token for a JWT that is not typed as an access token", async () => {
    const token = await forge(validClaims(), { typ: "JWT" });
    await expectInvalidToken(await callWithToken(token));
  });

  it("answers 401 invalid_token for a tampered payload", async () => {
    const token = await tokenFor("CustomApiClient", "CustomClient_Secret_123");
    const [header, , signature] = token.split(".");
    const payload = base64url.encode(
      JSON.stringify({ ...validClaims(), client_id: "OtherClient", sub: "OtherClient" }),
    );
    await expectInvalidToken(await callWithToken(`${header ?? ""}.${payload}.${signature ?? ""}`));
  });

  it("answers 401 invalid_token for a token signed by another key under our kid", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const token = await forge(validClaims(), { key: privateKey });
    await expectInvalidToken(await callWithToken(token));
  });

  it("answers 401 invalid_token for a token signed by a key we do not know", async () => {
    const { privateKey } = await generateKeyPair("ES256");
    const token = await forge(validClaims(), { key: privateKey, kid: "unknown-kid" });
    await expectInvalidToken(await callWithToken(token));
  });

  it("answers 401 invalid_token once the token's client is removed from the configuration", async () => {
    const token = await tokenFor("CustomApiClient", "CustomClient_Secret_123");
    const config = {
      ...testConfig,
      clients: testConfig.clients.filter((c) => c.id !== "CustomApiClient"),
    };
    await expectInvalidToken(await callWithToken(token, undefined, withConfig(config)));
  });

  it("takes the data sources from the configuration, not from the token", async () => {
    const token = await tokenFor("CustomApiClient", "CustomClient_Secret_123");
    const config = {
      ...testConfig,
      clients: testConfig.clients.map((c) =>
        c.id === "CustomApiClient" ? { ...c, dataSources: [] } : c,
      ),
    };
    const res = await callWithToken(token, undefined, withConfig(config));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dataSources: [] });
  });

  it("answers 403 insufficient_scope for an admin-only client on the Connect API", async () => {
    const token = await tokenFor("DemoAdminClient", "Other_Secret_456");
    const res = await callWithToken(token);
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toBe(
      'Bearer realm="connect-session", error="insufficient_scope", scope="pd_ConnectWebApi"',
    );
    expect(await res.json()).toMatchObject({ status: 403, title: "Forbidden" });
  });

  it("answers 403 insufficient_scope once a scope is taken from the client", async () => {
    const token = await tokenFor("OtherClient", "Other_Secret_456");
    expect((await callWithToken(token, ADMIN_PATH)).status).toBe(200);

    const config = {
      ...testConfig,
      clients: testConfig.clients.map((c) =>
        c.id === "OtherClient" ? { ...c, scopes: ["pd_ConnectWebApi"] } : c,
      ),
    };
    expect((await callWithToken(token, ADMIN_PATH, withConfig(config))).status).toBe(403);
  });

  it("answers 403 for a token limited to another scope, though the client holds both", async () => {
    const token = await tokenFor("OtherClient", "Other_Secret_456", "pd_AdminWebApi");
    expect((await callWithToken(token)).status).toBe(403);
  });

  it("logs the exact reason in one line, never the token", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    const now = nowSeconds();
    const token = await forge({ ...validClaims(), iat: now - 7200, exp: now - 3600 });
    await callWithToken(token, undefined, env);

    const lines = log.mock.calls.map((args) => String(args[0]));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "{}")).toMatchObject({
      event: "bearer-refused",
      path: "/api/connect-only",
      reason: "expired",
    });
    expect(lines[0]).not.toContain(token.split(".")[1]);
  });
});
