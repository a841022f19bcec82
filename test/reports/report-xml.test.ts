import { describe, expect, it } from "vitest";

import { readXml, type XmlElement } from "../../src/connect/xml-reader.ts";
import { REPORT_ROOT, reportToXml } from "../../src/reports/report-xml.ts";
import { sampleReport } from "./sample-report.ts";

const NASTY = `<script>alert("x")</script> ]]> & 'quoted' "double"\u0001\u0008\uFFFE end`;

function parse(xml: string): XmlElement {
  const result = readXml(xml);
  if (!result.ok) throw new Error(`not well-formed: ${result.issue.message}`);
  return result.document.root;
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

describe("reportToXml", () => {
  it("writes every field under primedocsConnectReport", () => {
    const root = parse(reportToXml(sampleReport()));

    expect(root.name).toBe(REPORT_ROOT);
    expect(root.children.map((c) => c.name)).toEqual([
      "Status",
      "CreatedOnUtc",
      "Message",
      "SessionId",
      "ExecutionId",
      "Template",
      "Language",
      "RanBy",
      "Commands",
      "Files",
      "Dialogs",
      "Warnings",
    ]);
    expect(child(root, "Status")?.text).toBe("Success");
    expect(child(root, "Template")?.attributes).toEqual({
      Id: "30b55516-80b5-41d7-801b-b31d6da376ac",
      Name: "Offer",
    });
    expect(child(root, "RanBy")?.attributes).toEqual({
      ClientId: "CustomApiClient",
      Subject: "CustomApiClient",
    });
    const command = child(child(root, "Commands"), "Command");
    expect(command?.attributes).toEqual({
      Group: "OnSuccess",
      Type: "DownloadFile",
      Position: "1",
      Status: "Success",
      DurationMs: "3",
    });
    expect(command?.text).toBe("Offer.docx is ready for download (10 bytes).");
    expect(child(child(root, "Files"), "File")?.attributes).toMatchObject({
      Name: "Offer.docx",
      Size: "10",
      Sha256: "ab".repeat(32),
    });
    expect(child(child(root, "Dialogs"), "Dialog")).toMatchObject({
      attributes: { Title: "Done" },
      text: "Filed.",
    });
  });

  it("leaves out the template and language when there are none", () => {
    const root = parse(reportToXml(sampleReport({ template: null, language: null })));

    expect(child(root, "Template")).toBeUndefined();
    expect(child(root, "Language")).toBeUndefined();
  });

  it("names the template but leaves out the language when only the language failed", () => {
    const root = parse(reportToXml(sampleReport({ status: "Error", language: null })));

    expect(child(root, "Template")?.attributes).toEqual({
      Id: "30b55516-80b5-41d7-801b-b31d6da376ac",
      Name: "Offer",
    });
    expect(child(root, "Language")).toBeUndefined();
  });

  it("stays well-formed with markup, CDATA ends, quotes and control characters in values", () => {
    const report = sampleReport({
      status: "Error",
      message: NASTY,
      template: { id: "x", name: NASTY },
      ranBy: { clientId: "c", subject: "s", displayName: NASTY },
      dialogs: [{ title: NASTY, message: NASTY }],
      warnings: [NASTY],
    });

    const xml = reportToXml(report);
    const root = parse(xml);

    const clean = `<script>alert("x")</script> ]]> & 'quoted' "double" end`;
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("]]>");
    expect(child(root, "Message")?.text).toBe(clean);
    expect(child(root, "Template")?.attributes.Name).toBe(clean);
    expect(child(root, "RanBy")?.attributes.DisplayName).toBe(clean);
    expect(child(child(root, "Dialogs"), "Dialog")?.text).toBe(clean);
    const warnings = child(root, "Warnings")?.children.map((w) => w.text);
    expect(warnings).toEqual([
      clean,
      "18 characters that XML cannot carry were dropped from this report.",
    ]);
  });

  it("keeps line breaks and tabs in attributes and carriage returns in text", () => {
    const root = parse(
      reportToXml(
        sampleReport({ message: "a\r\nb", dialogs: [{ title: "t1\tt2\nt3", message: "" }] }),
      ),
    );

    expect(child(root, "Message")?.text).toBe("a\r\nb");
    expect(child(child(root, "Dialogs"), "Dialog")?.attributes.Title).toBe("t1\tt2\nt3");
  });
});
