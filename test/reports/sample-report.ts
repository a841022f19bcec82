/** A complete execution report for report tests; override any field. */
import type { ExecutionReport } from "../../src/execution/model.ts";

export function sampleReport(overrides: Partial<ExecutionReport> = {}): ExecutionReport {
  return {
    executionId: "5d0c8e1a-1b2c-4d3e-8f90-a1b2c3d4e5f6",
    sessionId: "0f5e2c1a-3b4d-4e6f-8a9b-0c1d2e3f4a5b",
    status: "Success",
    createdOnUtc: "2026-05-01T12:00:00.000Z",
    message: "The document was generated.",
    template: { id: "30b55516-80b5-41d7-801b-b31d6da376ac", name: "Offer" },
    language: "de-CH",
    ranBy: { clientId: "CustomApiClient", subject: "CustomApiClient", displayName: null },
    commands: [
      {
        group: "OnSuccess",
        type: "DownloadFile",
        position: 1,
        status: "Success",
        durationMs: 3,
        message: "Offer.docx is ready for download (10 bytes).",
      },
    ],
    files: [
      {
        name: "Offer.docx",
        contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        size: 10,
        sha256: "ab".repeat(32),
      },
    ],
    dialogs: [{ title: "Done", message: "Filed." }],
    warnings: ["Forms.Subject: dropped 1 character that XML cannot carry"],
    ...overrides,
  };
}
