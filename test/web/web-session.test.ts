import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { SAMPLE_WITH_DOWNLOAD_XML, SAMPLE_XML } from "../../demo/sample-payload.ts";
import { SESSION_TTL_MS } from "../../src/sessions/lifetime.ts";
import {
  call,
  CLIENTS,
  createSession,
  getSession,
  ORIGIN,
  tokenFor,
  uploadDemoTemplates,
} from "../support/api.ts";
import { hiddenValue, WebClient } from "./web-client.ts";

let token: string;

beforeAll(async () => {
  await uploadDemoTemplates();
  token = await tokenFor(CLIENTS.custom);
});

afterEach(() => {
  vi.restoreAllMocks();
});

const HALF_AN_HOUR = 30 * 60 * 1000;

function stubOf(sessionId: string) {
  return env.SESSIONS.get(env.SESSIONS.idFromName(sessionId));
}

/** The stored last touch, read without touching the session the way every API call does. */
function lastTouchOf(sessionId: string): Promise<number> {
  return runInDurableObject(stubOf(sessionId), (_instance, state) => {
    const row = state.storage.sql
      .exec<{ last_touch: number }>("SELECT last_touch FROM session")
      .toArray()[0];
    if (!row) throw new Error(`session ${sessionId} has no row`);
    return row.last_touch;
  });
}

/** Moves the stored last touch into the past, as if the page had sat idle that long. */
async function age(sessionId: string, idleMs: number): Promise<number> {
  const touched = Date.now() - idleMs;
  await runInDurableObject(stubOf(sessionId), (_instance, state) => {
    state.storage.sql.exec("UPDATE session SET last_touch = ?", touched);
  });
  return touched;
}

async function signedIn(): Promise<WebClient> {
  const client = new WebClient();
  expect((await client.signIn()).status).toBe(303);
  return client;
}

interface FormPage {
  html: string;
  datasourceId: string;
  signOutToken: string;
  cancelToken: string;
  keepAliveHref: string;
  keepAliveToken: string;
}

