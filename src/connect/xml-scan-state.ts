/**
 * The strict scanner's state, shared by its modules: the cursor, what it has recorded for
 * txml and the walker, and scratch space for the elements that are still open.
 */
import { MAX_XML_ATTRIBUTES, MAX_XML_DEPTH } from "./limits.ts";
import { isXmlSpace } from "./xml-chars.ts";

/**
 * An edit of the text handed to txml (never of the offsets reported): literal tabs and
 * newlines in attribute values become spaces (attribute-value normalisation, XML §3.3.3);
 * attributes whose names do not start with an ASCII letter are cut (txml skips such a
 * first character and misreads the rest); `script`/`style` are capitalised (txml reads
 * their content as raw HTML text); comments that open with `>` or `->` are cut (txml
 * ends them too early).
 */
export interface Patch {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

// Scratch space reused by every scan: scanning is synchronous and never re-entered, and
// reusing it keeps the hot path free of allocations.
/** Per open element (by depth): its index, the end of its name, its text length so far. */
export const openIndex = new Int32Array(MAX_XML_DEPTH);
export const openNameEnd = new Int32Array(MAX_XML_DEPTH);
export const openTextLength = new Int32Array(MAX_XML_DEPTH);
/** Name start and end of each attribute of the current start tag, for duplicate checks. */
export const attributeRanges = new Int32Array(MAX_XML_ATTRIBUTES * 2);

export class ScanState {
  readonly text: string;
  pos = 0;
  /** Number of open elements. */
  depth = 0;
  /** Per element, in document order: offset of its `<`. */
  readonly offsets: number[] = [];
  /** Per element: offset of its first non-whitespace character data, or -1. */
  readonly textOffsets: number[] = [];
  readonly patches: Patch[] = [];
  /** Attribute names cut from txml's input, by element index; created on first need. */
  stray: Map<number, string[]> | null = null;
  /** Elements capitalised for txml, by index; created on first need. */
  renamed: Set<number> | null = null;
  hasReferences = false;

  constructor(text: string) {
    this.text = text;
  }

  /** Moves past whitespace; true if there was some. */
  skipSpace(): boolean {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    while (isXmlSpace(text.charCodeAt(pos))) pos++;
    this.pos = pos;
    return pos > start;
  }

  /** Capitalises the name starting at `nameStart` in txml's input (start or end tag). */
  capitalise(nameStart: number): void {
    const text = this.text.charAt(nameStart).toUpperCase();
    this.patches.push({ start: nameStart, end: nameStart + 1, text });
  }

  addStrayAttribute(index: number, name: string): void {
    this.stray ??= new Map();
    const names = this.stray.get(index) ?? [];
    names.push(name);
    this.stray.set(index, names);
  }
}
