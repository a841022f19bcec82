import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { SAMPLE_WITH_DOWNLOAD_XML, SAMPLE_XML } from "../../demo/sample-payload.ts";
import {
  CLIENTS,
  createSession,
  sessionCall,
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

async function signedIn(): Promise<WebClient> {
  const client = new WebClient();
  expect((await client.signIn()).status).toBe(303);
  return client;
}

/** Opens the session's form and presses Generate with what the page pre-filled. */
async function generate(
  client: WebClient,
  sessionId: string,
): Promise<{ executionId: string; resultHref: string }> {
  const page = await (await client.get(`/app/web/connect?sessionId=${sessionId}`)).text();
  const res = await client.post("/app/web/connect/generate", {
    sessionId,
    datasourceId: hiddenValue(page, "datasourceId"),
    templateId: hiddenValue(page, "templateId"),
    csrf: hiddenValue(page, "csrf", 1),
    language: "es-ES",
    "f.Subject": "From the web app",
    "f.Notes": "",
  });
  expect(res.status).toBe(303);
  const resultHref = res.headers.get("location") ?? "";
  const executionId = new URL(resultHref, "https://web.invalid").searchParams.get("executionId");
  if (!executionId) throw new Error(`no execution id in ${resultHref}`);
  return { executionId, resultHref };
}

interface Report {
  status: string;
  ranBy: { clientId: string; subject: string; displayName: string };
  commands: { type: string; status: string; message: string }[];
}

async function reportOf(sessionId: string, executionId: string): Promise<Report> {
  const res = await sessionCall(token, sessionId, `Result/${executionId}`, {
    method: "GET",
    headers: { accept: "application/json" },
  });
  expect(res.status).toBe(200);
  return res.json<Report>();
}

/** Stands in for receiver.example, answering every InvokeUrl with this status. */
function receiver(status: number): string[] {
  const received: string[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async function (this: unknown, input, init) {
    if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
    const request = new Request(input, init);
    if (new URL(request.url).hostname !== "receiver.example") return real(input, init);
    received.push(request.url);
    return new Response("Traceback (most recent call last): boom", { status });
  });
  return received;
}

const WITH_INVOKE_URL = SAMPLE_XML.replace(
  "</primedocsConnect>",
  `<Commands><OnSuccess>
<InvokeUrl Url="https://receiver.example/docs/{Data.InvoiceNumber}"><Document/></InvokeUrl>
<ShowDialog Title="Filed" Message="Invoice {Data.InvoiceNumber} was passed on."/>
</OnSuccess></Commands>
</primedocsConnect>`,
);

/** The page's visible text: tags dropped, whitespace folded, entities of quotes decoded. */
function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
}

describe("POST /app/web/connect/generate", () => {
  it("records the signed-in person in the execution report", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);

    const { executionId } = await generate(client, sessionId);

    const report = await reportOf(sessionId, executionId);
    expect(report.status).toBe("Success");
    expect(report.ranBy).toEqual({
      clientId: "user:demo",
      subject: "demo",
      displayName: "Demo User",
    });
  });

  it("keeps the integrator's client out of a web-app report", async () => {
    const client = await signedIn();
    const sessionId = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);

    const { executionId } = await generate(client, sessionId);

    const xml = await (
      await sessionCall(token, sessionId, `Result/${executionId}`, { method: "GET" })
    ).text();
    expect(xml).toContain("user:demo");
    expect(xml).not.toContain("CustomApiClient");
  });
});

describe("GET /app/web/result", () => {
  it("says in words that the delivery failed when the receiver answers 500", async () => {
    const received = receiver(500);
    const client = await signedIn();
    const sessionId = await createSession(token, WITH_INVOKE_URL);

    const { executionId, resultHref } = await generate(client, sessionId);
    const res = await client.get(resultHref);

    expect(received).toEqual(["https://receiver.example/docs/1234"]);
    expect(res.status).toBe(200);
    const html = await res.text();
    const text = textOf(html);
    // Generate always hands over the document, so it is still offered; the delivery is not.
    expect(text).toContain("Your document is ready");
    expect(html).toContain('href="/app/web/download?');
    expect(html).toMatch(/<li class="failed">Delivery failed: [^<]*receiver\.example[^<]*<\/li>/);
    expect(html).not.toContain('class="done"');
    // The dialog of the same handler group still shows.
    expect(html).toContain("<dialog");
    expect(text).toContain("Invoice 1234 was passed on.");
    // No problem JSON, receiver body or stack reaches the page.
    expect(text).not.toMatch(/[{}]/);
    expect(text).not.toContain("execution-failed");
    expect(text).not.toContain("Traceback");
    expect(text).not.toMatch(/\bat \S+ \(/);
    // The page's failure sentence is the report's own words for the command.
    const report = await reportOf(sessionId, executionId);
    expect(report.status).toBe("Error");
    expect(report.commands[0]).toMatchObject({ type: "InvokeUrl", status: "Error" });
    expect(text).toContain(`Delivery failed: ${report.commands[0]?.message ?? "-"}`);
  });

  it("says in words that the delivery succeeded when the receiver answers 200", async () => {
    const received = receiver(200);
    const client = await signedIn();
    const sessionId = await createSession(token, WITH_INVOKE_URL);

    const { resultHref } = await generate(client, sessionId);
    const res = await client.get(resultHref);

    expect(received).toEqual(["https://receiver.example/docs/1234"]);
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain("Your document is ready");
    expect(html).toContain('href="/app/web/download?');
    expect(html).toContain('<li class="done">Delivered to the receiving system.</li>');
    expect(html).not.toContain('class="failed"');
    expect(text).not.toContain("Delivery failed");
    expect(text).toContain("Invoice 1234 was passed on.");
    expect(text).not.toMatch(/[{}]/);
  });

  it("says the delivery failed in the person's language", async () => {
    receiver(500);
    const client = await signedIn();
    const sessionId = await createSession(token, WITH_INVOKE_URL);

    const { resultHref } = await generate(client, sessionId);
    const text = textOf(await (await client.get(`${resultHref}&lang=de`)).text());

    expect(text).toContain("Ihr Dokument ist bereit");
    expect(text).toContain("Übermittlung fehlgeschlagen:");
    expect(text).not.toContain("Delivery failed");
  });
});
