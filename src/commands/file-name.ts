/**
 * File names that every operating system accepts, and the extension and media type that
 * belong to each kind of content a command hands over. Pure.
 */

/** What a produced file holds; decides its extension and `Content-Type`. */
export type ContentKind = "docx" | "pdf" | "xml" | "zip";

export const CONTENT_TYPES: Readonly<Record<ContentKind, string>> = {
  // IANA registration for Office Open XML word-processing documents (ECMA-376).
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  pdf: "application/pdf",
  // RFC 7303 §3.2: UTF-8 is the default, so no charset parameter is needed.
  xml: "application/xml",
  zip: "application/zip",
};

export const EXTENSIONS: Readonly<Record<ContentKind, string>> = {
  docx: ".docx",
  pdf: ".pdf",
  xml: ".xml",
  zip: ".zip",
};

/**
 * Longest file name in UTF-8 bytes, extension included. ext4 and most Unix file systems
 * stop at 255 bytes; 200 leaves room for ` (2)` suffixes and for tools that append.
 */
export const MAX_FILE_NAME_BYTES = 200;

/** Used when nothing of the requested name survives cleaning. */
export const FALLBACK_STEM = "Document";

/**
 * Extensions that are replaced rather than kept when the content is of another kind:
 * `FileName="Offer.docx"` with a PDF conversion becomes `Offer.pdf`, not `Offer.docx.pdf`.
 */
const REPLACEABLE_EXTENSIONS = [
  ".docx",
  ".doc",
  ".dotx",
  ".pdf",
  ".xml",
  ".zip",
  ".rtf",
  ".odt",
  ".txt",
];

/**
 * Characters Windows forbids in names (`<>:"/\|?*`), C0 and C1 controls and DEL, and
 * bidirectional controls that can disguise an extension (`Offer‮xcod.exe`).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const SPACES = /\s+/gu;
/** Windows drops trailing dots and spaces, so `a.docx.` and `a.docx` would collide. */
const TRAILING_DOTS_AND_SPACES = /[. ]+$/;
/** A leading dot hides the file on Unix systems. */
const LEADING_DOTS_AND_SPACES = /^[. ]+/;
/**
 * Device names Windows reserves in any case and with any extension (`con.docx`), including
 * the superscript-digit forms of COM and LPT. Microsoft Learn, "Naming Files, Paths, and
 * Namespaces".
 */
const RESERVED_STEM = /^(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|(?:COM|LPT)[0-9¹²³])$/i;

/** A name for `kind` built from the requested name; never empty, never a path. */
export function safeFileName(requested: string, kind: ContentKind): string {
  const extension = EXTENSIONS[kind];
  const stem = withoutExtension(cleanName(requested), extension)
    .replace(LEADING_DOTS_AND_SPACES, "")
    .replace(TRAILING_DOTS_AND_SPACES, "");
  return capName(guardReserved(stem === "" ? FALLBACK_STEM : stem), extension);
}

/** Removes what no file system accepts and the characters that mislead readers. */
function cleanName(name: string): string {
  return name
    .toWellFormed()
    .normalize("NFC")
    .replace(SPACES, " ")
    .replace(FORBIDDEN, "_")
    .trim()
    .replace(TRAILING_DOTS_AND_SPACES, "");
}

/** The name without the extension it should have, or without a replaceable one. */
function withoutExtension(name: string, wanted: string): string {
  const lower = name.toLowerCase();
  const known = [wanted, ...REPLACEABLE_EXTENSIONS].find((ext) => lower.endsWith(ext));
  return known === undefined ? name : name.slice(0, -known.length);
}

/** Prefixes a reserved device name, looking at the part before the first dot. */
function guardReserved(stem: string): string {
  const firstPart = stem.split(".")[0] ?? "";
  return RESERVED_STEM.test(firstPart.trimEnd()) ? `_${stem}` : stem;
}

/** Shortens the stem, whole code points at a time, until the name fits the byte limit. */
function capName(stem: string, extension: string): string {
  const encoder = new TextEncoder();
  const budget = MAX_FILE_NAME_BYTES - encoder.encode(extension).length;
  let used = 0;
  let kept = "";
  for (const char of stem) {
    used += encoder.encode(char).length;
    if (used > budget) break;
    kept += char;
  }
  const trimmed = kept.replace(TRAILING_DOTS_AND_SPACES, "");
  return `${trimmed === "" ? FALLBACK_STEM : trimmed}${extension}`;
}
