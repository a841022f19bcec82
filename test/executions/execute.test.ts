import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { verifyInvokeUrlSignature } from "../../src/commands/signature.ts";
import { sessionPrefix } from "../../src/sessions/files.ts";
import {
  CLIENTS,
  SAMPLE_XML,
  createSession,
  sessionCall,
  tokenFor,
  uploadDemoTemplates,
} from "../support/api.ts";
import { docxText, zipEntries } from "../support/docx.ts";

const INVOICE = "30b55516-80b5-41d7-801b-b31d6da376ac";
const SECRET = "test-invoke-url-signing-secret";

function sample(commands: string, extra = ""): string {
  return SAMPLE_XML.replace(
    "</primedocsConnect>",
    `${extra}<Commands>${commands}</Commands>\n</primedocsConnect>`,
  );
}

const DOWNLOAD = `<OnSuccess><DownloadFile FileName="Factura {Data.InvoiceNumber}.docx"><Document/></DownloadFile></OnSuccess>`;

interface Received {
  url: string;
  headers: Headers;
  body: Uint8Array;
}

/** Stands in for the receiver of InvokeUrl: records what reaches receiver.example. */
function receiver(status = 200): Received[] {
  const received: Received[] = [];
  const real = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async function (this: unknown, input, init) {
    // Like the runtime's own fetch, refuse to run as a method of another object.
    if (this !== undefined && this !== globalThis) throw new TypeError("Illegal invocation");
    const request = new Request(input, init);
    if (new URL(request.url).hostname !== "receiver.example") return real(input, init);
    received.push({
      url: request.url,
      headers: request.headers,
      body: new Uint8Array(await request.arrayBuffer()),
    });
    return new Response(null, { status });
  });
  return received;
}

/**
 * Traces of the failure path: OnError sends the report to the receiver, OnExit records a
 * dialog and sends the report again, so both the receiver and the stored report show what ran.
 */
const ON_ERROR_AND_EXIT = `<OnError><InvokeUrl Url="https://receiver.example/errors"><Report/></InvokeUrl></OnError>
<OnExit><ShowDialog Title="Fertig" Message="Ende"/><InvokeUrl Url="https://receiver.example/exit"><Report/></InvokeUrl></OnExit>`;

/** What the failure path's commands leave in a report, in the spec's order. */
const ERROR_AND_EXIT_RAN = [
  { group: "OnError", type: "InvokeUrl", status: "Success" },
  { group: "OnExit", type: "ShowDialog", status: "Success" },
  { group: "OnExit", type: "InvokeUrl", status: "Success" },
];

interface CommandLine {
  group: string;
  type: string;
  status: string;
}

interface StoredReport {
  /** Status and commands of the JSON report. */
  json: { status: string; message: string; commands: CommandLine[]; files: { name: string }[] };
  /** Status and commands of the XML report, read from its elements. */
  xml: { status: string | undefined; commands: CommandLine[] };
}

/** Both forms of the report stored for an execution (GET …/Result/{executionId}). */
async function storedReport(
  token: string,
  sessionId: string,
  executionId: string,
): Promise<StoredReport> {
  const get = (accept: string) =>
    sessionCall(token, sessionId, `Result/${executionId}`, {
      method: "GET",
      headers: { accept },
    });
  const jsonRes = await get("application/json");
  const xmlRes = await get("application/xml");
  expect(jsonRes.status).toBe(200);
  expect(xmlRes.status).toBe(200);

  const json = await jsonRes.json<StoredReport["json"]>();
  const text = await xmlRes.text();
  const commands = [
    ...text.matchAll(/<Command Group="([^"]*)" Type="([^"]*)" Position="\d+" Status="([^"]*)"/g),
  ].map(([, group = "", type = "", status = ""]) => ({ group, type, status }));
  return {
    json: {
      ...json,
      commands: json.commands.map(({ group, type, status }) => ({ group, type, status })),
    },
    xml: { status: /<Status>([^<]*)<\/Status>/.exec(text)?.[1], commands },
  };
}

