import { strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";

import { runCommands, type RunContext } from "../../src/commands/run-commands.ts";
import { readXml } from "../../src/connect/xml-reader.ts";
import {
  emptyCommands,
  type Command,
  type CommandTarget,
  type Commands,
} from "../../src/connect/model.ts";
import type { ReportBase } from "../../src/reports/build-report.ts";
import { sessionValues, text } from "./values.ts";

const DOCUMENT = new TextEncoder().encode("PK generated document");
const BASE: ReportBase = {
  executionId: "execution-1",
  sessionId: "session-1",
  status: "Success",
  createdOnUtc: "2026-05-01T12:00:00.000Z",
  message: "The document was generated.",
  template: { id: "30b55516-80b5-41d7-801b-b31d6da376ac", name: "Offer" },
  language: "de-CH",
  ranBy: { clientId: "CustomApiClient", subject: "CustomApiClient", displayName: null },
  warnings: [],
};

function dialog(title: string): Command {
  return { type: "ShowDialog", title, message: "", target: null, fieldBindings: {} };
}

function download(fileName: string | null, target: CommandTarget = document()): Command {
  return {
    type: "DownloadFile",
    fileName,
    target,
    fieldBindings: {},
  };
}

function invoke(url: string, target: CommandTarget = document()): Command {
  return {
    type: "InvokeUrl",
    url,
    method: "POST",
    headers: [],
    target,
    fieldBindings: {},
  };
}

function document(conversion: "Pdf" | null = null): CommandTarget {
  return { kind: "document", conversion };
}

function plan(groups: Partial<Commands>): Commands {
  return { ...emptyCommands(), ...groups };
}

/** A clock that moves 5 ms each time it is read. */
function steppingClock(start = Date.UTC(2026, 4, 1, 12)): () => number {
  let now = start - 5;
  return () => (now += 5);
}

function context(overrides: Partial<RunContext> = {}): RunContext {
  return {
    kind: "success",
    values: sessionValues({}, { InvoiceNumber: text("1234") }),
    document: DOCUMENT,
    convertToPdf: null,
    templateName: "Offer",
    report: BASE,
    dataSource: { invokeUrlHosts: ["receiver.example"], invokeUrlSecret: "a-secret-of-16-chars" },
    development: false,
    fetcher: () => Promise.resolve(new Response(null, { status: 204 })),
    clock: steppingClock(),
    ...overrides,
  };
}

const everyGroup = plan({
  OnSuccess: [dialog("success 1"), dialog("success 2")],
  OnError: [dialog("error 1")],
  OnCancel: [dialog("cancel 1")],
  OnExit: [dialog("exit 1"), dialog("exit 2")],
});

describe("runCommands: which groups run", () => {
  it("runs OnSuccess then OnExit after a success, in document order", async () => {
    const result = await runCommands(everyGroup, context());

    expect(result.dialogs.map((d) => d.title)).toEqual([
      "success 1",
      "success 2",
      "exit 1",
      "exit 2",
    ]);
    expect(result.outcomes.map((o) => [o.group, o.position])).toEqual([
      ["OnSuccess", 1],
      ["OnSuccess", 2],
      ["OnExit", 1],
      ["OnExit", 2],
    ]);
  });

  it("runs OnError then OnExit after a failure", async () => {
    const result = await runCommands(everyGroup, context({ kind: "error", document: null }));

    expect(result.dialogs.map((d) => d.title)).toEqual(["error 1", "exit 1", "exit 2"]);
  });

  it("runs OnCancel then OnExit on cancel", async () => {
    const result = await runCommands(everyGroup, context({ kind: "cancel", document: null }));

    expect(result.dialogs.map((d) => d.title)).toEqual(["cancel 1", "exit 1", "exit 2"]);
  });

  it("records type, status and a duration from the clock for each command", async () => {
    const result = await runCommands(plan({ OnExit: [dialog("Done")] }), context());

    expect(result.outcomes).toEqual([
      {
        group: "OnExit",
        type: "ShowDialog",
        position: 1,
        status: "Success",
        durationMs: 5,
        message: 'Dialog "Done" recorded.',
      },
    ]);
  });
});

describe("runCommands: failures", () => {
  it("goes on after a failing command", async () => {
    const commands = plan({
      OnSuccess: [invoke("https://evil.example/"), download("Offer {Data.InvoiceNumber}")],
    });

    const result = await runCommands(commands, context());

    expect(result.outcomes.map((o) => o.status)).toEqual(["Error", "Success"]);
    expect(result.outcomes[0]?.message).toContain("not on this data source's InvokeUrl allow-list");
    expect(result.downloads.map((d) => d.name)).toEqual(["Offer 1234.docx"]);
  });

  it("fails a document command when there is no document", async () => {
    const commands = plan({ OnExit: [download(null), dialog("after")] });

    const result = await runCommands(commands, context({ kind: "error", document: null }));

    expect(result.outcomes.map((o) => [o.status, o.message])).toEqual([
      ["Error", "There is no document to act on: none was generated."],
      ["Success", 'Dialog "after" recorded.'],
    ]);
    expect(result.downloads).toEqual([]);
  });

  it("fails a PDF command without a converter", async () => {
    const result = await runCommands(
      plan({ OnSuccess: [download(null, document("Pdf"))] }),
      context(),
    );

    expect(result.outcomes[0]?.status).toBe("Error");
    expect(result.outcomes[0]?.message).toBe(
      "The PDF conversion failed: no converter is configured.",
    );
  });

  it("records a command that throws as failed, tells the caller and goes on", async () => {
    const seen: unknown[] = [];
    const commands = plan({ OnSuccess: [download(null, document("Pdf")), dialog("after")] });

    const result = await runCommands(
      commands,
      context({
        convertToPdf: () => Promise.reject(new Error("converter bug")),
        onUnexpectedError: (error) => seen.push(error),
      }),
    );

    expect(result.outcomes.map((o) => [o.status, o.message])).toEqual([
      ["Error", "The command failed unexpectedly."],
      ["Success", 'Dialog "after" recorded.'],
    ]);
    expect(seen).toEqual([new Error("converter bug")]);
  });

  it("warns about placeholders without a value", async () => {
    const result = await runCommands(plan({ OnSuccess: [download("{Data.Missing}")] }), context());

    expect(result.warnings).toEqual([
      "OnSuccess DownloadFile #1: no value for Data.Missing; it filled nothing.",
    ]);
    expect(result.downloads[0]?.name).toBe("Offer.docx");
  });
});

describe("runCommands: files", () => {
  it("collects downloads in command order and lists every delivered file", async () => {
    let conversions = 0;
    const commands = plan({
      OnSuccess: [
        download("Offer"),
        download("Offer", document("Pdf")),
        invoke("https://receiver.example/in", document("Pdf")),
      ],
      OnExit: [download(null, { kind: "report" })],
    });

    const result = await runCommands(
      commands,
      context({
        convertToPdf: () => {
          conversions += 1;
          return Promise.resolve({ ok: true, bytes: new TextEncoder().encode("%PDF-1.7") });
        },
      }),
    );

    expect(conversions).toBe(1);
    expect(result.downloads.map((d) => [d.name, d.contentType])).toEqual([
      ["Offer.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["Offer.pdf", "application/pdf"],
      ["Report.xml", "application/xml"],
    ]);
    expect(result.files.map((f) => f.name)).toEqual([
      "Offer.docx",
      "Offer.pdf",
      "Offer.pdf",
      "Report.xml",
    ]);
  });

  it("gives a report command the report of everything that ran before it", async () => {
    const commands = plan({
      OnSuccess: [dialog("First"), download("Offer")],
      OnExit: [download("Report {Data.InvoiceNumber}", { kind: "report" }), dialog("Later")],
    });

    const result = await runCommands(commands, context());

    const report = result.downloads[1];
    expect(report?.name).toBe("Report 1234.xml");
    const read = readXml(strFromU8(report?.bytes ?? new Uint8Array()));
    if (!read.ok) throw new Error(read.issue.message);
    const root = read.document.root;
    const section = (name: string) => root.children.find((c) => c.name === name)?.children ?? [];
    expect(section("Commands").map((c) => c.attributes.Position)).toEqual(["1", "2"]);
    expect(section("Files").map((f) => f.attributes.Name)).toEqual(["Offer.docx"]);
    expect(section("Dialogs").map((d) => d.attributes.Title)).toEqual(["First"]);
    expect(root.children.find((c) => c.name === "ExecutionId")?.text).toBe("execution-1");
  });

  it("sends the report with InvokeUrl, signed for the execution", async () => {
    const requests: Request[] = [];
    const commands = plan({ OnError: [invoke("https://receiver.example/in", { kind: "report" })] });

    const result = await runCommands(
      commands,
      context({
        kind: "error",
        document: null,
        fetcher: (input, init) => {
          requests.push(new Request(input, init));
          return Promise.resolve(new Response(null, { status: 202 }));
        },
      }),
    );

    expect(result.outcomes[0]).toMatchObject({ status: "Success" });
    expect(requests[0]?.headers.get("Content-Type")).toBe("application/xml");
    expect(requests[0]?.headers.get("X-Connect-Execution-Id")).toBe("execution-1");
    expect(requests[0]?.headers.get("X-Connect-Timestamp")).toBe(
      String(Date.UTC(2026, 4, 1, 12) / 1000),
    );
    expect(result.files.map((f) => f.name)).toEqual(["Report.xml"]);
  });
});
