/**
 * Just enough XML scanning to find WordprocessingML elements by name in a part's text,
 * including nested elements of the same name. Works on the serialized text so the rest of
 * the part passes through byte for byte; no DOM is built.
 */

export interface ElementRange {
  /** Index of `<` of the start tag. */
  start: number;
  /** Index just after the start tag's `>`. */
  contentStart: number;
  /** Index of `<` of the end tag (equals `end` for a self-closing element). */
  contentEnd: number;
  /** Index just after the end tag's `>`. */
  end: number;
}

/**
 * The first `<name …>` element starting in `[from, to)`, or null. Ends with its matching
 * end tag, counting nested elements of the same name.
 */
export function findElement(
  xml: string,
  name: string,
  from: number,
  to: number = xml.length,
): ElementRange | null {
  const start = findStartTag(xml, name, from, to);
  if (start < 0) {
    return null;
  }
  const startEnd = tagEnd(xml, start);
  if (startEnd < 0 || startEnd > to) {
    return null;
  }
  if (xml[startEnd - 2] === "/") {
    return { start, contentStart: startEnd, contentEnd: startEnd, end: startEnd };
  }

  const close = `</${name}>`;
  let depth = 1;
  let at = startEnd;
  while (at < to) {
    const nextClose = xml.indexOf(close, at);
    if (nextClose < 0 || nextClose >= to) {
      return null;
    }
    const nextOpen = findStartTag(xml, name, at, nextClose);
    if (nextOpen >= 0) {
      const openEnd = tagEnd(xml, nextOpen);
      if (openEnd < 0) {
        return null;
      }
      depth += xml[openEnd - 2] === "/" ? 0 : 1;
      at = openEnd;
      continue;
    }
    depth -= 1;
    if (depth === 0) {
      return {
        start,
        contentStart: startEnd,
        contentEnd: nextClose,
        end: nextClose + close.length,
      };
    }
    at = nextClose + close.length;
  }
  return null;
}

/** Every element named `name` in `[from, to)` that is not inside another one. */
export function findElements(
  xml: string,
  name: string,
  from: number,
  to: number = xml.length,
): ElementRange[] {
  const found: ElementRange[] = [];
  let at = from;
  for (;;) {
    const element = findElement(xml, name, at, to);
    if (element === null) {
      return found;
    }
    found.push(element);
    at = element.end;
  }
}

/** The value of `attribute` in the start tag at `start` (entities left encoded). */
export function attributeOf(xml: string, start: number, attribute: string): string | null {
  const end = tagEnd(xml, start);
  const tag = xml.slice(start, end < 0 ? start : end);
  const match = new RegExp(
    `\\s${attribute.replace(/[.:]/g, "\\$&")}\\s*=\\s*("([^"]*)"|'([^']*)')`,
  ).exec(tag);
  if (match === null) {
    return null;
  }
  return match[2] ?? match[3] ?? null;
}

/**
 * The root element's name and the index of its `<`, in a part already known to be
 * well-formed (xml-well-formed.ts); null when it has none. The XML declaration, processing
 * instructions and comments before it are skipped.
 */
export function rootElement(xml: string): { name: string; start: number } | null {
  let at = xml.indexOf("<");
  while (at >= 0) {
    const skipped = xml.startsWith("<?", at) ? "?>" : xml.startsWith("<!--", at) ? "-->" : null;
    if (skipped !== null) {
      const end = xml.indexOf(skipped, at);
      at = end < 0 ? -1 : xml.indexOf("<", end + skipped.length);
    } else {
      const name = /^<([^\s/>]+)/.exec(xml.slice(at, at + 256))?.[1];
      return name === undefined ? null : { name, start: at };
    }
  }
  return null;
}

/** Index of `<name` followed by whitespace, `>` or `/` (so `w:r` does not find `w:rPr`). */
function findStartTag(xml: string, name: string, from: number, to: number): number {
  const open = `<${name}`;
  let at = xml.indexOf(open, from);
  while (at >= 0 && at < to) {
    const next = xml[at + open.length];
    if (
      next === ">" ||
      next === "/" ||
      next === " " ||
      next === "\t" ||
      next === "\n" ||
      next === "\r"
    ) {
      return at;
    }
    at = xml.indexOf(open, at + open.length);
  }
  return -1;
}

/** Index just after the `>` that ends the tag starting at `start`, skipping quoted values. */
function tagEnd(xml: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote !== null) {
      quote = c === quote ? null : quote;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === ">") {
      return i + 1;
    }
  }
  return -1;
}
