/**
 * Writes a ZIP archive from entries whose compressed bytes are already known: entries
 * copied unchanged from the template, and rewritten parts, deflated here with fflate's
 * synchronous `deflateSync` or stored when small. One output buffer; sizes and CRCs in
 * the local headers (no data descriptors); UTF-8 names flagged as such (APPNOTE.txt
 * §4.4.4, bit 11).
 */
import { deflateSync } from "fflate";

import { crc32 } from "./crc32.ts";
import { METHOD_DEFLATE, METHOD_STORED, type ZipEntry } from "./zip-reader.ts";

const LOCAL_SIGNATURE = 0x04034b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIGNATURE = 0x06054b50;
const LOCAL_HEADER_BYTES = 30;
const CENTRAL_HEADER_BYTES = 46;
const EOCD_BYTES = 22;
/** Version 2.0: deflate, folders (APPNOTE.txt §4.4.3). */
const ZIP_VERSION = 20;
const FLAG_UTF8 = 0x0800;
/** Bits 1–2 describe the deflate level used; they are the only flags worth keeping. */
const FLAG_DEFLATE_OPTIONS = 0x0006;

/**
 * Level for parts rewritten per document. fflate's level 1 deflates rendered XML about
 * 2.5× faster than its default 6, for output some 40 % larger (bench/render.ts notes).
 */
export const PART_DEFLATE_LEVEL = 1;
/**
 * Parts smaller than this are stored, not deflated: fflate spends ~0.2 ms setting up any
 * deflate, more than the few KiB it could save here are worth.
 */
export const STORE_BELOW_BYTES = 8 * 1024;

/** The entry for a part whose content changed: deflated, or stored when small. */
export function rewrittenEntry(template: ZipEntry, content: Uint8Array): ZipEntry {
  const stored = content.length < STORE_BELOW_BYTES;
  return {
    name: template.name,
    method: stored ? METHOD_STORED : METHOD_DEFLATE,
    flags: 0,
    crc32: crc32(content),
    size: content.length,
    dosTime: template.dosTime,
    dosDate: template.dosDate,
    compressed: stored ? content : deflateSync(content, { level: PART_DEFLATE_LEVEL }),
  };
}

/** The archive holding `entries` in the given order. */
export function writeZip(entries: readonly ZipEntry[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  let localBytes = 0;
  let centralBytes = 0;
  entries.forEach((entry, i) => {
    const nameLength = names[i]?.length ?? 0;
    localBytes += LOCAL_HEADER_BYTES + nameLength + entry.compressed.length;
    centralBytes += CENTRAL_HEADER_BYTES + nameLength;
  });

  const out = new Uint8Array(localBytes + centralBytes + EOCD_BYTES);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  let at = 0;
  entries.forEach((entry, i) => {
    const name = names[i] ?? new Uint8Array(0);
    offsets.push(at);
    writeHeader(view, at, LOCAL_SIGNATURE, entry, name, false);
    out.set(name, at + LOCAL_HEADER_BYTES);
    at += LOCAL_HEADER_BYTES + name.length;
    out.set(entry.compressed, at);
    at += entry.compressed.length;
  });

  const directoryStart = at;
  entries.forEach((entry, i) => {
    const name = names[i] ?? new Uint8Array(0);
    writeHeader(view, at, CENTRAL_SIGNATURE, entry, name, true);
    view.setUint32(at + 42, offsets[i] ?? 0, true);
    out.set(name, at + CENTRAL_HEADER_BYTES);
    at += CENTRAL_HEADER_BYTES + name.length;
  });

  view.setUint32(at, EOCD_SIGNATURE, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - directoryStart, true);
  view.setUint32(at + 16, directoryStart, true);
  return out;
}

/**
 * The fields local and central headers share; the central one has "version made by" in
 * front, so everything after the signature shifts by two bytes there.
 */
function writeHeader(
  view: DataView,
  at: number,
  signature: number,
  entry: ZipEntry,
  name: Uint8Array,
  central: boolean,
): void {
  view.setUint32(at, signature, true);
  let p = at + 4;
  if (central) {
    view.setUint16(p, ZIP_VERSION, true);
    p += 2;
  }
  const utf8 = name.length !== entry.name.length ? FLAG_UTF8 : 0;
  view.setUint16(p, ZIP_VERSION, true);
  view.setUint16(p + 2, (entry.flags & FLAG_DEFLATE_OPTIONS) | utf8, true);
  view.setUint16(p + 4, entry.method, true);
  view.setUint16(p + 6, entry.dosTime, true);
  view.setUint16(p + 8, entry.dosDate, true);
  view.setUint32(p + 10, entry.crc32, true);
  view.setUint32(p + 14, entry.compressed.length, true);
  view.setUint32(p + 18, entry.size, true);
  view.setUint16(p + 22, name.length, true);
  // Extra field length, then (central only) comment length, disk, attributes: all zero.
}