async function openForm(client: WebClient, sessionId: string): Promise<FormPage> {
  const res = await client.get(`/app/web/connect?sessionId=${sessionId}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  const keepAlive = /data-keep-alive="([^"]+)" data-token="([^"]+)"/.exec(html);
  if (!keepAlive?.[1] || !keepAlive[2]) throw new Error("no keep-alive in page");
  return {
    html,
    datasourceId: hiddenValue(html, "datasourceId"),
    // The page's forms in order: sign-out (header), generate, cancel.
    signOutToken: hiddenValue(html, "csrf", 0),
    cancelToken: hiddenValue(html, "csrf", 2),
    keepAliveHref: keepAlive[1].replace(/&amp;/g, "&"),
    keepAliveToken: keepAlive[2],
  };
}

/** The script's ping: a same-origin POST with the token in a header and no body. */
function keepAlive(client: WebClient, href: string, csrf?: string): Promise<Response> {
  const headers = new Headers({ origin: ORIGIN });
  headers.set("cookie", [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
  if (csrf !== undefined) headers.set("x-csrf-token", csrf);
  return call(href, { method: "POST", headers, redirect: "manual" });
}

/** Stands in for receiver.example and records the URLs InvokeUrl commands reach. */
function receiver(): string[] {
  const received: string[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async function (this: unknown, input, init) {
    if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
    const request = new Request(input, init);
    if (new URL(request.url).hostname !== "receiver.example") return real(input, init);
    received.push(request.url);
    return new Response(null, { status: 200 });
  });
  return received;
}

const WITH_ON_CANCEL = SAMPLE_XML.replace(
  "</primedocsConnect>",
  `<Commands><OnCancel><InvokeUrl Url="https://receiver.example/cancelled"><Report/></InvokeUrl></OnCancel></Commands>
</primedocsConnect>`,
);

describe("web app form page", () => {
  it("shows when the session closes, as the session's own expiry", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    await age(sessionId, HALF_AN_HOUR);

    const { html } = await openForm(client, sessionId);

    // Opening the page renewed the session; the page shows the renewed expiry.
    const expected = new Date((await lastTouchOf(sessionId)) + SESSION_TTL_MS).toISOString();
    expect(html).toContain(`<time datetime="${expected}"`);
    expect(html).toContain(`${expected.slice(11, 16)} UTC</time>`);
  });
});

describe("POST /app/web/keep-alive", () => {
  it("renews the session with the page's token and answers the new expiry", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await openForm(client, sessionId);
    const agedExpiry = (await age(sessionId, HALF_AN_HOUR)) + SESSION_TTL_MS;

    const before = Date.now();
    const res = await keepAlive(client, page.keepAliveHref, page.keepAliveToken);

    expect(res.status).toBe(200);
    const body = await res.json<{ open: boolean; expiresAt: string }>();
    expect(body.open).toBe(true);
    const renewed = Date.parse(body.expiresAt);
    expect(renewed).toBeGreaterThanOrEqual(before + SESSION_TTL_MS);
    expect(renewed).toBeGreaterThan(agedExpiry + HALF_AN_HOUR - 60_000);
    expect(await lastTouchOf(sessionId)).toBe(renewed - SESSION_TTL_MS);

    // The integrator sees the same renewal on the API.
    const api = await getSession(token, sessionId, "Input");
    expect(Date.parse(api.headers.get("x-session-expires-at") ?? "")).toBeGreaterThanOrEqual(
      renewed,
    );
  });

  it("refuses a ping without a token and renews nothing", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await openForm(client, sessionId);
    const touched = await age(sessionId, HALF_AN_HOUR);

    const res = await keepAlive(client, page.keepAliveHref);

    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ open: false });
    expect(await lastTouchOf(sessionId)).toBe(touched);
  });

  it("refuses a ping with a wrong token and renews nothing", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await openForm(client, sessionId);
    const touched = await age(sessionId, HALF_AN_HOUR);

    // The page's cancel token is genuine but made for another form.
    const res = await keepAlive(client, page.keepAliveHref, page.cancelToken);

    expect(res.status).toBe(403);
    expect(await lastTouchOf(sessionId)).toBe(touched);
  });

  it("refuses a ping with another session's token and renews nothing", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const otherId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await openForm(client, sessionId);
    const other = await openForm(client, otherId);
    const touched = await age(sessionId, HALF_AN_HOUR);

    const res = await keepAlive(client, page.keepAliveHref, other.keepAliveToken);

    expect(res.status).toBe(403);
    expect(await lastTouchOf(sessionId)).toBe(touched);
  });

  it("refuses a ping with the same page's token from another sign-in", async () => {
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await openForm(await signedIn(), sessionId);
    const touched = await age(sessionId, HALF_AN_HOUR);

    const res = await keepAlive(await signedIn(), page.keepAliveHref, page.keepAliveToken);

    expect(res.status).toBe(403);
    expect(await lastTouchOf(sessionId)).toBe(touched);
  });
});

describe("POST /app/web/connect/cancel", () => {
  it("places Cancel beside Create while it still posts its own form and token", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_XML);
    const { html } = await openForm(client, sessionId);

    const actions = /<div class="actions">(.*?)<\/div>/s.exec(html)?.[1] ?? "";
    expect(actions).toMatch(/<button type="submit">.*<button type="submit" form="cancel-form"/s);
    const cancelForm = /<form id="cancel-form"[^>]*>(.*?)<\/form>/s.exec(html);
    expect(cancelForm?.[0]).toContain('action="/app/web/connect/cancel"');
    expect(cancelForm?.[1]).toContain('name="csrf"');
  });

  it("runs OnCancel with the page's token", async () => {
    const received = receiver();
    const client = await signedIn();
    const sessionId = await createSession(token, WITH_ON_CANCEL);
    const page = await openForm(client, sessionId);

    const res = await client.post("/app/web/connect/cancel", {
      sessionId,
      datasourceId: page.datasourceId,
      csrf: page.cancelToken,
    });

    expect(res.status).toBe(303);
    const cancelled = await client.get(res.headers.get("location") ?? "");
    expect(cancelled.status).toBe(200);
    expect(await cancelled.text()).toContain("Cancelled");
    expect(received).toEqual(["https://receiver.example/cancelled"]);
  });

  it("leads to a Cancelled page whose language links stay on it", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_XML);
    const page = await openForm(client, sessionId);

    const res = await client.post("/app/web/connect/cancel", {
      sessionId,
      datasourceId: page.datasourceId,
      csrf: page.cancelToken,
    });
    const location = res.headers.get("location") ?? "";
    expect(location).toMatch(/^\/app\/web\/cancelled\?sessionId=/);

    const html = await (await client.get(location)).text();
    const links = [...html.matchAll(/<a href="([^"]+)" lang="(\w\w)"/g)];
    expect(links.map((l) => l[2])).toEqual(["de", "fr", "it", "en"]);
    for (const [, href = "", lang] of links) {
      expect(href.replace(/&amp;/g, "&")).toBe(`${location}&lang=${lang}`);
    }
    const french = await client.get(`${location}&lang=fr`);
    expect(french.status).toBe(200);
    expect(await french.text()).toContain("<h1>Annulé</h1>");
  });

  it("ends the session for the person: the link shows Cancelled and Create is refused", async () => {
    const received = receiver();
    const client = await signedIn();
    const sessionId = await createSession(token, WITH_ON_CANCEL);
    const page = await openForm(client, sessionId);
    await client.post("/app/web/connect/cancel", {
      sessionId,
      datasourceId: page.datasourceId,
      csrf: page.cancelToken,
    });

    const reopened = await client.get(`/app/web/connect?sessionId=${sessionId}`);
    const generate = await client.post("/app/web/connect/generate", {
      sessionId,
      datasourceId: page.datasourceId,
      templateId: hiddenValue(page.html, "templateId"),
      csrf: hiddenValue(page.html, "csrf", 1),
      language: "es-ES",
      "f.Subject": "Changed my mind",
      "f.Notes": "",
    });
    const cancelAgain = await client.post("/app/web/connect/cancel", {
      sessionId,
      datasourceId: page.datasourceId,
      csrf: page.cancelToken,
    });

    expect(reopened.status).toBe(200);
    expect(await reopened.text()).toContain("<h1>Cancelled</h1>");
    for (const res of [generate, cancelAgain]) {
      expect(res.status).toBe(409);
      expect(await res.text()).toContain("<h1>Cancelled</h1>");
    }
    expect(received).toEqual(["https://receiver.example/cancelled"]);
  });

  it("answers a Create with invalid fields after the cancel with the Cancelled page, not the form", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_XML);
    const page = await openForm(client, sessionId);
    await client.post("/app/web/connect/cancel", {
      sessionId,
      datasourceId: page.datasourceId,
      csrf: page.cancelToken,
    });

    // A page still open elsewhere: the language it names is not one the template offers.
    const generate = await client.post("/app/web/connect/generate", {
      sessionId,
      datasourceId: page.datasourceId,
      templateId: hiddenValue(page.html, "templateId"),
      csrf: hiddenValue(page.html, "csrf", 1),
      language: "zz-ZZ",
      "f.Subject": "Changed my mind",
    });

    expect(generate.status).toBe(409);
    expect(await generate.text()).toContain("<h1>Cancelled</h1>");
  });

  it("shows no Cancelled page for an execution that generated a document", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await openForm(client, sessionId);

    const res = await client.post("/app/web/connect/generate", {
      sessionId,
      datasourceId: page.datasourceId,
      templateId: hiddenValue(page.html, "templateId"),
      csrf: hiddenValue(page.html, "csrf", 1),
      language: "es-ES",
      "f.Subject": "Hello",
      "f.Notes": "",
    });
    const result = res.headers.get("location") ?? "";
    expect(result).toMatch(/^\/app\/web\/result\?/);

    const cancelled = await client.get(result.replace("/app/web/result", "/app/web/cancelled"));
    expect(cancelled.status).toBe(404);
  });

  it("shows the ShowDialog commands of OnCancel and OnExit after a cancel", async () => {
    const client = await signedIn();
    const sessionId = await createSession(
      token,
      SAMPLE_XML.replace(
        "</primedocsConnect>",
        `<Commands><OnCancel><ShowDialog Title="Bye" Message="Nothing was filed."/></OnCancel>
<OnExit><ShowDialog Title="Closed" Message="You can close this tab."/></OnExit></Commands>
</primedocsConnect>`,
      ),
    );
    const page = await openForm(client, sessionId);

    const res = await client.post("/app/web/connect/cancel", {
      sessionId,
      datasourceId: page.datasourceId,
      csrf: page.cancelToken,
    });

    expect(res.status).toBe(303);
    const html = await (await client.get(res.headers.get("location") ?? "")).text();
    expect(html.match(/<dialog /g)).toHaveLength(2);
    expect(html.indexOf("Nothing was filed.")).toBeLessThan(
      html.indexOf("You can close this tab."),
    );
  });

  it("refuses a cancel without a token, runs no command and leaves the session open", async () => {
    const received = receiver();
    const client = await signedIn();
    const sessionId = await createSession(token, WITH_ON_CANCEL);
    const page = await openForm(client, sessionId);

    const res = await client.post("/app/web/connect/cancel", {
      sessionId,
      datasourceId: page.datasourceId,
    });

    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Form expired");
    expect(received).toEqual([]);
    expect((await getSession(token, sessionId, "Input")).status).toBe(200);
  });

  it("refuses a cancel with another session's token, runs no command and leaves the session open", async () => {
    const received = receiver();
    const client = await signedIn();
    const sessionId = await createSession(token, WITH_ON_CANCEL);
    const otherId = await createSession(token, WITH_ON_CANCEL);
    const page = await openForm(client, sessionId);
    const other = await openForm(client, otherId);

    const res = await client.post("/app/web/connect/cancel", {
      sessionId,
      datasourceId: page.datasourceId,
      csrf: other.cancelToken,
    });

    expect(res.status).toBe(403);
    expect(received).toEqual([]);
    expect((await getSession(token, sessionId, "Input")).status).toBe(200);
  });

  it("refuses a cancel with the same page's token from another sign-in", async () => {
    const received = receiver();
    const sessionId = await createSession(token, WITH_ON_CANCEL);
    const page = await openForm(await signedIn(), sessionId);

    const res = await (
      await signedIn()
    ).post("/app/web/connect/cancel", {
      sessionId,
      datasourceId: page.datasourceId,
      csrf: page.cancelToken,
    });

    expect(res.status).toBe(403);
    expect(received).toEqual([]);
  });
});

describe("POST /app/web/signout", () => {
  it("deletes the sign-in cookie with the page's token", async () => {
    const client = await signedIn();
    const html = await (await client.get("/app/web/")).text();

    const res = await client.post("/app/web/signout", { csrf: hiddenValue(html, "csrf") });

    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/app/web/signin");
    expect(client.cookies.has("__Host-connect-web")).toBe(false);
  });

  it("refuses a sign-out without a token and keeps the person signed in", async () => {
    const client = await signedIn();

    const res = await client.post("/app/web/signout", {});

    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(client.cookies.has("__Host-connect-web")).toBe(true);
    expect((await client.get("/app/web/")).status).toBe(200);
  });

  it("refuses a sign-out with another sign-in's token", async () => {
    const client = await signedIn();
    const html = await (await (await signedIn()).get("/app/web/")).text();

    const res = await client.post("/app/web/signout", { csrf: hiddenValue(html, "csrf") });

    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await client.get("/app/web/")).status).toBe(200);
  });

  it("refuses a sign-out with a token made for another form", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await openForm(client, sessionId);

    const res = await client.post("/app/web/signout", { csrf: page.cancelToken });

    expect(res.status).toBe(403);
    expect(client.cookies.has("__Host-connect-web")).toBe(true);
    // The page's own sign-out token still works, so the refusal was about the token.
    expect((await client.post("/app/web/signout", { csrf: page.signOutToken })).status).toBe(303);
  });
});
