import { describe, expect, it } from "vitest";

import { defaultFileName, downloadFile } from "../../src/commands/download.ts";
import { CONTENT_TYPES, MAX_FILE_NAME_BYTES, safeFileName } from "../../src/commands/file-name.ts";
import type { Command } from "../../src/connect/model.ts";
import { sessionValues, text } from "./values.ts";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const bytes = new Uint8Array([1, 2, 3]);

function download(fileName: string | null, fieldBindings: Record<string, string> = {}) {
  const command: Extract<Command, { type: "DownloadFile" }> = {
    type: "DownloadFile",
    fileName,
    target: { kind: "document", conversion: null },
    fieldBindings,
  };
  return command;
}

describe("safeFileName", () => {
  it("replaces path separators and characters Windows forbids", () => {
    expect(safeFileName('../a/b\\c<d>e:f"g|h?i*j.docx', "docx")).toBe("_a_b_c_d_e_f_g_h_i_j.docx");
  });

  it("drops control and bidirectional characters and collapses whitespace", () => {
    expect(safeFileName("Offer\u0000\u0007\tNo\n1\u202Excod.exe", "docx")).toBe(
      "Offer__ No 1_xcod.exe.docx",
    );
  });

  it("removes trailing dots and spaces and leading dots", () => {
    expect(safeFileName("..hidden. . ", "docx")).toBe("hidden.docx");
    expect(safeFileName("Offer.docx.", "docx")).toBe("Offer.docx");
  });

  it("prefixes names Windows reserves for devices, in any case and with any extension", () => {
    expect(safeFileName("CON", "docx")).toBe("_CON.docx");
    expect(safeFileName("con.docx", "docx")).toBe("_con.docx");
    expect(safeFileName("lpt1.backup", "xml")).toBe("_lpt1.backup.xml");
    expect(safeFileName("Aux .docx", "docx")).toBe("_Aux.docx");
    expect(safeFileName("CONSOLE", "docx")).toBe("CONSOLE.docx");
  });

  it("keeps non-ASCII names, normalised to NFC", () => {
    expect(safeFileName("Offerte Mu\u0308ller – 2026", "docx")).toBe("Offerte Müller – 2026.docx");
  });

  it("gives the lower-case extension of the content, replacing a document extension", () => {
    expect(safeFileName("Offer.docx", "pdf")).toBe("Offer.pdf");
    expect(safeFileName("Offer.DOCX", "docx")).toBe("Offer.docx");
    expect(safeFileName("Offer v1.2", "docx")).toBe("Offer v1.2.docx");
    expect(safeFileName("Report", "xml")).toBe("Report.xml");
  });

  it("falls back to Document when nothing survives", () => {
    expect(safeFileName(" ... ", "docx")).toBe("Document.docx");
    expect(safeFileName(".docx", "docx")).toBe("Document.docx");
  });

  it("caps the name in UTF-8 bytes, keeping the extension and whole characters", () => {
    const name = safeFileName(`${"ü".repeat(150)}.docx`, "docx");

    expect(new TextEncoder().encode(name).length).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
    expect(name).toBe(`${"ü".repeat(97)}.docx`);
  });

  it("does not split a character made of a surrogate pair", () => {
    const name = safeFileName(`${"😀".repeat(60)}.pdf`, "pdf");

    expect(name).toBe(`${"😀".repeat(49)}.pdf`);
    expect(name.isWellFormed()).toBe(true);
  });
});

describe("defaultFileName", () => {
  it("uses the template name for a document and Report for the report", () => {
    expect(defaultFileName("docx", "Offer")).toBe("Offer.docx");
    expect(defaultFileName("pdf", null)).toBe("Document.pdf");
    expect(defaultFileName("xml", "Offer")).toBe("Report.xml");
  });
});

describe("downloadFile", () => {
  const values = sessionValues({ Title: text("Q1/Q2") }, { InvoiceNumber: text("1234") });

  it("fills the file name and makes it safe", () => {
    const result = downloadFile(
      download("Offer {Data.InvoiceNumber} {Forms.Title}.docx"),
      { kind: "docx", bytes },
      values,
      "Offer",
    );

    expect(result.file).toEqual({ name: "Offer 1234 Q1_Q2.docx", contentType: DOCX, bytes });
    expect(result.missing).toEqual([]);
  });

  it("defaults to the template name without a FileName", () => {
    const result = downloadFile(download(null), { kind: "docx", bytes }, values, "Offer");

    expect(result.file.name).toBe("Offer.docx");
  });

  it("defaults when the name fills to nothing and reports the missing value", () => {
    const result = downloadFile(download("{Data.Missing}"), { kind: "pdf", bytes }, values, null);

    expect(result.file).toMatchObject({ name: "Document.pdf", contentType: "application/pdf" });
    expect(result.missing).toEqual(["Data.Missing"]);
  });

  it("takes the name from a field-FileName binding", () => {
    const result = downloadFile(
      download(null, { FileName: "Data.InvoiceNumber" }),
      { kind: "xml", bytes },
      values,
      "Offer",
    );

    expect(result.file).toMatchObject({ name: "1234.xml", contentType: CONTENT_TYPES.xml });
  });
});
