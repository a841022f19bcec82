/**
 * What may surround the root element (XML §2.8): an optional XML declaration at the very
 * start, whitespace and comments. DOCTYPE and processing instructions are refused, so no
 * DTD is ever read and no entity is ever defined.
 */
import { isNameChar, isNameStart, isXmlSpace } from "./xml-chars.ts";
import { XmlSyntaxError, fail, scanComment } from "./xml-tokens.ts";

function skipSpace(text: string, pos: number): number {
  while (isXmlSpace(text.charCodeAt(pos))) pos++;
  return pos;
}

/** Checks everything before the root element and returns the offset of its `<`. */
export function scanProlog(text: string): number {
  let pos = 0;
  if (text.startsWith("<?xml", 0) && isXmlSpace(text.charCodeAt(5))) pos = scanXmlDeclaration(text);
  for (;;) {
    pos = skipSpace(text, pos);
    if (pos >= text.length) {
      fail(pos, "missing-root", "The payload has no root element; send <primedocsConnect>.");
    }
    if (text.charCodeAt(pos) !== 0x3c) {
      fail(pos, "text-before-root", "Text is not allowed before the root element.");
    }
    if (!text.startsWith("<!--", pos)) break;
    pos = scanComment(text, pos);
  }
  refuseDeclaration(text, pos);
  return pos;
}

/** Checks everything after the root element, from `pos` on. */
export function scanEpilog(text: string, pos: number): void {
  for (;;) {
    pos = skipSpace(text, pos);
    if (pos >= text.length) return;
    if (text.startsWith("<!--", pos)) {
      pos = scanComment(text, pos);
      continue;
    }
    if (text.charCodeAt(pos) === 0x3c) {
      refuseDeclaration(text, pos);
      if (isNameStart(text.charCodeAt(pos + 1))) {
        fail(pos, "multiple-roots", "Only one root element is allowed; this is a second one.");
      }
    }
    fail(
      pos,
      "content-after-root",
      "Nothing but whitespace and comments may follow the root element.",
    );
  }
}

/**
 * Fails on the `<!…` or `<?…` markup at `pos`, if any: DTDs and processing instructions are
 * never read, and the XML declaration is only allowed at offset 0.
 */
export function refuseDeclaration(text: string, pos: number): void {
  const next = text.charCodeAt(pos + 1);
  if (next === 0x21) {
    if (text.startsWith("<!DOCTYPE", pos)) {
      throw new XmlSyntaxError(
        pos,
        "doctype-not-allowed",
        "DOCTYPE declarations are not accepted (no DTDs, no entity definitions); remove it.",
      );
    }
    throw new XmlSyntaxError(
      pos,
      "syntax-error",
      "Unexpected <! markup; only comments and, inside elements, CDATA sections are allowed.",
    );
  }
  if (next !== 0x3f) return;
  if (text.startsWith("<?xml", pos) && !isNameChar(text.charCodeAt(pos + 5))) {
    const message =
      pos === 0
        ? 'The XML declaration needs version="1.0".'
        : "The XML declaration must be the very first thing in the payload.";
    throw new XmlSyntaxError(pos, "invalid-xml-declaration", message);
  }
  throw new XmlSyntaxError(
    pos,
    "processing-instruction-not-allowed",
    "Processing instructions are not accepted; remove it.",
  );
}

const VERSION_PATTERN = /^1\.[0-9]+$/;

/**
 * Checks the declaration at offset 0 (`<?xml version="1.x" encoding="utf-8"?>`, XML §2.8)
 * and returns the offset after `?>`. The body was decoded as UTF-8, so no other encoding
 * may be declared.
 */
export function scanXmlDeclaration(text: string): number {
  const reader = { pos: 5 };
  const version = pseudoAttribute(text, reader, "version");
  if (version === null || !VERSION_PATTERN.test(version)) {
    throw new XmlSyntaxError(
      0,
      "invalid-xml-declaration",
      'The XML declaration needs version="1.0".',
    );
  }
  const encoding = pseudoAttribute(text, reader, "encoding");
  if (encoding !== null && encoding.toLowerCase() !== "utf-8") {
    throw new XmlSyntaxError(0, "unsupported-encoding", `Only UTF-8 is accepted, not ${encoding}.`);
  }
  const standalone = pseudoAttribute(text, reader, "standalone");
  if (standalone !== null && standalone !== "yes" && standalone !== "no") {
    throw new XmlSyntaxError(0, "invalid-xml-declaration", 'standalone must be "yes" or "no".');
  }
  let pos = reader.pos;
  while (isXmlSpace(text.charCodeAt(pos))) pos++;
  if (!text.startsWith("?>", pos)) {
    throw new XmlSyntaxError(
      pos,
      "invalid-xml-declaration",
      "The XML declaration must end with ?>.",
    );
  }
  return pos + 2;
}

/** Reads ` name="value"` at the reader's position, or returns null and moves nothing. */
function pseudoAttribute(text: string, reader: { pos: number }, name: string): string | null {
  let pos = reader.pos;
  while (isXmlSpace(text.charCodeAt(pos))) pos++;
  if (pos === reader.pos || !text.startsWith(name, pos)) return null;
  pos += name.length;
  while (isXmlSpace(text.charCodeAt(pos))) pos++;
  if (text.charCodeAt(pos) !== 0x3d) {
    throw new XmlSyntaxError(pos, "invalid-xml-declaration", `Expected = after ${name}.`);
  }
  pos++;
  while (isXmlSpace(text.charCodeAt(pos))) pos++;
  const quote = text.charCodeAt(pos);
  const end =
    quote === 0x22 || quote === 0x27 ? text.indexOf(String.fromCharCode(quote), pos + 1) : -1;
  if (end < 0) {
    throw new XmlSyntaxError(
      pos,
      "invalid-xml-declaration",
      `The value of ${name} must be quoted.`,
    );
  }
  reader.pos = end + 1;
  return text.slice(pos + 1, end);
}
