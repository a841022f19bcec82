/**
 * Start tags, attributes and end tags for the strict scanner: names checked, attributes
 * quoted and unique, values free of `<` and bad references, end tags matching.
 */
import {
  MAX_NAME_LENGTH,
  MAX_STRING_LENGTH,
  MAX_XML_ATTRIBUTES,
  MAX_XML_DEPTH,
  MAX_XML_ELEMENTS,
} from "./limits.ts";
import { isAsciiLetter, isNameChar, isNameStart, isXmlSpace } from "./xml-chars.ts";
import {
  attributeRanges,
  openIndex,
  openNameEnd,
  openTextLength,
  type ScanState,
} from "./xml-scan-state.ts";
import { fail, readReference, sameRange, wideChar } from "./xml-tokens.ts";

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const AMP = 0x26;
const EQUALS = 0x3d;
const QUOTE = 0x22;
const APOS = 0x27;

/** txml treats these as HTML raw-text elements. */
function isRawTextName(text: string, start: number, end: number): boolean {
  const length = end - start;
  return (
    (length === 6 && text.startsWith("script", start)) ||
    (length === 5 && text.startsWith("style", start))
  );
}

/** Reads the start tag at the cursor; an element that is not self-closed is left open. */
export function scanStartTag(state: ScanState): void {
  const text = state.text;
  const start = state.pos;
  state.pos = start + 1;
  const nameEnd = scanName(state, "element");
  const index = state.offsets.length;
  if (index >= MAX_XML_ELEMENTS) {
    fail(start, "too-many-elements", `The payload has more than ${MAX_XML_ELEMENTS} elements.`);
  }
  if (state.depth >= MAX_XML_DEPTH) {
    fail(start, "too-deep", `Elements are nested more than ${MAX_XML_DEPTH} levels deep.`);
  }
  state.offsets.push(start);
  state.textOffsets.push(-1);
  if (isRawTextName(text, start + 1, nameEnd)) {
    state.renamed ??= new Set();
    state.renamed.add(index);
    state.capitalise(start + 1);
  }

  for (let attributes = 0; ; attributes++) {
    const hadSpace = state.skipSpace();
    const pos = state.pos;
    const c = text.charCodeAt(pos);
    if (c === GT) {
      state.pos = pos + 1;
      const depth = state.depth;
      openIndex[depth] = index;
      openNameEnd[depth] = nameEnd;
      openTextLength[depth] = 0;
      state.depth = depth + 1;
      return;
    }
    if (c === SLASH && text.charCodeAt(pos + 1) === GT) {
      state.pos = pos + 2;
      return;
    }
    const name = text.slice(start + 1, nameEnd);
    if (pos >= text.length)
      fail(start, "syntax-error", `The start tag <${name}> is not closed with >.`);
    if (!hadSpace || !isNameStart(c)) {
      fail(pos, "syntax-error", `Unexpected character in the start tag <${name}>.`);
    }
    if (attributes >= MAX_XML_ATTRIBUTES) {
      fail(pos, "too-many-attributes", `<${name}> has more than ${MAX_XML_ATTRIBUTES} attributes.`);
    }
    scanAttribute(state, index, attributes);
  }
}

