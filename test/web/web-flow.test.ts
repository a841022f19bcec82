import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";

import { SAMPLE_WITH_DOWNLOAD_XML, SAMPLE_XML } from "../../demo/sample-payload.ts";
import { CLIENTS, createSession, tokenFor, uploadDemoTemplates } from "../support/api.ts";
import { hiddenValue, WebClient } from "./web-client.ts";

let token: string;

beforeAll(async () => {
  await uploadDemoTemplates();
  token = await tokenFor(CLIENTS.custom);
});

async function signedIn(): Promise<WebClient> {
  const client = new WebClient();
  const res = await client.signIn();
  expect(res.status).toBe(303);
  return client;
}

describe("web app sign-in", () => {
  it("sends a person without a sign-in to the sign-in page and back", async () => {
    const res = await new WebClient().get("/app/web/connect?sessionId=abc");

    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      "/app/web/signin?returnTo=%2Fapp%2Fweb%2Fconnect%3FsessionId%3Dabc",
    );
  });

  it("issues a Secure __Host- cookie outside development", async () => {
    const client = new WebClient();
    const page = await (await client.get("/app/web/signin")).text();
    const res = await client.post("/app/web/signin", {
      csrf: hiddenValue(page, "csrf"),
      returnTo: "/app/web/connect?sessionId=1",
      username: "demo",
      password: "demo-password",
    });

    expect(res.headers.get("location")).toBe("/app/web/connect?sessionId=1");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-connect-web="));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
  });

  it("refuses a wrong password with the form again", async () => {
    const res = await new WebClient().signIn("wrong");

    expect(res.status).toBe(401);
    expect(await res.text()).toContain("The user name or password is wrong.");
  });

  it("locks a user name after five failed sign-ins, the right password included", async () => {
    const client = new WebClient();
    for (let attempt = 1; attempt <= 4; attempt++) {
      expect((await client.signIn("wrong", "guarded")).status).toBe(401);
    }
    const fifth = await client.signIn("wrong", "Guarded");
    expect(fifth.status).toBe(429);

    const right = await client.signIn("demo-password", "guarded");
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(await right.text()).toContain("Too many failed sign-ins with this user name.");
    expect(client.cookies.has("__Host-connect-web")).toBe(false);

    // Another name is not affected.
    expect((await new WebClient().signIn()).status).toBe(303);
  });

  it("refuses a sign-in post without the form's token", async () => {
    const res = await new WebClient().post("/app/web/signin", {
      username: "demo",
      password: "demo-password",
    });

    expect(res.status).toBe(403);
  });
});

