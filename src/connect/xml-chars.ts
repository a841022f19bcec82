/**
 * XML 1.0 (Fifth Edition) character classes, as UTF-16 code unit tests for the strict
 * scanner. ASCII is tested first because nearly every Connect payload is ASCII markup.
 */

/** S production (§2.3). CR never reaches the scanner: line ends are normalised first. */
export function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** ASCII name characters: 1 = may start a name, 2 = may only continue one. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  if (isAsciiLetter(c) || c === 0x5f || c === 0x3a) ASCII_NAME[c] = 1;
  else if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e) ASCII_NAME[c] = 2;
}

/** NameStartChar (§2.3) for one code unit; a high surrogate stands for the planes 1–14. */
export function isNameStart(c: number): boolean {
  if (c < 0x80) return ASCII_NAME[c] === 1;
  return (
    (c >= 0xc0 && c <= 0xd6) ||
    (c >= 0xd8 && c <= 0xf6) ||
    (c >= 0xf8 && c <= 0x2ff) ||
    (c >= 0x370 && c <= 0x37d) ||
    (c >= 0x37f && c <= 0x1fff) ||
    c === 0x200c ||
    c === 0x200d ||
    (c >= 0x2070 && c <= 0x218f) ||
    (c >= 0x2c00 && c <= 0x2fef) ||
    (c >= 0x3001 && c <= 0xd7ff) ||
    (c >= 0xd800 && c <= 0xdb7f) ||
    (c >= 0xf900 && c <= 0xfdcf) ||
    (c >= 0xfdf0 && c <= 0xfffd)
  );
}

/** NameChar (§2.3) for one code unit; low surrogates pass when they follow a high one. */
export function isNameChar(c: number): boolean {
  if (c < 0x80) return ASCII_NAME[c] !== 0;
  return (
    isNameStart(c) ||
    c === 0xb7 ||
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x203f && c <= 0x2040) ||
    (c >= 0xdc00 && c <= 0xdfff)
  );
}

/** Char (§2.2) for a whole code point, as named by a character reference. */
export function isXmlCodePoint(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  return cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

/** The five entities XML predefines (§4.6); no others exist because DTDs are refused. */
export const PREDEFINED_ENTITIES: ReadonlySet<string> = new Set([
  "amp",
  "lt",
  "gt",
  "quot",
  "apos",
]);