/** OnError then OnExit reached the receiver, each with the report as it stood: Status Error. */
function expectFailurePathRan(received: Received[]): void {
  expect(received.map((r) => r.url)).toEqual([
    "https://receiver.example/errors",
    "https://receiver.example/exit",
  ]);
  const [errors, exit] = received.map((r) => new TextDecoder().decode(r.body));
  expect(errors).toContain("<Status>Error</Status>");
  expect(exit).toContain("<Status>Error</Status>");
  expect(exit).toMatch(/<Command Group="OnError" Type="InvokeUrl" Position="1" Status="Success"/);
  expect(exit).toMatch(/<Command Group="OnExit" Type="ShowDialog" Position="1" Status="Success"/);
}

afterEach(() => {
  vi.restoreAllMocks();
});

beforeAll(async () => {
  await uploadDemoTemplates();
});

describe("POST /{sessionId}/Execute", () => {
  it("returns the filled .docx for the sample payload with one DownloadFile", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD));
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(res.headers.get("content-disposition")).toContain('filename="Factura 1234.docx"');
    expect(res.headers.get("x-execution-id")).toMatch(/^[0-9a-f-]{36}$/);
    const text = docxText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("Factura 1234");
    expect(text).toContain("From Sample Script");
    expect(text).toContain("Sample Note");
  });

  it("returns one ZIP with the entries in command order when three DownloadFiles run", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(`<OnSuccess>
<DownloadFile FileName="Offerte Müller.docx"><Document/></DownloadFile>
<DownloadFile FileName="Offerte Müller.docx"><Document/></DownloadFile>
<DownloadFile FileName="Bericht.xml"><Report/></DownloadFile>
</OnSuccess>`),
    );
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const entries = zipEntries(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(entries)).toEqual([
      "Offerte Müller.docx",
      "Offerte Müller (2).docx",
      "Bericht.xml",
    ]);
    for (const name of ["Offerte Müller.docx", "Offerte Müller (2).docx"]) {
      const docx = entries[name];
      expect(docx).toBeDefined();
      if (docx) expect(docxText(docx)).toContain("From Sample Script");
    }
  });

  it("answers 204 when InvokeUrl delivered the document, signed so the receiver can verify it", async () => {
    const received = receiver();
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(`<OnSuccess><InvokeUrl Url="https://receiver.example/docs/{Data.InvoiceNumber}">
<Header Name="X-Source" Value="connect"/><Document/></InvokeUrl></OnSuccess>`),
    );
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(204);
    expect(received).toHaveLength(1);
    const got = received[0];
    if (!got) return;
    expect(got.url).toBe("https://receiver.example/docs/1234");
    expect(got.headers.get("x-source")).toBe("connect");
    expect(docxText(got.body)).toContain("From Sample Script");
    const verified = await verifyInvokeUrlSignature(SECRET, got.headers, got.body, new Date());
    expect(verified).toEqual({ ok: true });
  });

  it("answers 422 for an unknown template, runs OnError and OnExit, and stores the report", async () => {
    const received = receiver();
    const token = await tokenFor(CLIENTS.custom);
    const xml = sample(
      `<OnError><InvokeUrl Url="https://receiver.example/errors"><Report/></InvokeUrl></OnError>
<OnExit><ShowDialog Title="Fertig" Message="Rechnung {Data.InvoiceNumber}"/></OnExit>`,
    ).replace(INVOICE, "00000000-0000-4000-8000-000000000000");
    const id = await createSession(token, xml);
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(422);
    const body = await res.json<{ detail: string; executionId: string }>();
    expect(body.detail).toContain("does not exist");
    expect(received).toHaveLength(1);
    expect(new TextDecoder().decode(received[0]?.body)).toContain("<Status>Error</Status>");

    const report = await sessionCall(token, id, `Result/${body.executionId}`, {
      method: "GET",
      headers: { accept: "application/json" },
    });
    expect(report.status).toBe(200);
    expect(await report.json()).toMatchObject({
      status: "Error",
      commands: [
        { group: "OnError", type: "InvokeUrl", status: "Success" },
        { group: "OnExit", type: "ShowDialog", status: "Success" },
      ],
      dialogs: [{ title: "Fertig", message: "Rechnung 1234" }],
    });
    expect((await storedReport(token, id, body.executionId)).xml).toEqual({
      status: "Error",
      commands: [
        { group: "OnError", type: "InvokeUrl", status: "Success" },
        { group: "OnExit", type: "ShowDialog", status: "Success" },
      ],
    });
  });

  it("records a DownloadFile in OnError as not delivered and returns dialogs with the 422", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const xml = sample(
      `<OnError><DownloadFile FileName="err"><Report/></DownloadFile>
<ShowDialog Title="Oops" Message="Failed"/></OnError>`,
    ).replace(INVOICE, "00000000-0000-4000-8000-000000000000");
    const id = await createSession(token, xml);
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(422);
    const body = await res.json<{ executionId: string; dialogs: unknown[] }>();
    expect(body.dialogs).toEqual([{ title: "Oops", message: "Failed" }]);
    const report = await sessionCall(token, id, `Result/${body.executionId}`, {
      method: "GET",
      headers: { accept: "application/json" },
    });
    const json = await report.json<{ files: unknown[]; commands: { status: string }[] }>();
    expect(json.files).toEqual([]);
    expect(json.commands.map((c) => c.status)).toEqual(["Error", "Success"]);
  });

  it("answers 422 listing the candidates for an ambiguous tag filter, runs OnError and OnExit, and stores the report", async () => {
    const received = receiver();
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      `<primedocsConnect><Template><TagFilter><Tag>Customer</Tag></TagFilter></Template>
<Commands>${DOWNLOAD}${ON_ERROR_AND_EXIT}</Commands></primedocsConnect>`,
    );
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(422);
    const body = await res.json<{ candidates: { id: string }[]; executionId: string }>();
    expect(body.candidates.map((c) => c.id).sort()).toEqual([
      "6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41",
      "c3d9a1f0-7b2e-4e8a-a5c6-1d4f9b0e2a63",
    ]);
    expectFailurePathRan(received);

    const report = await storedReport(token, id, body.executionId);
    expect(report.json.status).toBe("Error");
    expect(report.json.commands).toEqual(ERROR_AND_EXIT_RAN);
    expect(report.xml).toEqual({ status: "Error", commands: ERROR_AND_EXIT_RAN });
  });

  it("generates from the one template a tag filter's AND-group matches", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      `<primedocsConnect><Template><TagFilter><Tag>Customer;Offer</Tag><Tag>Nothing</Tag></TagFilter></Template>
<Commands>${DOWNLOAD}</Commands></primedocsConnect>`,
    );
    const res = await sessionCall(token, id, "Execute");
    expect(res.status).toBe(200);
  });

  it("answers 422 naming the template's languages for one it lacks, runs OnError and OnExit, and stores the report", async () => {
    const received = receiver();
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(DOWNLOAD + ON_ERROR_AND_EXIT).replace("es-es", "pt-BR"),
    );
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(422);
    const body = await res.json<{
      detail: string;
      availableLanguages: string[];
      executionId: string;
    }>();
    expect(body.availableLanguages).toEqual(["de-CH", "fr-CH", "it-CH", "en-GB", "es-ES"]);
    expect(body.detail).toContain("pt-BR");
    expectFailurePathRan(received);

    const report = await storedReport(token, id, body.executionId);
    expect(report.json.status).toBe("Error");
    expect(report.json.commands).toEqual(ERROR_AND_EXIT_RAN);
    expect(report.xml).toEqual({ status: "Error", commands: ERROR_AND_EXIT_RAN });
  });

  it("names the resolved template but no language in both report forms when the language cannot be resolved", async () => {
    const received = receiver();
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(DOWNLOAD + ON_ERROR_AND_EXIT).replace("es-es", "pt-BR"),
    );
    const res = await sessionCall(token, id, "Execute");
    expect(res.status).toBe(422);
    const { executionId } = await res.json<{ executionId: string }>();
    const get = (accept: string) =>
      sessionCall(token, id, `Result/${executionId}`, { method: "GET", headers: { accept } });

    const json = await (await get("application/json")).json<Record<string, unknown>>();
    expect(json).toMatchObject({
      status: "Error",
      template: { id: INVOICE, name: "Invoice letter" },
      language: null,
    });
    const xml = await (await get("application/xml")).text();
    expect(xml).toContain(`<Template Id="${INVOICE}" Name="Invoice letter"/>`);
    expect(xml).not.toContain("<Language>");
    // The report OnError sent while the execution ran says the same.
    expect(new TextDecoder().decode(received[0]?.body)).toContain(`<Template Id="${INVOICE}"`);
  });

  it("answers 422 when the InvokeUrl target fails, runs OnExit but not OnError, and records the failed commands", async () => {
    const received = receiver(500);
    const token = await tokenFor(CLIENTS.custom);
    // The second host comes from a placeholder: creation lets it pass, Execute refuses it.
    const id = await createSession(
      token,
      sample(`<OnSuccess><InvokeUrl Url="https://receiver.example/docs"><Document/></InvokeUrl>
<InvokeUrl Url="https://{Data.InvoiceNumber}.example/docs"><Document/></InvokeUrl></OnSuccess>
<OnError><InvokeUrl Url="https://receiver.example/errors"><Report/></InvokeUrl></OnError>
<OnExit><ShowDialog Title="Fertig" Message="Rechnung {Data.InvoiceNumber}"/></OnExit>`),
    );
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(422);
    const problem = await res.json<{ failedCommands: CommandLine[]; dialogs: unknown[] }>();
    expect(problem.failedCommands.map((c) => c.type)).toEqual(["InvokeUrl", "InvokeUrl"]);
    expect(problem.dialogs).toEqual([{ title: "Fertig", message: "Rechnung 1234" }]);
    // The document was generated, so this is the success path: OnSuccess, then OnExit.
    expect(received.map((r) => r.url)).toEqual(["https://receiver.example/docs"]);

    const executionId = res.headers.get("x-execution-id") ?? "";
    const report = await storedReport(token, id, executionId);
    const ran = [
      { group: "OnSuccess", type: "InvokeUrl", status: "Error" },
      { group: "OnSuccess", type: "InvokeUrl", status: "Error" },
      { group: "OnExit", type: "ShowDialog", status: "Success" },
    ];
    expect(report.json.status).toBe("Error");
    expect(report.json.commands).toEqual(ran);
    expect(report.json.message).toContain("2 command(s) failed.");
    expect(report.xml).toEqual({ status: "Error", commands: ran });
    expect(report.json.files).toEqual([]);
  });

  it("answers a single DownloadFile with a non-ASCII, filled name in filename and filename*", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(
        `<OnSuccess><DownloadFile FileName="Offerte {Data.InvoiceNumber} – Zürich.docx"><Document/></DownloadFile></OnSuccess>`,
      ),
    );
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    const disposition = res.headers.get("content-disposition") ?? "";
    const fallback = /(?:^|;)\s*filename="([^"]*)"/.exec(disposition)?.[1];
    const extended = /(?:^|;)\s*filename\*=UTF-8''([^;\s]+)/.exec(disposition)?.[1];
    expect(disposition).toMatch(/^attachment;/);
    expect(fallback).toBe("Offerte 1234 _ Zurich.docx");
    // RFC 8187 value-chars: attr-char or a percent-encoded UTF-8 byte, nothing else.
    expect(extended).toMatch(/^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})+$/);
    expect(decodeURIComponent(extended ?? "")).toBe("Offerte 1234 – Zürich.docx");
    expect(docxText(new Uint8Array(await res.arrayBuffer()))).toContain("Factura 1234");
  });

  it("still returns the download after a failing InvokeUrl, and reports the failure", async () => {
    const received = receiver(500);
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(`<OnSuccess><InvokeUrl Url="https://receiver.example/docs"><Document/></InvokeUrl>
<DownloadFile FileName="Factura {Data.InvoiceNumber}.docx"><Document/></DownloadFile></OnSuccess>`),
    );
    const res = await sessionCall(token, id, "Execute");

    expect(received).toHaveLength(1);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(res.headers.get("content-disposition")).toContain('filename="Factura 1234.docx"');
    expect(docxText(new Uint8Array(await res.arrayBuffer()))).toContain("From Sample Script");

    const report = await storedReport(token, id, res.headers.get("x-execution-id") ?? "");
    const ran = [
      { group: "OnSuccess", type: "InvokeUrl", status: "Error" },
      { group: "OnSuccess", type: "DownloadFile", status: "Success" },
    ];
    expect(report.json.status).toBe("Error");
    expect(report.json.message).toContain("1 command(s) failed.");
    expect(report.json.commands).toEqual(ran);
    expect(report.json.files.map((f) => f.name)).toEqual(["Factura 1234.docx"]);
    expect(report.xml).toEqual({ status: "Error", commands: ran });
  });

  it("uses the person's edited form values and chosen language from the JSON body", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD));
    const res = await sessionCall(token, id, "Execute", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ language: "de-CH", forms: { Subject: "Geändert <b>fett</b>" } }),
    });

    expect(res.status).toBe(200);
    const text = docxText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("Geändert <b>fett</b>");
    expect(text).toContain("Rechnung");
  });

  it("answers 400 before anything runs when the chosen language is not a culture tag", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD));
    const res = await sessionCall(token, id, "Execute", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ language: "<b>de_CH</b>" }),
    });

    expect(res.status).toBe(400);
    expect(res.headers.get("x-execution-id")).toBeNull();
    const body = await res.json<{ errors: { path: string; message: string }[] }>();
    expect(body.errors.map((e) => e.path)).toEqual(["/language"]);
    expect(body.errors[0]?.message).toContain("must be a culture tag");
  });

  it("replays the first answer for a retry with the same Idempotency-Key", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD));
    const headers = { "idempotency-key": "exec-1" };
    const first = await sessionCall(token, id, "Execute", { headers });
    const second = await sessionCall(token, id, "Execute", { headers });

    expect(second.status).toBe(200);
    expect(second.headers.get("x-execution-id")).toBe(first.headers.get("x-execution-id"));
    expect(second.headers.get("idempotency-replayed")).toBe("true");
    expect(second.headers.get("x-session-expires-at")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(
      new Uint8Array(await first.arrayBuffer()),
    );
    const other = await sessionCall(token, id, "Execute", {
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ language: "fr-CH" }),
    });
    expect(other.status).toBe(409);
    expect(other.headers.get("x-session-expires-at")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("answers 400 too-deep, not 500, for edited values nested thousands of levels deep", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD));
    const depth = 5000;
    const res = await sessionCall(token, id, "Execute", {
      headers: { "content-type": "application/json" },
      body: `{"forms":{"a":${'{"b":'.repeat(depth)}"x"${"}".repeat(depth)}}}`,
    });

    expect(res.status).toBe(400);
    const body = await res.json<{ errors: { code: string }[] }>();
    expect(body.errors.map((e) => e.code)).toEqual(["too-deep"]);
  });

  it("names each Execute body problem by an RFC 6901 pointer, an unknown member by its own", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD));
    const res = await sessionCall(token, id, "Execute", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ language: 5, "a/b": 1 }),
    });

    expect(res.status).toBe(400);
    const body = await res.json<{ errors: { path: string }[] }>();
    expect(body.errors.map((e) => e.path).sort()).toEqual(["/a~1b", "/language"]);
  });

  it("leaves nothing in R2 when the session is deleted while its Execute runs", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(
        `<OnSuccess><InvokeUrl Url="https://receiver.example/slow"><Document/></InvokeUrl><DownloadFile FileName="a.docx"><Document/></DownloadFile></OnSuccess>`,
      ),
    );
    const real = globalThis.fetch;
    let ended = 0;
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      if (new URL(new Request(input, init).url).hostname !== "receiver.example") {
        return real(input, init);
      }
      // The integrator ends the session while the document is on its way.
      ended = (await sessionCall(token, id, "", { method: "DELETE" })).status;
      return new Response(null, { status: 200 });
    });

    const res = await sessionCall(token, id, "Execute");
    await res.arrayBuffer();

    expect(ended).toBe(204);
    const left = await env.FILES.list({ prefix: sessionPrefix(id) });
    expect(left.objects.map((o) => o.key)).toEqual([]);
    expect((await sessionCall(token, id, "Navigation", { method: "GET" })).status).toBe(404);
  });

  it("answers 404 to another client and for an unknown session", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD));
    expect((await sessionCall(await tokenFor(CLIENTS.other), id, "Execute")).status).toBe(404);
    expect((await sessionCall(token, crypto.randomUUID(), "Execute")).status).toBe(404);
  });
});

