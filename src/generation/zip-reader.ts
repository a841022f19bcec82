/**
 * Reads a ZIP archive's central directory (APPNOTE.txt §4.3) without inflating anything,
 * so entry count and declared inflated size are checked before a single byte is
 * decompressed. Entries keep their compressed bytes, which lets the writer copy unchanged
 * parts of a template as they are.
 */
import { Inflate } from "fflate";

import { crc32 } from "./crc32.ts";

/** More entries than any real Word document has; a bomb made of tiny entries stops here. */
export const MAX_ZIP_ENTRIES = 2_000;
/**
 * Sum of the declared inflated sizes of all entries, in bytes (64 MiB). Most of it can only
 * be parts that are copied, never compiled (images, fonts): the parts docxtemplater compiles
 * have their own, far lower cap (MAX_TEMPLATED_XML_BYTES in prepare.ts).
 */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** Largest archive accepted, in bytes (32 MiB). */
export const MAX_ZIP_BYTES = 32 * 1024 * 1024;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_BYTES = 22;
const CENTRAL_HEADER_BYTES = 46;
const LOCAL_HEADER_BYTES = 30;
/** The end record may be followed by a comment of up to this many bytes. */
const MAX_COMMENT_BYTES = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
/**
 * Compressed bytes fed to the inflater per step. Deflate expands at most ~1032×, so one
 * step produces at most ~16 MiB before the running size is checked again.
 */
const INFLATE_SLICE_BYTES = 16 * 1024;
export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else is refused. */
  method: number;
  flags: number;
  crc32: number;
  /** Declared inflated size in bytes. */
  size: number;
  /** DOS time and date fields, kept when the entry is copied. */
  dosTime: number;
  dosDate: number;
  /** The entry's compressed bytes, a view into the archive. */
  compressed: Uint8Array;
}

export type ZipReadResult =
  | { ok: true; entries: ZipEntry[] }
  | {
      ok: false;
      reason: "not-a-zip" | "too-many-entries" | "too-large" | "unsupported" | "corrupt";
      detail: string;
    };

/** The entries of an archive, in central-directory order, after checking the bounds. */
export function readZip(bytes: Uint8Array): ZipReadResult {
  if (bytes.length > MAX_ZIP_BYTES) {
    return fail("too-large", `the archive is larger than ${MAX_ZIP_BYTES} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndRecord(view);
  if (eocd < 0) {
    return fail("not-a-zip", "no ZIP end-of-central-directory record found");
  }

  const count = view.getUint16(eocd + 10, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    return fail("unsupported", "ZIP64 archives are not supported");
  }
  if (count > MAX_ZIP_ENTRIES) {
    return fail("too-many-entries", `the archive has ${count} entries (limit ${MAX_ZIP_ENTRIES})`);
  }

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let inflated = 0;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    const entry = readCentralEntry(bytes, view, at);
    if (typeof entry === "string") {
      return fail("corrupt", entry);
    }
    inflated += entry.entry.size;
    if (inflated > MAX_INFLATED_BYTES) {
      return fail("too-large", `the entries inflate to more than ${MAX_INFLATED_BYTES} bytes`);
    }
    if (entry.entry.flags & FLAG_ENCRYPTED) {
      return fail("unsupported", `${entry.entry.name} is encrypted`);
    }
    if (entry.entry.method !== METHOD_STORED && entry.entry.method !== METHOD_DEFLATE) {
      return fail(
        "unsupported",
        `${entry.entry.name} uses compression method ${entry.entry.method}`,
      );
    }
    if (names.has(entry.entry.name)) {
      return fail("corrupt", `${entry.entry.name} appears twice`);
    }
    names.add(entry.entry.name);
    entries.push(entry.entry);
    at = entry.next;
  }
  return { ok: true, entries };
}

/**
 * The entry's inflated bytes, or null when they do not match the declared size and CRC.
 * Inflates slice by slice and stops as soon as the output outgrows the declared size, so
 * an entry that lies about its size costs neither memory nor time beyond that size.
 */
export function inflateEntry(entry: ZipEntry): Uint8Array | null {
  const data = entry.method === METHOD_STORED ? entry.compressed : inflateBounded(entry);
  if (data === null || data.length !== entry.size || crc32(data) !== entry.crc32) {
    return null;
  }
  return data;
}

function inflateBounded(entry: ZipEntry): Uint8Array | null {
  const out = new Uint8Array(entry.size);
  // An object, not two variables: the callback updates it and the loop reads it.
  const progress = { written: 0, overflow: false };
  const inflater = new Inflate((chunk) => {
    if (progress.written + chunk.length > out.length) {
      progress.overflow = true;
      return;
    }
    out.set(chunk, progress.written);
    progress.written += chunk.length;
  });
  try {
    const input = entry.compressed;
    for (let at = 0; at < input.length && !progress.overflow; at += INFLATE_SLICE_BYTES) {
      const end = Math.min(at + INFLATE_SLICE_BYTES, input.length);
      inflater.push(input.subarray(at, end), end === input.length);
    }
  } catch {
    return null;
  }
  return progress.overflow || progress.written !== out.length ? null : out;
}

function findEndRecord(view: DataView): number {
  const last = view.byteLength - EOCD_BYTES;
  const first = Math.max(0, last - MAX_COMMENT_BYTES);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      return at;
    }
  }
  return -1;
}

function readCentralEntry(
  bytes: Uint8Array,
  view: DataView,
  at: number,
): { entry: ZipEntry; next: number } | string {
  if (at + CENTRAL_HEADER_BYTES > view.byteLength) {
    return "the central directory runs past the end of the archive";
  }
  if (view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
    return `no central directory header at byte ${at}`;
  }
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const dosTime = view.getUint16(at + 12, true);
  const dosDate = view.getUint16(at + 14, true);
  const crc = view.getUint32(at + 16, true);
  const compressedSize = view.getUint32(at + 20, true);
  const size = view.getUint32(at + 24, true);
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const commentLength = view.getUint16(at + 32, true);
  const localOffset = view.getUint32(at + 42, true);
  const nameEnd = at + CENTRAL_HEADER_BYTES + nameLength;
  if (nameEnd > view.byteLength) {
    return "an entry name runs past the end of the archive";
  }
  const name = new TextDecoder().decode(bytes.subarray(at + CENTRAL_HEADER_BYTES, nameEnd));

  const compressed = localData(bytes, view, localOffset, compressedSize);
  if (compressed === null) {
    return `the data of ${name} lies outside the archive`;
  }
  const entry = { name, method, flags, crc32: crc, size, dosTime, dosDate, compressed };
  return { entry, next: nameEnd + extraLength + commentLength };
}

/** The compressed bytes behind a local header (whose name and extra lengths may differ). */
function localData(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  length: number,
): Uint8Array | null {
  if (offset + LOCAL_HEADER_BYTES > view.byteLength) {
    return null;
  }
  if (view.getUint32(offset, true) !== LOCAL_SIGNATURE) {
    return null;
  }
  const start =
    offset +
    LOCAL_HEADER_BYTES +
    view.getUint16(offset + 26, true) +
    view.getUint16(offset + 28, true);
  if (start + length > view.byteLength) {
    return null;
  }
  return bytes.subarray(start, start + length);
}

function fail(
  reason: "not-a-zip" | "too-many-entries" | "too-large" | "unsupported" | "corrupt",
  detail: string,
): ZipReadResult {
  return { ok: false, reason, detail };
}
