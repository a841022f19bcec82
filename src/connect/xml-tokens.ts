/**
 * Tokens of the strict XML scanner that stand alone: references, comments and characters
 * outside the Basic Multilingual Plane, plus the error that unwinds the scanner.
 */
import type { MalformedCode } from "./issues.ts";
import { PREDEFINED_ENTITIES, isNameChar, isXmlCodePoint, isXmlSpace } from "./xml-chars.ts";

/** Thrown inside the scanner to unwind from any depth; `scanXml` turns it into a value. */
export class XmlSyntaxError extends Error {
  readonly offset: number;
  readonly code: MalformedCode;

  constructor(offset: number, code: MalformedCode, message: string) {
    super(message);
    this.offset = offset;
    this.code = code;
  }
}

const SEMICOLON = 0x3b;
const HASH = 0x23;
/** Any value above the last code point; stops a long digit run from growing further. */
const BEYOND_UNICODE = 0x110000;

function digitValue(c: number, hex: boolean): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (!hex) return -1;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/**
 * Checks the reference starting at the `&` at `pos` and returns the offset after its `;`.
 * Only the five predefined entities and character references to XML characters pass
 * (XML §4.1); `&#X…;` with a capital X is not XML either.
 */
export function readReference(text: string, pos: number): number {
  if (text.charCodeAt(pos + 1) === HASH) {
    const hex = text.charCodeAt(pos + 2) === 0x78;
    const digitsStart = pos + (hex ? 3 : 2);
    let end = digitsStart;
    let value = 0;
    for (
      let d = digitValue(text.charCodeAt(end), hex);
      d >= 0;
      d = digitValue(text.charCodeAt(end), hex)
    ) {
      value = Math.min(value * (hex ? 16 : 10) + d, BEYOND_UNICODE);
      end++;
    }
    if (end === digitsStart || text.charCodeAt(end) !== SEMICOLON) {
      throw new XmlSyntaxError(
        pos,
        "invalid-reference",
        "Malformed character reference; write &#NNN; or &#xHHH;.",
      );
    }
    if (!isXmlCodePoint(value)) {
      const written = text.slice(pos, end + 1);
      throw new XmlSyntaxError(
        pos,
        "invalid-reference",
        `${written} names a character that XML does not allow.`,
      );
    }
    return end + 1;
  }

  let end = pos + 1;
  while (isNameChar(text.charCodeAt(end))) end++;
  if (end === pos + 1 || text.charCodeAt(end) !== SEMICOLON) {
    throw new XmlSyntaxError(pos, "invalid-reference", "A literal & must be written &amp;.");
  }
  const name = text.slice(pos + 1, end);
  if (!PREDEFINED_ENTITIES.has(name)) {
    throw new XmlSyntaxError(
      pos,
      "invalid-reference",
      `Unknown entity &${name};. XML knows only &amp; &lt; &gt; &quot; &apos;; write the character itself or a character reference such as &#160;.`,
    );
  }
  return end + 1;
}

/** Checks the code unit at `pos` (≥ 0xD800); returns the offset of the last unit it uses. */
export function wideChar(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c <= 0xdbff) {
    const low = text.charCodeAt(pos + 1);
    if (low >= 0xdc00 && low <= 0xdfff) return pos + 1;
  } else if (c >= 0xe000 && c <= 0xfffd) {
    return pos;
  }
  throw new XmlSyntaxError(pos, "invalid-character", "This character is not allowed in XML.");
}

/** Checks the comment opening at `pos` and returns the offset after its `-->`. */
export function scanComment(text: string, pos: number): number {
  const end = text.indexOf("--", pos + 4);
  if (end < 0) {
    throw new XmlSyntaxError(pos, "invalid-comment", "The comment is never closed with -->.");
  }
  if (text.charCodeAt(end + 2) !== 0x3e) {
    throw new XmlSyntaxError(end, "invalid-comment", "-- is not allowed inside a comment.");
  }
  for (let i = pos + 4; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && !isXmlSpace(c)) {
      throw new XmlSyntaxError(
        i,
        "invalid-character",
        "Control characters are not allowed in XML.",
      );
    }
    if (c >= 0xd800) i = wideChar(text, i);
  }
  return end + 3;
}

export function fail(offset: number, code: MalformedCode, message: string): never {
  throw new XmlSyntaxError(offset, code, message);
}

/** True if text[a, a + length) and text[b, b + length) hold the same code units. */
export function sameRange(text: string, a: number, b: number, length: number): boolean {
  for (let i = 0; i < length; i++) {
    if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  }
  return true;
}