describe("GET /{sessionId}/Navigation", () => {
  it("lists the templates a tag filter matches, for a picker", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      `<primedocsConnect><Template><TagFilter AllowTemplatePicker="true"><Tag>customer</Tag></TagFilter></Template></primedocsConnect>`,
    );
    const res = await sessionCall(token, id, "Navigation", { method: "GET" });
    const body = await res.json<{ templates: { id: string; name: { en: string } }[] }>();
    expect(body.templates.map((t) => t.id)).toEqual([
      "6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41",
      "c3d9a1f0-7b2e-4e8a-a5c6-1d4f9b0e2a63",
    ]);
  });
});

describe("POST /{sessionId}/Cancel", () => {
  it("runs OnCancel then OnExit and stores a Cancelled report", async () => {
    const received = receiver();
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(`<OnCancel><InvokeUrl Url="https://receiver.example/cancelled"><Report/></InvokeUrl></OnCancel>
<OnExit><ShowDialog Title="Bye" Message="Cancelled"/></OnExit>${DOWNLOAD}`),
    );
    const res = await sessionCall(token, id, "Cancel");

    expect(res.status).toBe(204);
    expect(received.map((r) => r.url)).toEqual(["https://receiver.example/cancelled"]);
    const report = await sessionCall(
      token,
      id,
      `Result/${res.headers.get("x-execution-id") ?? ""}`,
      {
        method: "GET",
      },
    );
    const xml = await report.text();
    expect(report.headers.get("content-type")).toContain("application/xml");
    expect(xml).toContain("<primedocsConnectReport");
    expect(xml).toContain("<Status>Cancelled</Status>");
  });

  it("is final: Execute and a second Cancel answer 409, while the report stays readable", async () => {
    const received = receiver();
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(
        `<OnCancel><InvokeUrl Url="https://receiver.example/cancelled"><Report/></InvokeUrl></OnCancel>${DOWNLOAD}`,
      ),
    );
    const cancelled = await sessionCall(token, id, "Cancel", {
      headers: { "idempotency-key": "cancel-1" },
    });
    expect(cancelled.status).toBe(204);

    const again = await sessionCall(token, id, "Cancel");
    const execute = await sessionCall(token, id, "Execute");
    const replay = await sessionCall(token, id, "Cancel", {
      headers: { "idempotency-key": "cancel-1" },
    });

    for (const res of [again, execute]) {
      expect(res.status).toBe(409);
      // A refused call is still a call on the session: it renews it and says until when.
      expect(res.headers.get("x-session-expires-at")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await res.json()).toMatchObject({
        type: "urn:connect-session:problem:session-cancelled",
      });
    }
    expect(received).toHaveLength(1);
    expect(replay.status).toBe(204);
    expect(replay.headers.get("idempotency-replayed")).toBe("true");
    const report = await sessionCall(
      token,
      id,
      `Result/${cancelled.headers.get("x-execution-id") ?? ""}`,
      { method: "GET" },
    );
    expect(report.status).toBe(200);
    expect((await sessionCall(token, id, "Input", { method: "GET" })).status).toBe(200);
  });
});

describe("GET /{sessionId}/Result/{executionId}", () => {
  it("returns the report as XML by default and as JSON on request", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD));
    const executed = await sessionCall(token, id, "Execute");
    const executionId = executed.headers.get("x-execution-id") ?? "";
    const get = (accept?: string) =>
      sessionCall(token, id, `Result/${executionId}`, {
        method: "GET",
        headers: accept ? { accept } : {},
      });

    const xml = await (await get()).text();
    expect(xml).toContain("<Status>Success</Status>");
    expect(xml).toContain(executionId);
    const json = await (
      await get("application/json")
    ).json<{
      status: string;
      template: { id: string };
      language: string;
      ranBy: { clientId: string };
      files: { name: string; sha256: string }[];
    }>();
    expect(json).toMatchObject({
      status: "Success",
      template: { id: INVOICE },
      language: "es-ES",
      ranBy: { clientId: "CustomApiClient" },
    });
    expect(json.files[0]?.name).toBe("Factura 1234.docx");
    expect(json.files[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers 404 for an execution id the session does not know", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD));
    const res = await sessionCall(token, id, `Result/${crypto.randomUUID()}`, { method: "GET" });
    expect(res.status).toBe(404);
  });
});
