import { describe, expect, it } from "vitest";

import { reportJsonText, reportToJson } from "../../src/reports/report-json.ts";
import { sampleReport } from "./sample-report.ts";

describe("reportToJson", () => {
  it("has the XML report's fields in camelCase and in the same order", () => {
    const json = reportToJson(sampleReport());

    expect(Object.keys(json)).toEqual([
      "status",
      "createdOnUtc",
      "message",
      "sessionId",
      "executionId",
      "template",
      "language",
      "ranBy",
      "commands",
      "files",
      "dialogs",
      "warnings",
    ]);
    expect(json.ranBy).toEqual({
      clientId: "CustomApiClient",
      subject: "CustomApiClient",
      displayName: null,
    });
    expect(json.commands[0]).toEqual({
      group: "OnSuccess",
      type: "DownloadFile",
      position: 1,
      status: "Success",
      durationMs: 3,
      message: "Offer.docx is ready for download (10 bytes).",
    });
  });

  it("writes absent template and language as null", () => {
    const json = reportToJson(sampleReport({ template: null, language: null }));

    expect(json.template).toBeNull();
    expect(json.language).toBeNull();
  });

  it("keeps the template and writes the language as null when only the language failed", () => {
    const json = reportToJson(sampleReport({ status: "Error", language: null }));

    expect(json.template).toEqual({ id: "30b55516-80b5-41d7-801b-b31d6da376ac", name: "Offer" });
    expect(json.language).toBeNull();
  });

  it("copies only the report's fields", () => {
    const report = Object.assign(sampleReport(), { secret: "internal" });

    expect(reportJsonText(report)).not.toContain("internal");
  });
});

describe("reportJsonText", () => {
  it("round-trips markup, quotes and control characters unchanged", () => {
    const nasty = `<script>"x"</script> ]]> & \u0001\n\ud800`;
    const report = sampleReport({ message: nasty, warnings: [nasty] });

    const parsed = JSON.parse(reportJsonText(report)) as { message: string; warnings: string[] };

    expect(parsed.message).toBe(nasty);
    expect(parsed.warnings).toEqual([nasty]);
  });
});