/** Reads the `ordinal`-th attribute of element `index`. */
function scanAttribute(state: ScanState, index: number, ordinal: number): void {
  const text = state.text;
  const start = state.pos;
  const end = scanName(state, "attribute");
  const length = end - start;
  for (let i = 0; i < ordinal; i++) {
    const otherStart = attributeRanges[2 * i] ?? 0;
    const otherEnd = attributeRanges[2 * i + 1] ?? 0;
    if (otherEnd - otherStart === length && sameRange(text, otherStart, start, length)) {
      fail(start, "duplicate-attribute", `The attribute ${text.slice(start, end)} appears twice.`);
    }
  }
  attributeRanges[2 * ordinal] = start;
  attributeRanges[2 * ordinal + 1] = end;

  state.skipSpace();
  if (text.charCodeAt(state.pos) !== EQUALS) {
    const name = text.slice(start, end);
    fail(
      state.pos,
      "unquoted-attribute",
      `The attribute ${name} needs a quoted value: ${name}="…".`,
    );
  }
  state.pos += 1;
  state.skipSpace();
  const quote = text.charCodeAt(state.pos);
  if (quote !== QUOTE && quote !== APOS) {
    const name = text.slice(start, end);
    fail(state.pos, "unquoted-attribute", `The value of ${name} must be in quotes: ${name}="…".`);
  }

  // Connect attributes all start with an ASCII letter, so a stray one is unknown anyway;
  // it is kept out of txml's input and reported by name from here.
  const stray = !isAsciiLetter(text.charCodeAt(start));
  const valueStart = state.pos + 1;
  const valueEnd = scanAttributeValue(state, valueStart, quote, stray);
  state.pos = valueEnd + 1;
  if (valueEnd - valueStart > MAX_STRING_LENGTH) {
    fail(
      valueStart,
      "string-too-long",
      `An attribute value is longer than ${MAX_STRING_LENGTH} characters.`,
    );
  }
  if (stray) {
    state.addStrayAttribute(index, text.slice(start, end));
    state.patches.push({ start, end: state.pos, text: "" });
  }
}

/** Checks an attribute value; returns the offset of its closing quote. */
function scanAttributeValue(
  state: ScanState,
  start: number,
  quote: number,
  stray: boolean,
): number {
  const text = state.text;
  const length = text.length;
  for (let pos = start; ; pos++) {
    if (pos >= length) fail(start - 1, "syntax-error", "An attribute value is never closed.");
    const c = text.charCodeAt(pos);
    if (c === quote) return pos;
    if (c === LT)
      fail(pos, "lt-in-attribute-value", "An attribute value contains <; write &lt; instead.");
    if (c === AMP) {
      state.hasReferences = true;
      pos = readReference(text, pos) - 1;
    } else if (c < 0x20) {
      if (!isXmlSpace(c))
        fail(pos, "invalid-character", "Control characters are not allowed in XML.");
      // Literal whitespace in a value reads as a space (XML §3.3.3); references stay as written.
      if (!stray) state.patches.push({ start: pos, end: pos + 1, text: " " });
    } else if (c >= 0xd800) {
      pos = wideChar(text, pos);
    }
  }
}

/** Reads a name at the cursor and returns its end; `what` only shapes the message. */
function scanName(state: ScanState, what: "element" | "attribute"): number {
  const text = state.text;
  const start = state.pos;
  if (!isNameStart(text.charCodeAt(start))) {
    const hint = what === "element" ? " (write &lt; for a literal <)" : "";
    fail(start, "invalid-name", `Expected an ${what} name here${hint}.`);
  }
  let pos = start + 1;
  while (isNameChar(text.charCodeAt(pos))) pos++;
  if (pos - start > MAX_NAME_LENGTH) {
    fail(start, "name-too-long", `An ${what} name is longer than ${MAX_NAME_LENGTH} characters.`);
  }
  state.pos = pos;
  return pos;
}

/** Reads the end tag at the cursor, which must close the innermost open element. */
export function scanEndTag(state: ScanState): void {
  const text = state.text;
  const start = state.pos;
  const top = state.depth - 1;
  const index = openIndex[top] ?? 0;
  const openStart = (state.offsets[index] ?? 0) + 1;
  const openEnd = openNameEnd[top] ?? 0;
  const length = openEnd - openStart;
  const nameStart = start + 2;
  const nameEnd = nameStart + length;
  if (!sameRange(text, openStart, nameStart, length) || isNameChar(text.charCodeAt(nameEnd))) {
    let end = nameStart;
    while (isNameChar(text.charCodeAt(end))) end++;
    const found = text.slice(nameStart, end);
    const open = text.slice(openStart, openEnd);
    fail(
      start,
      "mismatched-close-tag",
      `Found </${found}> while <${open}> is still open; close it with </${open}> first.`,
    );
  }
  if (state.renamed?.has(index)) state.capitalise(nameStart);
  state.depth = top;
  state.pos = nameEnd;
  state.skipSpace();
  if (text.charCodeAt(state.pos) !== GT) {
    fail(
      state.pos,
      "syntax-error",
      `The end tag </${text.slice(openStart, openEnd)}> is not closed with >.`,
    );
  }
  state.pos += 1;
}
