import { env } from "cloudflare:workers";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from "jose";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { SAMPLE_WITH_DOWNLOAD_XML } from "../../demo/sample-payload.ts";
import { app } from "../../src/app.ts";
import { DEMO_DATA_SOURCE, testConfig } from "../bindings.ts";
import { CLIENTS, createSession, ORIGIN, tokenFor, uploadDemoTemplates } from "../support/api.ts";

const ISSUER = "https://login.provider.example/realm";
const CLIENT_ID = "connect-web";
const CLIENT_SECRET = "provider-client-secret";
const REDIRECT_URI = `${ORIGIN}/app/web/signin/callback`;
const SIGN_IN_COOKIE = "__Host-connect-web";
const FLOW_COOKIE = "connect-web-oidc";

let providerKey: CryptoKey;
let jwks: { keys: object[] };
let apiToken: string;

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  providerKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "provider-1", alg: "RS256" }] };
  await uploadDemoTemplates();
  apiToken = await tokenFor(CLIENTS.custom);
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The test bindings with the provider configured; `clientSecret: null` makes a public client. */
function oidcBindings(clientSecret: string | null = CLIENT_SECRET): typeof env {
  const oidc = {
    issuer: ISSUER,
    clientId: CLIENT_ID,
    displayName: "Example ID",
    dataSources: [DEMO_DATA_SOURCE],
    ...(clientSecret ? { clientSecret } : {}),
  };
  return { ...env, CONNECT_CONFIG: JSON.stringify({ ...testConfig, webSignIn: { oidc } }) };
}

/** A browser stand-in that keeps cookies and talks to the app with the given bindings. */
class Browser {
  readonly cookies = new Map<string, string>();
  readonly #bindings: typeof env;

  constructor(bindings: typeof env) {
    this.#bindings = bindings;
  }

  async get(pathOrUrl: string): Promise<Response> {
    const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${ORIGIN}${pathOrUrl}`;
    const jar = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await app.request(url, { headers: jar ? { cookie: jar } : {} }, this.#bindings);
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, at));
      else this.cookies.set(pair.slice(0, at), value);
    }
    return res;
  }
}

interface ProviderOptions {
  /** Answer of the token endpoint instead of a good one. */
  tokenAnswer?: Response;
  /** Claims that replace the ones a good ID token would carry. */
  claims?: JWTPayload;
  /** Signs the ID token with this key instead of the provider's published one. */
  signingKey?: CryptoKey;
}

/**
 * A fake OpenID Connect provider behind `fetch`: discovery, token endpoint and key set. The
 * token endpoint checks the code and the PKCE verifier against the authorization request the
 * test read from the redirect, like a real provider would.
 */
function fakeProvider(options: ProviderOptions = {}) {
  const seen = { tokenRequests: [] as URLSearchParams[], nonce: "", challenge: "" };
  const fetch = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url === `${ISSUER}/.well-known/openid-configuration`) {
      return Response.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/authorize`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: `${ISSUER}/jwks`,
        response_types_supported: ["code"],
        id_token_signing_alg_values_supported: ["RS256"],
        code_challenge_methods_supported: ["S256"],
      });
    }
    if (url === `${ISSUER}/jwks`) return Response.json(jwks);
    if (url !== `${ISSUER}/token`) throw new Error(`unexpected fetch of ${url}`);

    const form = init?.body instanceof URLSearchParams ? init.body : new URLSearchParams();
    seen.tokenRequests.push(form);
    if (options.tokenAnswer) return options.tokenAnswer;
    if (
      form.get("code") !== "code-123" ||
      (await s256(form.get("code_verifier"))) !== seen.challenge
    ) {
      return Response.json({ error: "invalid_grant" }, { status: 400 });
    }
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({
      iss: ISSUER,
      aud: CLIENT_ID,
      sub: "248289761001",
      name: "Ada Lovelace",
      email: "ada@example.org",
      nonce: seen.nonce,
      iat: now,
      exp: now + 300,
      ...options.claims,
    })
      .setProtectedHeader({ alg: "RS256", kid: "provider-1" })
      .sign(options.signingKey ?? providerKey);
    return Response.json({ access_token: "at", token_type: "Bearer", id_token: idToken });
  });
  return { fetch, seen };
}

