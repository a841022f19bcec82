import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { checkTemplateDocx } from "../../src/generation/check.ts";
import { crc32 } from "../../src/generation/crc32.ts";
import {
  inflateEntry,
  MAX_INFLATED_BYTES,
  MAX_ZIP_ENTRIES,
  readZip,
} from "../../src/generation/zip-reader.ts";
import { rewrittenEntry, STORE_BELOW_BYTES, writeZip } from "../../src/generation/zip-writer.ts";

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/** Offsets of the central directory headers and of the end record in an archive. */
function layout(zip: Uint8Array): { central: number[]; eocd: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const central: number[] = [];
  let eocd = -1;
  for (let i = 0; i + 4 <= zip.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === CENTRAL_SIGNATURE) {
      central.push(i);
    } else if (signature === EOCD_SIGNATURE) {
      eocd = i;
    }
  }
  return { central, eocd };
}

describe("readZip", () => {
  it("lists entries with their declared sizes and CRCs", () => {
    const zip = zipSync({ "a.txt": strToU8("hello"), "b/c.xml": strToU8("<x/>") });

    const result = readZip(zip);

    expect(result.ok && result.entries.map((e) => [e.name, e.size, e.crc32])).toEqual([
      ["a.txt", 5, crc32(strToU8("hello"))],
      ["b/c.xml", 4, crc32(strToU8("<x/>"))],
    ]);
  });

  it("rejects a ZIP bomb by its declared size before inflating anything", () => {
    const zip = zipSync({ "word/document.xml": strToU8("<w:document/>") });
    const { central } = layout(zip);
    new DataView(zip.buffer).setUint32((central[0] ?? 0) + 24, MAX_INFLATED_BYTES + 1, true);

    expect(readZip(zip)).toMatchObject({ ok: false, reason: "too-large" });
    expect(checkTemplateDocx(zip)).toEqual([expect.objectContaining({ code: "zip-too-large" })]);
  });

  it("rejects an archive with too many entries before reading them", () => {
    const zip = zipSync({ "a.txt": strToU8("a") });
    const { eocd } = layout(zip);
    new DataView(zip.buffer).setUint16(eocd + 10, MAX_ZIP_ENTRIES + 1, true);

    expect(readZip(zip)).toMatchObject({ ok: false, reason: "too-many-entries" });
  });

  it("rejects unknown compression methods", () => {
    const zip = zipSync({ "a.txt": strToU8("a") });
    const { central } = layout(zip);
    new DataView(zip.buffer).setUint16((central[0] ?? 0) + 10, 14, true);

    expect(readZip(zip)).toMatchObject({ ok: false, reason: "unsupported" });
  });

  it("rejects truncated archives", () => {
    const zip = zipSync({ "a.txt": strToU8("a".repeat(100)) });

    expect(readZip(zip.subarray(0, 40))).toMatchObject({ ok: false, reason: "not-a-zip" });
  });
});

describe("inflateEntry", () => {
  it("stops an entry that inflates beyond its declared size", () => {
    const bomb = new Uint8Array(1024 * 1024);
    const zip = zipSync({ "word/document.xml": bomb }, { level: 1 });
    const { central } = layout(zip);
    new DataView(zip.buffer).setUint32((central[0] ?? 0) + 24, 1024, true);
    const read = readZip(zip);

    expect(read.ok && read.entries[0] && inflateEntry(read.entries[0])).toBeNull();
  });

  it("refuses content whose CRC does not match", () => {
    const zip = zipSync({ "a.txt": strToU8("hello") });
    const { central } = layout(zip);
    new DataView(zip.buffer).setUint32((central[0] ?? 0) + 16, 1234, true);
    const read = readZip(zip);

    expect(read.ok && read.entries[0] && inflateEntry(read.entries[0])).toBeNull();
  });
});

describe("writeZip", () => {
  it("writes copied and rewritten entries that other readers open", () => {
    const source = readZip(zipSync({ "keep.xml": strToU8("<keep/>"), "é.xml": strToU8("old") }));
    if (!source.ok) {
      throw new Error("unreadable");
    }
    const [keep, change] = source.entries;
    const big = strToU8("<p>text</p>".repeat(STORE_BELOW_BYTES / 8));
    if (keep === undefined || change === undefined) {
      throw new Error("missing entries");
    }

    const zip = writeZip([keep, rewrittenEntry(change, big)]);

    expect(unzipSync(zip)).toEqual({ "keep.xml": strToU8("<keep/>"), "é.xml": big });
    expect(rewrittenEntry(change, strToU8("small")).method).toBe(0);
    expect(rewrittenEntry(change, big).method).toBe(8);
  });
});
