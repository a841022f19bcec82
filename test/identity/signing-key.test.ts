import { env } from "cloudflare:workers";
import { calculateJwkThumbprint, decodeProtectedHeader, importJWK, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";

import { ConfigurationError } from "../../src/config/runtime.ts";
import {
  generateSigningKeyJwk,
  signingKeysOf,
  SIGNING_ALGORITHM,
} from "../../src/identity/signing-key.ts";
import { issueAccessToken } from "../../src/identity/tokens.ts";
import { testSigningKey } from "../bindings.ts";
import { call, callWithToken, ISSUER, postToken, type Bindings } from "./harness.ts";

const GRANT = {
  grant_type: "client_credentials",
  client_id: "CustomApiClient",
  client_secret: "CustomClient_Secret_123",
};

function withSigningKey(secretText: string): Bindings {
  return { ...env, SIGNING_KEY: secretText };
}

async function tokenFrom(bindings: Bindings): Promise<string> {
  const res = await postToken(GRANT, {}, bindings);
  const body: { access_token: string } = await res.json();
  return body.access_token;
}

describe("generateSigningKeyJwk", () => {
  it("makes a P-256 private JWK that signs tokens our verifier accepts", async () => {
    const text = await generateSigningKeyJwk();
    const jwk: unknown = JSON.parse(text);
    expect(jwk).toMatchObject({ kty: "EC", crv: "P-256" });
    expect(Object.keys(jwk ?? {}).sort()).toEqual(["crv", "d", "kty", "x", "y"]);

    const keys = await signingKeysOf(text);
    const issued = await issueAccessToken(keys.active, {
      issuer: ISSUER,
      clientId: "CustomApiClient",
      scopes: ["pd_ConnectWebApi"],
      now: Math.floor(Date.now() / 1000),
    });
    const { payload } = await jwtVerify(issued.accessToken, keys.verifyKeys, {
      algorithms: [SIGNING_ALGORITHM],
    });
    expect(payload.client_id).toBe("CustomApiClient");
  });

  it("makes a different key each time", async () => {
    expect(await generateSigningKeyJwk()).not.toBe(await generateSigningKeyJwk());
  });
});

describe("signingKeysOf", () => {
  it("imports a key once per secret text", async () => {
    const text = JSON.stringify(testSigningKey);
    expect(await signingKeysOf(text)).toBe(await signingKeysOf(text));
  });

  it("names the key by its RFC 7638 thumbprint and publishes only the public half", async () => {
    const keys = await signingKeysOf(JSON.stringify(testSigningKey));
    const { kty, crv, x, y } = testSigningKey;
    const kid = await calculateJwkThumbprint({ kty, crv, x, y }, "sha256");

    expect(keys.active.kid).toBe(kid);
    expect(keys.publicJwks).toEqual([{ kty, crv, x, y, kid, alg: "ES256", use: "sig" }]);
    await expect(importJWK({ kty, crv, x, y }, "ES256")).resolves.toBeDefined();
  });

  it("refuses a secret that is not an EC P-256 private key, without echoing it", async () => {
    const { kty, crv, x, y } = testSigningKey;
    const publicOnly = { kty, crv, x, y };
    const rsaLike = { kty: "RSA", n: "secret-material", e: "AQAB", d: "secret-material" };
    for (const text of ["not json", JSON.stringify(publicOnly), JSON.stringify(rsaLike), "[]"]) {
      const failure = signingKeysOf(text);
      await expect(failure).rejects.toBeInstanceOf(ConfigurationError);
      await expect(failure).rejects.not.toThrow(/secret-material|not json/);
    }
  });
});

describe("key rotation", () => {
  it("signs with the first key of a list and still accepts tokens signed with the others", async () => {
    const oldKey = JSON.stringify(testSigningKey);
    const newKey = await generateSigningKeyJwk();
    const tokenBefore = await tokenFrom(withSigningKey(oldKey));

    const rotating = withSigningKey(`[${newKey}, ${oldKey}]`);
    const jwks: { keys: { kid: string }[] } = await (
      await call("/ids/.well-known/jwks", {}, rotating)
    ).json();
    const newKid = (await signingKeysOf(newKey)).active.kid;
    const oldKid = (await signingKeysOf(oldKey)).active.kid;
    expect(jwks.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);

    const tokenAfter = await tokenFrom(rotating);
    expect(decodeProtectedHeader(tokenAfter).kid).toBe(newKid);
    expect((await callWithToken(tokenBefore, undefined, rotating)).status).toBe(200);
    expect((await callWithToken(tokenAfter, undefined, rotating)).status).toBe(200);

    const rotated = withSigningKey(newKey);
    expect((await callWithToken(tokenBefore, undefined, rotated)).status).toBe(401);
    expect((await callWithToken(tokenAfter, undefined, rotated)).status).toBe(200);
  });
});
