import { afterEach, describe, expect, it, vi } from "vitest";

import { hashSecret } from "../../src/identity/secret-hash.ts";
import { MAX_TOKEN_REQUEST_BYTES } from "../../src/identity/token-request.ts";
import { basic, call, postToken, testConfig, withConfig } from "./harness.ts";

const GRANT = { grant_type: "client_credentials" };
const CUSTOM = { client_id: "CustomApiClient", client_secret: "CustomClient_Secret_123" };

interface TokenAnswer {
  access_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
}

async function answer(res: Response): Promise<TokenAnswer> {
  return res.json();
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("POST /ids/connect/token", () => {
  it("answers a token, not to be cached, with all the client's scopes when none is asked", async () => {
    const res = await postToken({
      ...GRANT,
      client_id: "OtherClient",
      client_secret: "Other_Secret_456",
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");

    const body = await answer(res);
    expect(body.token_type).toBe("Bearer");
    expect(body.expires_in).toBe(3600);
    expect(body.scope).toBe("pd_ConnectWebApi pd_AdminWebApi");
    expect(body.access_token?.split(".")).toHaveLength(3);
  });

  it("grants only the scopes asked for", async () => {
    const res = await postToken({
      ...GRANT,
      client_id: "OtherClient",
      client_secret: "Other_Secret_456",
      scope: "pd_AdminWebApi",
    });
    expect((await answer(res)).scope).toBe("pd_AdminWebApi");
  });

  it("answers 401 invalid_client for a wrong secret, without naming the cause", async () => {
    const res = await postToken({ ...GRANT, ...CUSTOM, client_secret: "wrong" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBeNull();
    expect(await answer(res)).toEqual({
      error: "invalid_client",
      error_description: "Client authentication failed.",
    });
  });

  it("answers 401 invalid_client with the same text for an unknown client", async () => {
    const res = await postToken({ ...GRANT, client_id: "NoSuchClient", client_secret: "x" });
    expect(res.status).toBe(401);
    expect(await answer(res)).toEqual({
      error: "invalid_client",
      error_description: "Client authentication failed.",
    });
  });

  it("answers 401 with a Basic challenge when wrong Basic credentials were sent", async () => {
    const res = await postToken(GRANT, { authorization: basic("CustomApiClient", "wrong") });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic realm="connect-session"/);
    expect((await answer(res)).error).toBe("invalid_client");
  });

  it("answers 401 invalid_client when no credentials are sent", async () => {
    const res = await postToken({ ...GRANT, client_id: "CustomApiClient" });
    expect(res.status).toBe(401);
    expect((await answer(res)).error).toBe("invalid_client");
  });

  it("answers 401 invalid_client for Basic credentials that are not base64", async () => {
    const res = await postToken(GRANT, { authorization: "Basic %%%" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic /);
  });

  it("answers 400 invalid_scope for a scope nobody has", async () => {
    const res = await postToken({ ...GRANT, ...CUSTOM, scope: "pd_Everything" });
    expect(res.status).toBe(400);
    expect(await answer(res)).toMatchObject({ error: "invalid_scope" });
  });

  it("answers 400 invalid_scope for a scope the client lacks, even next to one it has", async () => {
    const res = await postToken({ ...GRANT, ...CUSTOM, scope: "pd_ConnectWebApi pd_AdminWebApi" });
    expect(res.status).toBe(400);
    const body = await answer(res);
    expect(body.error).toBe("invalid_scope");
    expect(body.error_description).toContain("pd_AdminWebApi");
  });

  it("answers 400 unsupported_grant_type for another grant", async () => {
    const res = await postToken({ ...CUSTOM, grant_type: "password" });
    expect(res.status).toBe(400);
    expect((await answer(res)).error).toBe("unsupported_grant_type");
  });

  it("answers 400 invalid_request without a grant_type", async () => {
    const res = await postToken(CUSTOM);
    expect(res.status).toBe(400);
    expect((await answer(res)).error).toBe("invalid_request");
  });

  it("answers 405 with Allow: POST to a GET", async () => {
    const res = await call("/ids/connect/token");
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("POST");
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 400 invalid_request for a JSON body", async () => {
    const res = await call("/ids/connect/token", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...GRANT, ...CUSTOM }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect((await answer(res)).error).toBe("invalid_request");
  });

  it("answers 400 invalid_request for a repeated parameter", async () => {
    const res = await call("/ids/connect/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `${new URLSearchParams({ ...GRANT, ...CUSTOM }).toString()}&scope=a&scope=b`,
    });
    expect(res.status).toBe(400);
    expect((await answer(res)).error).toBe("invalid_request");
  });

  it("answers 400 invalid_request when Basic and client_secret are both sent", async () => {
    const res = await postToken(
      { ...GRANT, client_secret: "CustomClient_Secret_123" },
      { authorization: basic("CustomApiClient", "CustomClient_Secret_123") },
    );
    expect(res.status).toBe(400);
    expect((await answer(res)).error).toBe("invalid_request");
  });

  it("answers 400 invalid_request for a body over the limit", async () => {
    const res = await postToken({
      ...GRANT,
      ...CUSTOM,
      padding: "x".repeat(MAX_TOKEN_REQUEST_BYTES),
    });
    expect(res.status).toBe(400);
    expect((await answer(res)).error).toBe("invalid_request");
  });

  it("decodes form-encoded Basic credentials (RFC 6749 §2.3.1)", async () => {
    const secret = "p@ss:wörd+&=1";
    const config = {
      ...testConfig,
      clients: [
        ...testConfig.clients,
        {
          id: "Client With: Colon",
          secretHash: await hashSecret(secret),
          scopes: ["pd_ConnectWebApi"],
          dataSources: [],
        },
      ],
    };

    const res = await postToken(
      GRANT,
      { authorization: basic("Client With: Colon", secret) },
      withConfig(config),
    );
    expect(res.status).toBe(200);
  });

  it("logs the exact reason of a refusal, never the secret", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    await postToken({ ...GRANT, ...CUSTOM, client_secret: "Secret_That_Must_Not_Leak" });

    const lines = log.mock.calls.map((args) => String(args[0]));
    const line = lines.find((l) => l.includes("token-refused"));
    expect(line).toBeDefined();
    expect(JSON.parse(line ?? "{}")).toMatchObject({
      event: "token-refused",
      clientId: "CustomApiClient",
      error: "invalid_client",
      reason: "wrong-secret",
    });
    expect(lines.join("\n")).not.toContain("Secret_That_Must_Not_Leak");
  });
});

describe("secret verification cache", () => {
  it("skips the slow hash for a secret this isolate already verified", async () => {
    expect((await postToken({ ...GRANT, ...CUSTOM })).status).toBe(200);

    const derive = vi.spyOn(crypto.subtle, "deriveBits");
    expect((await postToken({ ...GRANT, ...CUSTOM })).status).toBe(200);
    expect(derive).not.toHaveBeenCalled();
  });

  it("runs the slow hash again for every wrong secret", async () => {
    const derive = vi.spyOn(crypto.subtle, "deriveBits");
    await postToken({ ...GRANT, ...CUSTOM, client_secret: "wrong" });
    await postToken({ ...GRANT, ...CUSTOM, client_secret: "wrong" });
    expect(derive).toHaveBeenCalledTimes(2);
  });

  it("refuses a verified secret once the configuration holds another hash", async () => {
    expect((await postToken({ ...GRANT, ...CUSTOM })).status).toBe(200);

    const otherHash = testConfig.clients[1]?.secretHash ?? "";
    const rotated = {
      ...testConfig,
      clients: testConfig.clients.map((c) =>
        c.id === "CustomApiClient" ? { ...c, secretHash: otherHash } : c,
      ),
    };
    const bindings = withConfig(rotated);
    expect((await postToken({ ...GRANT, ...CUSTOM }, {}, bindings)).status).toBe(401);
    const renewed = { ...GRANT, client_id: "CustomApiClient", client_secret: "Other_Secret_456" };
    expect((await postToken(renewed, {}, bindings)).status).toBe(200);
  });
});
