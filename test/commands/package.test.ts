import { strFromU8, strToU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { packageDownloads, uniqueFileNames, zipFiles } from "../../src/commands/package.ts";
import type { ProducedFile } from "../../src/execution/model.ts";

const LOCAL_SIGNATURE = 0x04034b50;
const METHOD_STORED = 0;
const METHOD_DEFLATE = 8;
const FLAG_UTF8 = 0x0800;
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const MODIFIED = new Date(Date.UTC(2026, 4, 1, 12, 0, 0));

interface LocalHeader {
  name: string;
  flags: number;
  method: number;
}

/** The local file headers in archive order (APPNOTE.txt §4.3.7). */
function localHeaders(zip: Uint8Array): LocalHeader[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const headers: LocalHeader[] = [];
  let at = 0;
  while (view.getUint32(at, true) === LOCAL_SIGNATURE) {
    const flags = view.getUint16(at + 6, true);
    const method = view.getUint16(at + 8, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const name = new TextDecoder().decode(zip.subarray(at + 30, at + 30 + nameLength));
    headers.push({ name, flags, method });
    at += 30 + nameLength + extraLength + compressed;
  }
  return headers;
}

const CENTRAL_SIGNATURE = 0x02014b50;
const UNIX_HOST = 3;

/** "Version made by" host and Unix mode of each central directory entry (§4.3.12). */
function centralEntries(zip: Uint8Array): { host: number; mode: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const entries: { host: number; mode: number }[] = [];
  for (let at = 0; at + 46 <= zip.byteLength; at++) {
    if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) continue;
    entries.push({ host: view.getUint8(at + 5), mode: view.getUint32(at + 38, true) >>> 16 });
    at += 45;
  }
  return entries;
}

function file(name: string, content: string, contentType = DOCX): ProducedFile {
  return { name, contentType, bytes: strToU8(content.repeat(50)) };
}

describe("packageDownloads", () => {
  it("answers nothing without downloads", () => {
    expect(packageDownloads([], { modified: MODIFIED })).toBeNull();
  });

  it("answers a single download as the file itself", () => {
    const only = file("Offer.docx", "docx bytes");

    expect(packageDownloads([only], { modified: MODIFIED })).toBe(only);
  });

  it("zips several downloads in command order with unique UTF-8 names", () => {
    const downloads = [
      file("Offerte Müller – 2026.docx", "first "),
      file("offerte müller – 2026.docx", "second "),
      file("Report.xml", "<report/>", "application/xml"),
    ];

    const zip = packageDownloads(downloads, { modified: MODIFIED, stem: "Offer 1234" });

    expect(zip).toMatchObject({ name: "Offer 1234.zip", contentType: "application/zip" });
    const bytes = zip?.bytes ?? new Uint8Array();
    const entries = unzipSync(bytes);
    expect(Object.keys(entries)).toEqual([
      "Offerte Müller – 2026.docx",
      "offerte müller – 2026 (2).docx",
      "Report.xml",
    ]);
    expect(strFromU8(entries["Report.xml"] ?? new Uint8Array())).toBe("<report/>".repeat(50));

    const headers = localHeaders(bytes);
    expect(headers.map((h) => h.name)).toEqual(Object.keys(entries));
    expect(headers.map((h) => h.method)).toEqual([METHOD_STORED, METHOD_STORED, METHOD_DEFLATE]);
    expect(headers.map((h) => (h.flags & FLAG_UTF8) !== 0)).toEqual([true, true, false]);
  });

  it("marks entries as made on Unix with an ordinary file mode, so unzip keeps UTF-8 names", () => {
    const zip = zipFiles([file("Müller.docx", "a"), file("b.docx", "b")], MODIFIED);

    const made = centralEntries(zip);

    expect(made).toEqual([
      { host: UNIX_HOST, mode: 0o100644 },
      { host: UNIX_HOST, mode: 0o100644 },
    ]);
  });

  it("names the archive Documents.zip by default", () => {
    const zip = packageDownloads([file("a.docx", "a"), file("b.docx", "b")], {
      modified: MODIFIED,
    });

    expect(zip?.name).toBe("Documents.zip");
  });
});

describe("zipFiles", () => {
  it("writes a ZIP that unzips even for a clock before 1980", () => {
    const zip = zipFiles([file("a.pdf", "%PDF", "application/pdf")], new Date(0));

    expect(Object.keys(unzipSync(zip))).toEqual(["a.pdf"]);
  });
});

describe("uniqueFileNames", () => {
  it("numbers repeated names, comparing case-insensitively", () => {
    expect(uniqueFileNames(["Offer.docx", "OFFER.docx", "Offer.docx", "Other.docx"])).toEqual([
      "Offer.docx",
      "OFFER (2).docx",
      "Offer (3).docx",
      "Other.docx",
    ]);
  });

  it("never takes a name that a later file already has", () => {
    expect(uniqueFileNames(["Offer.docx", "Offer.docx", "Offer (2).docx"])).toEqual([
      "Offer.docx",
      "Offer (3).docx",
      "Offer (2).docx",
    ]);
  });

  it("numbers names without an extension", () => {
    expect(uniqueFileNames(["README", "readme"])).toEqual(["README", "readme (2)"]);
  });
});