describe("web app connect page", () => {
  it("shows a 404 page in the person's language for an unknown session", async () => {
    const client = await signedIn();
    const res = await client.get(
      "/app/web/connect?sessionId=00000000-0000-4000-8000-000000000000",
      { "accept-language": "de-CH,de;q=0.9" },
    );

    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("Sitzung nicht gefunden");
  });

  it("remembers a language switch however it is capitalised", async () => {
    const client = await signedIn();
    await client.get("/app/web/?lang=DE");

    const res = await client.get("/app/web/connect?sessionId=00000000-0000-4000-8000-000000000000");
    expect(await res.text()).toContain("Sitzung nicht gefunden");
  });

  it("starts every page with the HTML doctype, so browsers render it in standards mode", async () => {
    const signIn = await (await new WebClient().get("/app/web/signin")).text();
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_XML);
    const form = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();

    expect(signIn.startsWith("<!DOCTYPE html><html")).toBe(true);
    expect(form.startsWith("<!DOCTYPE html><html")).toBe(true);
  });

  it("sends strict security headers", async () => {
    const res = await (await signedIn()).get("/app/web/");

    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("generates the document with the edited form and serves the download", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();
    expect(page).toContain('value="From Sample Script"');

    const generated = await client.post("/app/web/connect/generate", {
      sessionId,
      datasourceId: hiddenValue(page, "datasourceId"),
      templateId: hiddenValue(page, "templateId"),
      csrf: hiddenValue(page, "csrf", 1),
      language: "es-ES",
      "f.Subject": "Edited in the web app",
      "f.Notes": "",
    });
    expect(generated.status).toBe(303);

    const result = await client.get(generated.headers.get("location") ?? "");
    const html = await result.text();
    const download = /href="(\/app\/web\/download\?[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    const file = await client.get(download ?? "");

    expect(file.headers.get("content-disposition")).toContain("Factura 1234.docx");
    const docx = unzipSync(new Uint8Array(await file.arrayBuffer()));
    expect(strFromU8(docx["word/document.xml"] ?? new Uint8Array())).toContain(
      "Edited in the web app",
    );
  });

  it("hands over the document even when the session names no DownloadFile", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_XML);
    const page = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();

    const generated = await client.post("/app/web/connect/generate", {
      sessionId,
      datasourceId: hiddenValue(page, "datasourceId"),
      templateId: hiddenValue(page, "templateId"),
      csrf: hiddenValue(page, "csrf", 1),
      language: "es-ES",
      "f.Subject": "No command asked for me",
      "f.Notes": "",
    });
    const html = await (await client.get(generated.headers.get("location") ?? "")).text();
    const download = /href="(\/app\/web\/download\?[^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, "&");
    const file = await client.get(download ?? "");

    expect(file.headers.get("content-disposition")).toContain("Invoice letter.docx");
    const docx = unzipSync(new Uint8Array(await file.arrayBuffer()));
    expect(strFromU8(docx["word/document.xml"] ?? new Uint8Array())).toContain(
      "No command asked for me",
    );
  });

  it("re-renders the form with the error tied to the empty required field", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();

    const res = await client.post("/app/web/connect/generate", {
      sessionId,
      datasourceId: hiddenValue(page, "datasourceId"),
      templateId: hiddenValue(page, "templateId"),
      csrf: hiddenValue(page, "csrf", 1),
      language: "es-ES",
      "f.Subject": "",
      "f.Notes": "kept",
    });

    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('aria-describedby="field-Subject-error"');
    expect(html).toContain('id="field-Subject-error"');
    expect(html).toContain(">kept</textarea>");
    const summary = /<div class="error-summary"[^>]*>(.*?)<\/div>/s.exec(html);
    expect(summary?.[0]).toMatch(/tabindex="-1" autofocus/);
    expect(summary?.[1]).toContain(
      '<a href="#field-Subject">Subject: Please fill in this field.</a>',
    );
  });

  it("switches the UI language with the typed values kept, generating nothing", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();

    const res = await client.post("/app/web/connect/switch-language?lang=fr", {
      sessionId,
      datasourceId: hiddenValue(page, "datasourceId"),
      templateId: hiddenValue(page, "templateId"),
      csrf: hiddenValue(page, "csrf", 1),
      language: "es-ES",
      "f.Subject": "",
      "f.Notes": "typed before the switch",
    });

    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain(">typed before the switch</textarea>");
    expect(html).not.toContain("error-summary");
    expect(client.cookies.get("connect-web-lang")).toBe("fr");
  });

  it("refuses a language switch post without the form's token", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_XML);
    const page = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();

    const res = await client.post("/app/web/connect/switch-language?lang=fr", {
      sessionId,
      datasourceId: hiddenValue(page, "datasourceId"),
      templateId: hiddenValue(page, "templateId"),
      "f.Subject": "x",
    });

    expect(res.status).toBe(403);
  });

  it("does not generate a form posted for a template the session does not offer", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();

    const res = await client.post("/app/web/connect/generate", {
      sessionId,
      datasourceId: hiddenValue(page, "datasourceId"),
      templateId: "00000000-0000-4000-8000-000000000001",
      csrf: hiddenValue(page, "csrf", 1),
      language: "es-ES",
      "f.Subject": "Entered for the other template",
    });

    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("The template of that form is no longer available.");
    expect(html).toContain('value="Entered for the other template"');
    expect(html).toContain(`name="templateId" value="${hiddenValue(page, "templateId")}"`);
  });

  it("refuses a form post larger than a form needs before reading its fields", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();

    const res = await client.post("/app/web/connect/generate", {
      sessionId,
      datasourceId: hiddenValue(page, "datasourceId"),
      templateId: hiddenValue(page, "templateId"),
      csrf: hiddenValue(page, "csrf", 1),
      language: "es-ES",
      "f.Subject": "x".repeat(300 * 1024),
    });

    // Refused from its Content-Length: a page that says so, nothing generated, no redirect.
    expect(res.status).toBe(413);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("Form too large");
  });

  it("refuses a generate post with another form's token", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const page = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();

    const res = await client.post("/app/web/connect/generate", {
      sessionId,
      templateId: hiddenValue(page, "templateId"),
      csrf: hiddenValue(page, "csrf", 2),
      language: "es-ES",
      "f.Subject": "x",
    });

    expect(res.status).toBe(403);
  });
});

describe("web app icon", () => {
  it("names a same-origin SVG icon on every page, which the page's CSP allows", async () => {
    const page = await new WebClient().get("/app/web/signin");
    const html = await page.text();

    expect(html).toContain(
      '<link rel="icon" href="/app/web/assets/icon.svg" type="image/svg+xml"/>',
    );
    expect(page.headers.get("content-security-policy")).toContain("img-src 'self'");
    const icon = await new WebClient().get("/app/web/assets/icon.svg");
    expect(icon.status).toBe(200);
    expect(icon.headers.get("content-type")).toBe("image/svg+xml");
    expect(await icon.text()).toMatch(/^<svg /);
  });

  it("answers /favicon.ico with an empty 204 instead of the API's 404 problem", async () => {
    const res = await new WebClient().get("/favicon.ico");

    expect(res.status).toBe(204);
    expect(await res.text()).toBe("");
    expect(res.headers.get("cache-control")).toBe("public, max-age=86400");
  });
});
