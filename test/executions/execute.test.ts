import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { verifyInvokeUrlSignature } from "../../src/commands/signature.ts";
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
    const verified = await verifyInvokeUrlSignature(
      SECRET,
      got.headers.get("x-connect-timestamp"),
      got.body,
      got.headers.get("x-connect-signature"),
      new Date(),
    );
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

  it("answers 422 listing the candidates when a tag filter matches several templates", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      `<primedocsConnect><Template><TagFilter><Tag>Customer</Tag></TagFilter></Template>
<Commands>${DOWNLOAD}</Commands></primedocsConnect>`,
    );
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(422);
    const body = await res.json<{ candidates: { id: string }[] }>();
    expect(body.candidates.map((c) => c.id).sort()).toEqual([
      "6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41",
      "c3d9a1f0-7b2e-4e8a-a5c6-1d4f9b0e2a63",
    ]);
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

  it("answers 422 naming the template's languages for one it lacks", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, sample(DOWNLOAD).replace("es-es", "pt-BR"));
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(422);
    const body = await res.json<{ detail: string; availableLanguages: string[] }>();
    expect(body.availableLanguages).toEqual(["de-CH", "fr-CH", "it-CH", "en-GB", "es-ES"]);
    expect(body.detail).toContain("pt-BR");
  });

  it("answers 422 when the InvokeUrl target fails, and records the failed command", async () => {
    receiver(500);
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      sample(`<OnSuccess><InvokeUrl Url="https://receiver.example/docs"><Document/></InvokeUrl>
<InvokeUrl Url="https://elsewhere.example/docs"><Document/></InvokeUrl></OnSuccess>`),
    );
    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(422);
    const executionId = res.headers.get("x-execution-id") ?? "";
    const report = await sessionCall(token, id, `Result/${executionId}`, {
      method: "GET",
      headers: { accept: "application/json" },
    });
    const json = await report.json<{
      status: string;
      commands: { status: string; message: string }[];
    }>();
    expect(json.status).toBe("Error");
    expect(json.commands.map((c) => c.status)).toEqual(["Error", "Error"]);
    expect(json.commands[1]?.message).toContain("elsewhere.example");
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