async function s256(verifier: string | null): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier ?? ""));
  return btoa(String.fromCharCode(...new Uint8Array(digest)))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Starts the sign-in and plays the provider's part up to the authorization response. */
async function startAtProvider(browser: Browser, seen: { nonce: string; challenge: string }) {
  const res = await browser.get("/app/web/signin/oidc?returnTo=%2Fapp%2Fweb%2Fconnect%3Fx%3D1");
  const location = new URL(res.headers.get("location") ?? "");
  seen.nonce = location.searchParams.get("nonce") ?? "";
  seen.challenge = location.searchParams.get("code_challenge") ?? "";
  return { res, location, state: location.searchParams.get("state") ?? "" };
}

function callback(params: Record<string, string>): string {
  return `${REDIRECT_URI}?${new URLSearchParams(params).toString()}`;
}

/** The reasons of the structured lines the app logged for failed sign-ins. */
function failureReasons(log: { mock: { calls: unknown[][] } }): (string | undefined)[] {
  return log.mock.calls
    .map(([line]) => (typeof line === "string" ? line : ""))
    .filter((line) => line.includes('"web-oidc-sign-in-failed"'))
    .map((line) => /"reason":"([^"]+)"/.exec(line)?.[1]);
}

describe("web sign-in page with an OpenID Connect provider", () => {
  it("offers the provider's button with the lead text in the person's language", async () => {
    const res = await new Browser(oidcBindings()).get("/app/web/signin?lang=de");
    const html = await res.text();

    expect(html).toContain("Oder melden Sie sich mit dem Konto Ihrer Organisation an:");
    expect(html).toContain('href="/app/web/signin/oidc?returnTo=%2Fapp%2Fweb%2F"');
    expect(html).toContain("Anmelden mit Example ID");
  });

  it("shows no provider button when none is configured", async () => {
    const res = await new Browser(env).get("/app/web/signin");

    expect(await res.text()).not.toContain("/app/web/signin/oidc");
  });
});

