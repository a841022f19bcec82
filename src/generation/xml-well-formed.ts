/**
 * A well-formedness check for the XML parts of an uploaded template: tags balanced and
 * properly nested, markup closed. docxtemplater's lexer is lenient and would turn a
 * broken part into a broken document; this finds the break at upload instead. Not a
 * validating parser: names, attributes and entities are not checked.
 */

export interface XmlBreak {
  /** Character offset in the part's XML. */
  offset: number;
  message: string;
}

/** Nesting beyond this is refused: real WordprocessingML stays far below it. */
const MAX_DEPTH = 1_000;

/** Where the part's XML first breaks, or null when it is well-formed. */
export function findXmlBreak(xml: string): XmlBreak | null {
  const open: string[] = [];
  let at = xml.indexOf("<");
  while (at >= 0) {
    const end = markupEnd(xml, at);
    if (end < 0) {
      return { offset: at, message: "markup is not closed" };
    }
    const problem = applyTag(xml.slice(at, end), open);
    if (problem !== null) {
      return { offset: at, message: problem };
    }
    at = xml.indexOf("<", end);
  }
  const unclosed = open.at(-1);
  return unclosed === undefined
    ? null
    : { offset: xml.length, message: `<${unclosed}> is not closed` };
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
