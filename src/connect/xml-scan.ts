/**
 * The strict half of XML reading: one pass over the text that proves it well-formed (XML 1.0
 * Fifth Edition, minus DTDs) before txml builds the tree. txml is fast but lenient, so this
 * pass also records what txml cannot tell: where each element and its text start, and the
 * few spots where txml would read well-formed XML differently (see `Patch`).
 */
import type { MalformedCode } from "./issues.ts";
import { MAX_STRING_LENGTH } from "./limits.ts";
import { isXmlSpace } from "./xml-chars.ts";
import { refuseDeclaration, scanEpilog, scanProlog } from "./xml-prolog.ts";
import { ScanState, openIndex, openNameEnd, openTextLength, type Patch } from "./xml-scan-state.ts";
import { scanEndTag, scanStartTag } from "./xml-scan-tags.ts";
import { XmlSyntaxError, fail, readReference, scanComment, wideChar } from "./xml-tokens.ts";

export type { Patch } from "./xml-scan-state.ts";

/** What txml cannot tell. Element arrays are indexed in document (pre-order) order. */
export interface XmlScan {
  /** Offset of each element's `<`. */
  readonly offsets: readonly number[];
  /** Offset of each element's first non-whitespace character data, or -1. */
  readonly textOffsets: readonly number[];
  /** Attribute names cut from txml's input, by element index. */
  readonly strayAttributes: ReadonlyMap<number, readonly string[]>;
  /** Elements capitalised for txml (`script`, `style`), by index. */
  readonly renamed: ReadonlySet<number>;
  readonly rootOffset: number;
  readonly patches: readonly Patch[];
  /** True when any `&` reference occurs; without one, txml can skip entity decoding. */
  readonly hasReferences: boolean;
}

export type ScanResult =
  { ok: true; scan: XmlScan } | { ok: false; offset: number; code: MalformedCode; message: string };

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const AMP = 0x26;
const RBRACKET = 0x5d;
const DASH = 0x2d;
const CDATA_OPEN = "<![CDATA[";
const NO_STRAY_ATTRIBUTES: ReadonlyMap<number, readonly string[]> = new Map();
const NONE_RENAMED: ReadonlySet<number> = new Set();

/** Checks `text` (BOM removed, line ends normalised to LF) and describes it for txml. */
export function scanXml(text: string): ScanResult {
  try {
    const state = new ScanState(text);
    const rootOffset = scanProlog(text);
    state.pos = rootOffset;
    scanRootElement(state);
    scanEpilog(text, state.pos);
    return {
      ok: true,
      scan: {
        offsets: state.offsets,
        textOffsets: state.textOffsets,
        strayAttributes: state.stray ?? NO_STRAY_ATTRIBUTES,
        renamed: state.renamed ?? NONE_RENAMED,
        rootOffset,
        patches: state.patches,
        hasReferences: state.hasReferences,
      },
    };
  } catch (err) {
    if (err instanceof XmlSyntaxError) {
      return { ok: false, offset: err.offset, code: err.code, message: err.message };
    }
    throw err;
  }
}

/** The root element and everything inside it, with an explicit stack (no recursion). */
function scanRootElement(state: ScanState): void {
  const text = state.text;
  scanStartTag(state);
  while (state.depth > 0) {
    scanCharData(state);
    const pos = state.pos;
    if (pos >= text.length) {
      const top = state.depth - 1;
      const offset = state.offsets[openIndex[top] ?? 0] ?? 0;
      const name = text.slice(offset + 1, openNameEnd[top]);
      fail(offset, "unclosed-element", `<${name}> is never closed; add </${name}>.`);
    }
    const next = text.charCodeAt(pos + 1);
    if (next === SLASH) scanEndTag(state);
    else if (next === BANG) scanMarkupInContent(state);
    else if (next === QUESTION) refuseDeclaration(text, pos);
    else scanStartTag(state);
  }
}

function scanMarkupInContent(state: ScanState): void {
  const text = state.text;
  const pos = state.pos;
  if (text.startsWith("<!--", pos)) {
    state.pos = scanComment(text, pos);
    const first = text.charCodeAt(pos + 4);
    if (first === GT || (first === DASH && text.charCodeAt(pos + 5) === GT)) {
      state.patches.push({ start: pos, end: state.pos, text: "" });
    }
  } else if (text.startsWith(CDATA_OPEN, pos)) {
    scanCdata(state);
  } else {
    refuseDeclaration(text, pos);
  }
}

/** Text up to the next `<`: references checked, `]]>` and control characters refused. */
function scanCharData(state: ScanState): void {
  const text = state.text;
  const length = text.length;
  let pos = state.pos;
  let first = -1;
  for (; pos < length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === LT) break;
    if (c === 0x20 || c === 0x0a || c === 0x09) continue;
    if (first < 0) first = pos;
    if (c === AMP) {
      state.hasReferences = true;
      pos = readReference(text, pos) - 1;
    } else if (c < 0x20) {
      fail(pos, "invalid-character", "Control characters are not allowed in XML.");
    } else if (c === RBRACKET && text.startsWith("]]>", pos)) {
      fail(pos, "syntax-error", "]]> is not allowed in text; write ]]&gt; instead.");
    } else if (c >= 0xd800) {
      pos = wideChar(text, pos);
    }
  }
  if (first >= 0) noteText(state, first, pos - first);
  state.pos = pos;
}

function scanCdata(state: ScanState): void {
  const text = state.text;
  const start = state.pos;
  const contentStart = start + CDATA_OPEN.length;
  const end = text.indexOf("]]>", contentStart);
  if (end < 0) fail(start, "syntax-error", "The CDATA section is never closed with ]]>.");
  let first = -1;
  for (let pos = contentStart; pos < end; pos++) {
    const c = text.charCodeAt(pos);
    if (isXmlSpace(c)) continue;
    if (first < 0) first = pos;
    if (c < 0x20) fail(pos, "invalid-character", "Control characters are not allowed in XML.");
    if (c >= 0xd800) pos = wideChar(text, pos);
  }
  if (first >= 0) noteText(state, first, end - contentStart);
  state.pos = end + 3;
}

/** Notes non-whitespace character data in the innermost open element. */
function noteText(state: ScanState, first: number, length: number): void {
  const top = state.depth - 1;
  const index = openIndex[top] ?? 0;
  if ((state.textOffsets[index] ?? 0) < 0) state.textOffsets[index] = first;
  const total = (openTextLength[top] ?? 0) + length;
  openTextLength[top] = total;
  if (total > MAX_STRING_LENGTH) {
    fail(
      first,
      "string-too-long",
      `The text of an element is longer than ${MAX_STRING_LENGTH} characters.`,
    );
  }
}