describe("GET /app/web/signin/oidc", () => {
  it("redirects to the provider with an S256 challenge, state, nonce and our client", async () => {
    const { seen } = fakeProvider();
    const browser = new Browser(oidcBindings());
    const { res, location, state } = await startAtProvider(browser, seen);

    expect(res.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(`${ISSUER}/authorize`);
    const query = location.searchParams;
    expect(query.get("response_type")).toBe("code");
    expect(query.get("client_id")).toBe(CLIENT_ID);
    expect(query.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(query.get("scope")).toBe("openid profile email");
    expect(query.get("code_challenge_method")).toBe("S256");
    expect(seen.challenge).toMatch(/^[\w-]{43}$/);
    expect(state).not.toBe("");
    expect(seen.nonce).not.toBe("");
    const flow = res.headers.getSetCookie().find((c) => c.startsWith(`${FLOW_COOKIE}=`));
    expect(flow).toMatch(/HttpOnly/);
    expect(flow).toMatch(/SameSite=Lax/);
    expect(flow).toMatch(/Max-Age=600/);
    expect(flow).toMatch(/Path=\/app\/web\/signin/);
  });
});

describe("GET /app/web/signin/callback", () => {
  it("signs the person in and opens a session of the configured data source as them", async () => {
    const { fetch, seen } = fakeProvider();
    const browser = new Browser(oidcBindings());
    const { state } = await startAtProvider(browser, seen);

    const res = await browser.get(callback({ code: "code-123", state }));

    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/app/web/connect?x=1");
    expect(browser.cookies.has(SIGN_IN_COOKIE)).toBe(true);
    expect(browser.cookies.has(FLOW_COOKIE)).toBe(false);
    const tokenRequest = seen.tokenRequests[0];
    expect(tokenRequest?.get("redirect_uri")).toBe(REDIRECT_URI);
    expect(tokenRequest?.get("client_secret")).toBe(CLIENT_SECRET);
    for (const [, init] of fetch.mock.calls) {
      expect(init?.redirect).toBe("manual");
      expect(init?.signal).toBeInstanceOf(AbortSignal);
    }

    const sessionId = await createSession(apiToken, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await browser.get(`/app/web/connect?sessionId=${sessionId}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Signed in as Ada Lovelace");
    expect(html).toContain('value="From Sample Script"');
  });

  it("redeems the code with PKCE alone when no client secret is configured", async () => {
    const { seen } = fakeProvider({ claims: { name: undefined } });
    const browser = new Browser(oidcBindings(null));
    const { state } = await startAtProvider(browser, seen);

    const res = await browser.get(callback({ code: "code-123", state }));
    const home = await (await browser.get("/app/web/")).text();

    expect(res.status).toBe(303);
    expect(seen.tokenRequests[0]?.has("client_secret")).toBe(false);
    expect(seen.tokenRequests[0]?.get("client_id")).toBe(CLIENT_ID);
    expect(home).toContain("Signed in as ada@example.org");
  });

  it("refuses a callback with another state and keeps the person signed out", async () => {
    const { seen } = fakeProvider();
    const log = vi.spyOn(console, "log");
    const browser = new Browser(oidcBindings());
    await startAtProvider(browser, seen);

    const res = await browser.get(callback({ code: "code-123", state: "forged" }));

    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The sign-in took too long or was started in another");
    expect(browser.cookies.has(SIGN_IN_COOKIE)).toBe(false);
    expect(browser.cookies.has(FLOW_COOKIE)).toBe(false);
    expect(seen.tokenRequests).toHaveLength(0);
    expect(failureReasons(log)).toEqual(["bad-state"]);
  });

  it("shows the refusal when the person denies access at the provider", async () => {
    const { seen } = fakeProvider();
    const browser = new Browser(oidcBindings());
    const { state } = await startAtProvider(browser, seen);

    const res = await browser.get(callback({ error: "access_denied", state }));

    expect(res.status).toBe(401);
    expect(await res.text()).toContain("The sign-in was cancelled or refused.");
    expect(browser.cookies.has(SIGN_IN_COOKIE)).toBe(false);
  });

  it("shows a failure page when the token endpoint answers 400", async () => {
    const tokenAnswer = Response.json({ error: "invalid_grant" }, { status: 400 });
    const { seen } = fakeProvider({ tokenAnswer });
    const log = vi.spyOn(console, "log");
    const browser = new Browser(oidcBindings());
    const { state } = await startAtProvider(browser, seen);

    const res = await browser.get(callback({ code: "code-123", state }));
    const html = await res.text();

    expect(res.status).toBe(502);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(html).toContain("The sign-in did not succeed.");
    expect(html).not.toContain("invalid_grant");
    expect(browser.cookies.has(SIGN_IN_COOKIE)).toBe(false);
    expect(failureReasons(log)).toEqual(["token-error"]);
  });

  it("refuses an ID token issued for another nonce", async () => {
    const { seen } = fakeProvider({ claims: { nonce: "someone-elses-nonce" } });
    const log = vi.spyOn(console, "log");
    const browser = new Browser(oidcBindings());
    const { state } = await startAtProvider(browser, seen);

    const res = await browser.get(callback({ code: "code-123", state }));

    expect(res.status).toBe(401);
    expect(await res.text()).toContain("The sign-in did not succeed.");
    expect(browser.cookies.has(SIGN_IN_COOKIE)).toBe(false);
    expect(failureReasons(log)).toEqual(["id-token-invalid"]);
  });

  it("refuses an ID token not signed with the provider's published keys", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    const { seen } = fakeProvider({ signingKey: privateKey });
    const browser = new Browser(oidcBindings());
    const { state } = await startAtProvider(browser, seen);

    const res = await browser.get(callback({ code: "code-123", state }));

    expect(res.status).toBe(401);
    expect(browser.cookies.has(SIGN_IN_COOKIE)).toBe(false);
  });

  it("asks to start again when the flow cookie is gone", async () => {
    fakeProvider();
    const browser = new Browser(oidcBindings());

    const res = await browser.get(callback({ code: "code-123", state: "whatever" }));

    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The sign-in took too long");
    expect(browser.cookies.has(SIGN_IN_COOKIE)).toBe(false);
  });
});
