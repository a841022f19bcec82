import { env } from "cloudflare:workers";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { SECOND_DATA_SOURCE } from "../bindings.ts";
import { callWithToken, nowSeconds, testConfig, withConfig, type Bindings } from "./harness.ts";

const ISSUER = "https://login.idp.example/tenant";
const AUDIENCE = "api://connect-session";

let rsaKey: CryptoKey;
let ecKey: CryptoKey;
let jwks: { keys: object[] };

beforeAll(async () => {
  const rsa = await generateKeyPair("RS256");
  const ec = await generateKeyPair("ES256");
  rsaKey = rsa.privateKey;
  ecKey = ec.privateKey;
  jwks = {
    keys: [
      { ...(await exportJWK(rsa.publicKey)), kid: "rsa-1", alg: "RS256" },
      { ...(await exportJWK(ec.publicKey)), kid: "ec-1", alg: "ES256" },
    ],
  };
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Bindings with an external issuer whose key set lives at `jwksUrl`. */
function externalBindings(jwksUrl: string, algorithms = ["RS256"]): Bindings {
  return withConfig({
    ...testConfig,
    externalIssuer: {
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksUrl,
      algorithms,
      clientClaim: "azp",
      dataSources: [SECOND_DATA_SOURCE],
    },
  });
}

/** Serves the issuer's key set at `jwksUrl`; every other outbound call fails the test. */
function serveJwks(jwksUrl: string) {
  return vi.spyOn(globalThis, "fetch").mockImplementation((input) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== jwksUrl) throw new Error(`unexpected fetch of ${url}`);
    return Promise.resolve(Response.json(jwks));
  });
}

function externalClaims(): JWTPayload {
  const now = nowSeconds();
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: "service-principal-42",
    azp: "erp-system",
    scope: "pd_ConnectWebApi",
    iat: now,
    exp: now + 600,
  };
}

async function signRsa(claims: JWTPayload, kid = "rsa-1", key = rsaKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).sign(key);
}

describe("requireBearer with an external issuer", () => {
  it("admits its tokens, verified against its JWKS, with the configured data sources", async () => {
    const jwksUrl = "https://login.idp.example/tenant/keys-ok";
    const fetch = serveJwks(jwksUrl);
    const bindings = externalBindings(jwksUrl);

    const res = await callWithToken(await signRsa(externalClaims()), undefined, bindings);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      clientId: "external:erp-system",
      subject: "service-principal-42",
      displayName: null,
      scopes: ["pd_ConnectWebApi"],
      dataSources: [SECOND_DATA_SOURCE],
      via: "external-issuer",
    });

    // The key set is kept per isolate: a second token needs no second fetch.
    expect((await callWithToken(await signRsa(externalClaims()), undefined, bindings)).status).toBe(
      200,
    );
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("reads scopes from an `scp` list as some providers send them", async () => {
    const jwksUrl = "https://login.idp.example/tenant/keys-scp";
    serveJwks(jwksUrl);
    const claims = externalClaims();
    delete claims.scope;

    const token = await signRsa({ ...claims, scp: ["pd_ConnectWebApi"] });
    expect((await callWithToken(token, undefined, externalBindings(jwksUrl))).status).toBe(200);
  });

  it("answers 401 invalid_token for another audience", async () => {
    const jwksUrl = "https://login.idp.example/tenant/keys-aud";
    serveJwks(jwksUrl);
    const token = await signRsa({ ...externalClaims(), aud: "api://something-else" });

    const res = await callWithToken(token, undefined, externalBindings(jwksUrl));
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("answers 401 invalid_token when expired", async () => {
    const jwksUrl = "https://login.idp.example/tenant/keys-exp";
    serveJwks(jwksUrl);
    const now = nowSeconds();
    const token = await signRsa({ ...externalClaims(), iat: now - 7200, exp: now - 3600 });

    expect((await callWithToken(token, undefined, externalBindings(jwksUrl))).status).toBe(401);
  });

  it("answers 401 invalid_token for an algorithm the configuration does not allow", async () => {
    const jwksUrl = "https://login.idp.example/tenant/keys-alg";
    serveJwks(jwksUrl);
    const token = await new SignJWT(externalClaims())
      .setProtectedHeader({ alg: "ES256", kid: "ec-1" })
      .sign(ecKey);

    const onlyRsa = externalBindings(jwksUrl, ["RS256"]);
    expect((await callWithToken(token, undefined, onlyRsa)).status).toBe(401);
    const both = externalBindings(jwksUrl, ["RS256", "ES256"]);
    expect((await callWithToken(token, undefined, both)).status).toBe(200);
  });

  it("answers 401 invalid_token when signed by a key outside the issuer's JWKS", async () => {
    const jwksUrl = "https://login.idp.example/tenant/keys-foreign";
    serveJwks(jwksUrl);
    const { privateKey } = await generateKeyPair("RS256");
    const token = await signRsa(externalClaims(), "rsa-1", privateKey);

    expect((await callWithToken(token, undefined, externalBindings(jwksUrl))).status).toBe(401);
  });

  it("answers 401 invalid_token without the configured client claim", async () => {
    const jwksUrl = "https://login.idp.example/tenant/keys-claim";
    serveJwks(jwksUrl);
    const claims = externalClaims();
    delete claims.azp;

    const res = await callWithToken(await signRsa(claims), undefined, externalBindings(jwksUrl));
    expect(res.status).toBe(401);
  });

  it("answers 403 insufficient_scope without the Connect scope", async () => {
    const jwksUrl = "https://login.idp.example/tenant/keys-scope";
    serveJwks(jwksUrl);
    const token = await signRsa({ ...externalClaims(), scope: "pd_AdminWebApi" });

    const res = await callWithToken(token, undefined, externalBindings(jwksUrl));
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
  });

  it("answers 401 invalid_token while the issuer's JWKS cannot be reached", async () => {
    const jwksUrl = "https://login.idp.example/tenant/keys-down";
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("network connection lost"));

    const res = await callWithToken(
      await signRsa(externalClaims()),
      undefined,
      externalBindings(jwksUrl),
    );
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("answers 401 invalid_token, without any fetch, when no external issuer is configured", async () => {
    const fetch = vi.spyOn(globalThis, "fetch");

    const res = await callWithToken(await signRsa(externalClaims()), undefined, env);
    expect(res.status).toBe(401);
    expect(fetch).not.toHaveBeenCalled();
  });
});
