/**
 * A well-formedness check for the XML parts of an uploaded template: tags balanced and
 * properly nested, markup closed, every `&` starting a reference XML allows. docxtemplater's
 * lexer is lenient and would turn a broken part into a broken document; this finds the break
 * at upload instead. Not a validating parser: names and attributes are not checked.
 */

export interface XmlBreak {
  /** Character offset in the part's XML. */
  offset: number;
  message: string;
}

/** Nesting beyond this is refused: real WordprocessingML stays far below it. */
const MAX_DEPTH = 1_000;

/**
 * A reference as XML 1.0 §4.1 writes it, limited to the five predefined entities (§4.6):
 * a part with a DOCTYPE, the only place to declare others, is already refused as unclosed
 * markup.
 */
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#([0-9]+)|#x([0-9A-Fa-f]+));/y;

/** Where the part's XML first breaks, or null when it is well-formed. */
export function findXmlBreak(xml: string): XmlBreak | null {
  const open: string[] = [];
  let textStart = 0;
  let at = xml.indexOf("<");
  while (at >= 0) {
    const inText = referenceBreak(xml, textStart, at);
    if (inText !== null) {
      return inText;
    }
    const end = markupEnd(xml, at);
    if (end < 0) {
      return { offset: at, message: "markup is not closed" };
    }
    const tag = xml.slice(at, end);
    const problem = applyTag(tag, open);
    if (problem !== null) {
      return { offset: at, message: problem };
    }
    const inTag = isTag(tag) ? referenceBreak(xml, at, end) : null;
    if (inTag !== null) {
      return inTag;
    }
    textStart = end;
    at = xml.indexOf("<", end);
  }
  const trailing = referenceBreak(xml, textStart, xml.length);
  if (trailing !== null) {
    return trailing;
  }
  const unclosed = open.at(-1);
  return unclosed === undefined
    ? null
    : { offset: xml.length, message: `<${unclosed}> is not closed` };
}

/**
 * The first `&` in `[from, to)` that does not start an allowed reference: an unknown entity
 * such as `&nbsp;`, a bare `&`, or a character reference to a character XML cannot carry
 * (§2.2), such as `&#0;`. Word refuses a document with one, so generation must not copy it.
 */
function referenceBreak(xml: string, from: number, to: number): XmlBreak | null {
  let at = xml.indexOf("&", from);
  while (at >= 0 && at < to) {
    REFERENCE.lastIndex = at;
    const match = REFERENCE.exec(xml);
    if (match === null) {
      const shown = /^&[^\s&<>;]{0,16};?/.exec(xml.slice(at, Math.min(to, at + 18)))?.[0] ?? "&";
      const what = "is not a character reference or one of XML's five entities";
      return { offset: at, message: `${shown} ${what} (write & as &amp;)` };
    }
    const [reference, decimal, hex] = match;
    if (decimal !== undefined || hex !== undefined) {
      const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? "", 16);
      if (!isXmlChar(code)) {
        return { offset: at, message: `${reference} names a character that XML does not allow` };
      }
    }
    at = xml.indexOf("&", at + reference.length);
  }
  return null;
}

/** XML 1.0 §2.2 `Char`. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Start and end tags carry attribute values; comments, CDATA and instructions do not. */
function isTag(markup: string): boolean {
  return !markup.startsWith("<!") && !markup.startsWith("<?");
}

/** Index just after the markup starting at `at`, or -1 if it never ends. */
function markupEnd(xml: string, at: number): number {
  for (const [opener, closer] of [
    ["<!--", "-->"],
    ["<![CDATA[", "]]>"],
    ["<?", "?>"],
  ] as const) {
    if (xml.startsWith(opener, at)) {
      const close = xml.indexOf(closer, at + opener.length);
      return close < 0 ? -1 : close + closer.length;
    }
  }
  let quote: string | null = null;
  for (let i = at + 1; i < xml.length; i++) {
    const c = xml[i];
    if (quote !== null) {
      quote = c === quote ? null : quote;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === "<") {
      return -1;
    } else if (c === ">") {
      return i + 1;
    }
  }
  return -1;
}

/** Pushes or pops `open` for one tag; returns what is wrong with it, if anything. */
function applyTag(tag: string, open: string[]): string | null {
  if (tag.startsWith("<!") || tag.startsWith("<?")) {
    return null;
  }
  const name = /^<\/?([^\s/>]+)/.exec(tag)?.[1];
  if (name === undefined) {
    return "a tag has no name";
  }
  if (tag.startsWith("</")) {
    const expected = open.pop();
    return expected === name ? null : `</${name}> closes <${expected ?? "nothing"}>`;
  }
  if (!tag.endsWith("/>")) {
    open.push(name);
  }
  return open.length > MAX_DEPTH ? `elements nest deeper than ${MAX_DEPTH}` : null;
}
