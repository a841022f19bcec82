import { describe, expect, it } from "vitest";

import type { FileEntry } from "../../src/execution/model.ts";
import { buildReport, fileEntryOf } from "../../src/reports/build-report.ts";
import { sampleReport } from "./sample-report.ts";

/** SHA-256 of the three bytes "abc" (FIPS 180-2, Appendix B.1). */
const ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

describe("fileEntryOf", () => {
  it("gives name, type, size and the hex SHA-256", async () => {
    const bytes = new TextEncoder().encode("abc");

    expect(await fileEntryOf({ name: "a.txt", contentType: "text/plain", bytes })).toEqual({
      name: "a.txt",
      contentType: "text/plain",
      size: 3,
      sha256: ABC_SHA256,
    });
  });
});

describe("buildReport", () => {
  it("adds commands, hashed files, dialogs and warnings to the base", async () => {
    const base = sampleReport({ warnings: ["from generation"], files: [] });
    const { commands, dialogs } = base;
    const hashed: FileEntry = {
      name: "b.xml",
      contentType: "application/xml",
      size: 1,
      sha256: "00",
    };

    const report = await buildReport(base, {
      commands,
      files: [
        { name: "a.txt", contentType: "text/plain", bytes: new TextEncoder().encode("abc") },
        hashed,
      ],
      dialogs,
      warnings: ["from commands"],
    });

    expect(report.files.map((f) => f.sha256)).toEqual([ABC_SHA256, "00"]);
    expect(report.commands).toEqual(commands);
    expect(report.dialogs).toEqual(dialogs);
    expect(report.warnings).toEqual(["from generation", "from commands"]);
    expect(report.executionId).toBe(base.executionId);
  });
});
