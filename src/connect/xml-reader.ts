/**
 * Strict XML reading for Connect payloads: bytes or text in, a small element tree out, or
 * one malformed-input issue with line and column. The strict scanner proves the text
 * well-formed first; txml then builds the tree with options chosen for XML, not HTML.
 */
import { parse, type TNode } from "txml/txml";

import type { MalformedCode } from "./issues.ts";
import type { PayloadIssue } from "./model.ts";
import { scanXml, type Patch, type XmlScan } from "./xml-scan.ts";

/** One element of the payload. Offsets index the text after BOM and line-end handling. */
export interface XmlElement {
  readonly name: string;
  /** Attributes as txml read them (entities decoded, whitespace normalised); own keys only. */
  readonly attributes: Readonly<Record<string, string | null>>;
  /** Attributes whose names txml cannot carry; never a Connect attribute, always reported. */
  readonly strayAttributes: readonly string[];
  readonly children: readonly XmlElement[];
  /** All character data (text and CDATA) joined, decoded, whitespace exactly as sent. */
  readonly text: string;
  readonly offset: number;
  /** Offset of the first non-whitespace character data, or -1 when there is none. */
  readonly textOffset: number;
  readonly parent: XmlElement | null;
}

export interface XmlPosition {
  line: number;
  column: number;
}

export interface XmlDocument {
  readonly root: XmlElement;
  /** 1-based line and column (in code points) of an offset. */
  locate(offset: number): XmlPosition;
}

export type XmlReadResult =
  { ok: true; document: XmlDocument } | { ok: false; issue: PayloadIssue };

const BOM = 0xfeff;
const NO_NAMES: readonly string[] = [];
const NO_CHILDREN: readonly XmlElement[] = [];
// ignoreBOM false: the decoder drops a leading UTF-8 byte-order mark itself.
const strictDecoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });
const lenientDecoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: false });

/**
 * txml options for XML: no HTML void elements (`<link>`, `<input>` are ordinary elements),
 * whitespace kept (it may be a Value's text), comments dropped, entities decoded only when
 * the scanner saw a reference, and parsing stops after the root element.
 */
function txmlOptions(rootOffset: number, decodeEntities: boolean) {
  return {
    pos: rootOffset,
    parseNode: true,
    selfClosingTags: [],
    keepWhitespace: true,
    keepComments: false,
    decodeEntities,
  };
}

export function readXml(input: Uint8Array | string): XmlReadResult {
  let text: string;
  if (typeof input === "string") {
    text = input.charCodeAt(0) === BOM ? input.slice(1) : input;
  } else {
    try {
      text = strictDecoder.decode(input);
    } catch {
      return invalidUtf8(input);
    }
  }
  // XML §2.11: CR LF and lone CR read as LF, before anything else looks at the text.
  if (text.includes("\r")) text = text.replace(/\r\n?/g, "\n");

  const result = scanXml(text);
  const locate = locator(text);
  if (!result.ok) return malformed(result.code, result.message, locate(result.offset));

  const { scan } = result;
  const source = applyPatches(text, scan.patches);
  const options = txmlOptions(scan.rootOffset, scan.hasReferences);
  // SAFETY: with `parseNode: true` txml returns the single node at `pos`, not a list; the
  // scanner has proven a well-formed element starts there.
  const node = parse(source, options) as unknown as TNode;
  const root = build(node, null, scan, { next: 0 });
  return { ok: true, document: { root, locate } };
}

function malformed(code: MalformedCode, message: string, at: XmlPosition): XmlReadResult {
  return { ok: false, issue: { path: "", line: at.line, column: at.column, code, message } };
}

/** Builds the issue for bytes that are not UTF-8, pointing at the first bad byte. */
function invalidUtf8(bytes: Uint8Array): XmlReadResult {
  const bad = firstInvalidUtf8(bytes);
  let before = lenientDecoder.decode(bytes.subarray(0, bad));
  if (before.includes("\r")) before = before.replace(/\r\n?/g, "\n");
  const message = "The payload is not valid UTF-8; send it encoded as UTF-8.";
  return malformed("invalid-encoding", message, locator(before)(before.length));
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i += 1;
      continue;
    }
    const extra =
      lead >= 0xc2 && lead <= 0xdf
        ? 1
        : lead >= 0xe0 && lead <= 0xef
          ? 2
          : lead >= 0xf0 && lead <= 0xf4
            ? 3
            : 0;
    if (extra === 0) return i;
    let cp = lead & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k] ?? 0;
      if ((next & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (next & 0x3f);
    }
    const shortest = extra === 1 ? 0x80 : extra === 2 ? 0x800 : 0x10000;
    if (cp < shortest || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += extra + 1;
  }
  return bytes.length;
}

function applyPatches(text: string, patches: readonly Patch[]): string {
  if (patches.length === 0) return text;
  let out = "";
  let at = 0;
  for (const patch of patches) {
    out += text.slice(at, patch.start) + patch.text;
    at = patch.end;
  }
  return out + text.slice(at);
}

interface MutableElement {
  name: string;
  attributes: Readonly<Record<string, string | null>>;
  strayAttributes: readonly string[];
  children: readonly XmlElement[];
  text: string;
  offset: number;
  textOffset: number;
  parent: XmlElement | null;
}

/**
 * Pairs txml's nodes with the scanner's records: both list elements in document order, so
 * the n-th node of a pre-order walk is the n-th record.
 */
function build(
  node: TNode,
  parent: XmlElement | null,
  scan: XmlScan,
  cursor: { next: number },
): XmlElement {
  const index = cursor.next;
  const offset = scan.offsets[index];
  if (offset === undefined) throw new Error("txml produced more elements than the scanner saw");
  cursor.next = index + 1;
  const renamed = scan.renamed.size > 0 && scan.renamed.has(index);
  const element: MutableElement = {
    // `script` and `style` were capitalised for txml; the record knows the real name.
    name: renamed ? node.tagName.toLowerCase() : node.tagName,
    attributes: node.attributes,
    strayAttributes: (scan.strayAttributes.size > 0 && scan.strayAttributes.get(index)) || NO_NAMES,
    children: NO_CHILDREN,
    text: "",
    offset,
    textOffset: scan.textOffsets[index] ?? -1,
    parent,
  };
  let text = "";
  let children: XmlElement[] | null = null;
  for (const child of node.children) {
    if (typeof child === "string") text += child;
    else (children ??= []).push(build(child, element, scan, cursor));
  }
  if (children !== null) element.children = children;
  element.text = text;
  return element;
}

/** Maps offsets to lines and columns; the line index is built on first use only. */
function locator(text: string): (offset: number) => XmlPosition {
  let lineStarts: number[] | null = null;
  return (offset) => {
    lineStarts ??= indexLines(text);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    const lineStart = lineStarts[low] ?? 0;
    let column = 1;
    for (let i = lineStart; i < offset; i++) {
      const c = text.charCodeAt(i);
      // A low surrogate after a high one finishes a character that was already counted.
      if (!(c >= 0xdc00 && c <= 0xdfff && i > lineStart)) column++;
    }
    return { line: low + 1, column };
  };
}

function indexLines(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return starts;
}
