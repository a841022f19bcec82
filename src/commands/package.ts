/**
 * What an Execute answer carries when downloads ran (spec §5, scenario A): one download is
 * the file itself; several become one ZIP with entries in command order, UTF-8 names and
 * duplicate names made unique. Built with fflate's synchronous `zipSync`: its asynchronous
 * APIs start Web Workers, which workerd does not have.
 */
import { zipSync, type ZipOptions, type Zippable } from "fflate";

import type { ProducedFile } from "../execution/model.ts";
import { CONTENT_TYPES, safeFileName } from "./file-name.ts";

/** Name of the archive when the caller does not pass one. */
export const DEFAULT_ARCHIVE_STEM = "Documents";

/** fflate level 0 writes a stored entry (APPNOTE.txt §4.4.5, method 0). */
const STORED_LEVEL = 0;
/** fflate's default; XML shrinks to a fraction and reports are small. */
const DEFLATE_LEVEL = 6;
/**
 * Formats that are compressed already (OOXML and ODF are ZIPs, PDF streams are deflated,
 * images and archives are compressed): deflating them again costs time and saves nothing.
 */
const COMPRESSED_EXTENSIONS = [
  ".docx",
  ".xlsx",
  ".pptx",
  ".dotx",
  ".odt",
  ".zip",
  ".gz",
  ".pdf",
  ".png",
  ".jpg",
  ".jpeg",
];
/** The DOS date field of a ZIP entry starts in 1980 (APPNOTE.txt §4.4.6); fflate throws before. */
const EARLIEST_ZIP_TIME_MS = Date.UTC(1980, 0, 1);

export interface ArchiveOptions {
  /** Stem of the ZIP's name; `Documents` when absent. */
  stem?: string;
  /** Modification time written into every entry; pass the execution's clock for stable output. */
  modified: Date;
}

/** The single file, a ZIP of several, or null when nothing was downloaded. */
export function packageDownloads(
  downloads: readonly ProducedFile[],
  options: ArchiveOptions,
): ProducedFile | null {
  const [first] = downloads;
  if (first === undefined) return null;
  if (downloads.length === 1) return first;

  return {
    name: safeFileName(`${options.stem ?? DEFAULT_ARCHIVE_STEM}.zip`, "zip"),
    contentType: CONTENT_TYPES.zip,
    bytes: zipFiles(downloads, options.modified),
  };
}

/** "Version made by" host system Unix (APPNOTE.txt §4.4.2.2). */
const UNIX_HOST = 3;
/** External attributes of a Unix host: the file mode in the high 16 bits (regular, 0644). */
const REGULAR_FILE_ATTRS = (0o100644 << 16) >>> 0;

/** One ZIP holding the files in the given order under unique names. */
export function zipFiles(files: readonly ProducedFile[], modified: Date): Uint8Array {
  const names = uniqueFileNames(files.map((file) => file.name));
  const mtime = new Date(Math.max(modified.getTime(), EARLIEST_ZIP_TIME_MS));
  // Null prototype: a name is only ever a key. Every name carries an extension, so none is
  // an integer-like key that JavaScript would enumerate ahead of the others.
  const entries = Object.create(null) as Zippable;

  files.forEach((file, i) => {
    const name = names[i] ?? file.name;
    const entryOptions: ZipOptions = { level: isCompressed(name) ? STORED_LEVEL : DEFLATE_LEVEL };
    entries[name] = [file.bytes, entryOptions];
  });

  // fflate flags a name as UTF-8 (general purpose bit 11, APPNOTE.txt §4.4.4 and
  // Appendix D) whenever it is not plain ASCII. Info-ZIP's unzip still re-codes the names of
  // entries "made by" MS-DOS (fflate's default) from a DOS code page, so the entries say
  // Unix (§4.4.2.2), with an ordinary file's mode rw-r--r-- in the external attributes.
  return zipSync(entries, { mtime, os: UNIX_HOST, attrs: REGULAR_FILE_ATTRS });
}

/**
 * `Offer.docx`, `offer.docx`, `Offer.docx` → `Offer.docx`, `offer (2).docx`,
 * `Offer (3).docx`. Case-insensitive, as Windows and macOS compare names; a generated
 * name is checked against every name already taken, including sent ones like `A (2).docx`.
 */
export function uniqueFileNames(names: readonly string[]): string[] {
  const taken = new Set(names.map((name) => name.toLowerCase()));
  const given = new Set<string>();

  return names.map((name) => {
    const key = name.toLowerCase();
    if (!given.has(key)) {
      given.add(key);
      return name;
    }
    const dot = name.lastIndexOf(".");
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : "";
    for (let n = 2; ; n++) {
      const candidate = `${stem} (${n})${extension}`;
      const candidateKey = candidate.toLowerCase();
      if (!taken.has(candidateKey) && !given.has(candidateKey)) {
        given.add(candidateKey);
        return candidate;
      }
    }
  });
}

function isCompressed(name: string): boolean {
  const lower = name.toLowerCase();
  return COMPRESSED_EXTENSIONS.some((extension) => lower.endsWith(extension));
}
