/**
 * What the XML rule checks share while walking the element tree: reporting an issue with
 * the element's path and position, and the checks every element gets (attributes it may
 * carry, whether text is allowed, which children it may hold).
 */
import { IssueList, type InvalidCode } from "./issues.ts";
import type { XmlDocument, XmlElement } from "./xml-reader.ts";

/** Elements that may occur once where they are allowed; their paths carry no `[1]`. */
const SINGLE_ELEMENTS: ReadonlySet<string> = new Set([
  "Template",
  "TagFilter",
  "DocumentLanguage",
  "Forms",
  "Data",
  "Commands",
  "OnSuccess",
  "OnError",
  "OnCancel",
  "OnExit",
  "Document",
  "Report",
]);

export const NO_ATTRIBUTES: readonly string[] = [];

/**
 * What the data source that receives the payload can do. Its gaps are reported as issues of
 * the payload, with their line and column, in the same answer as every other issue.
 */
export interface ReaderFeatures {
  /** A document converter is configured, so `Conversion="Pdf"` can be honoured. */
  pdfConversion: boolean;
  /**
   * Why an `InvokeUrl` `Url` as written could never be called from this data source (its
   * host is written out and refused), with the issue code; null when it may be, or when
   * its host comes from a placeholder and Execute decides.
   */
  invokeUrlRefusal: (url: string) => { code: InvalidCode; message: string } | null;
}

/** Everything available: for reading without a data source in view (tests, tools). */
export const ALL_FEATURES: ReaderFeatures = { pdfConversion: true, invokeUrlRefusal: () => null };

export class XmlWalk {
  readonly issues = new IssueList();
  readonly features: ReaderFeatures;
  readonly #document: XmlDocument;

  constructor(document: XmlDocument, features: ReaderFeatures = ALL_FEATURES) {
    this.#document = document;
    this.features = features;
  }

  /** Records an issue located at the element's start tag. */
  report(code: InvalidCode, element: XmlElement, message: string): void {
    this.#add(code, element, element.offset, message);
  }

  /** Refuses non-whitespace text in an element that holds only elements (or nothing). */
  refuseText(element: XmlElement): void {
    if (element.textOffset < 0) return;
    const message = `<${element.name}> cannot hold text; remove the text or move it into a <Value>.`;
    this.#add("unexpected-text", element, element.textOffset, message);
  }

  /** Reports each attribute not in `allowed`; returns nothing, the caller reads values. */
  checkAttributes(element: XmlElement, allowed: readonly string[]): void {
    for (const name in element.attributes) {
      if (!allowed.includes(name)) this.unknownAttribute(element, name, allowed);
    }
    for (const name of element.strayAttributes) this.unknownAttribute(element, name, allowed);
  }

  unknownAttribute(element: XmlElement, name: string, allowed: readonly string[]): void {
    let hint = allowed.length > 0 ? `it takes ${allowed.join(", ")}` : "it takes no attributes";
    if (name === "xmlns" || name.startsWith("xmlns:")) {
      hint = "Connect payloads use no XML namespace";
    }
    this.report(
      "unknown-attribute",
      element,
      `<${element.name}> has an unknown attribute ${name}; ${hint}. Remove it.`,
    );
  }

  /** Reports a child that does not belong, naming what does. */
  unknownChild(child: XmlElement, allowed: readonly string[]): void {
    const parent = child.parent?.name ?? "";
    const hint =
      allowed.length > 0
        ? `allowed inside <${parent}>: ${allowed.join(", ")}`
        : `<${parent}> holds no elements`;
    this.report("unknown-element", child, `<${child.name}> is not known here; ${hint}.`);
  }

  /** Reports every child element; for elements that must be empty. */
  refuseChildren(element: XmlElement): void {
    for (const child of element.children) this.unknownChild(child, NO_ATTRIBUTES);
  }

  /** Reports a second occurrence of an element that may occur once. */
  reportRepeated(element: XmlElement): void {
    const parent = element.parent?.name ?? "";
    this.report(
      "duplicate-element",
      element,
      `<${element.name}> may appear only once in <${parent}>; merge the two into one.`,
    );
  }

  #add(code: InvalidCode, element: XmlElement, offset: number, message: string): void {
    // Paths cost a walk over siblings; past the cap, only count.
    if (this.issues.isFull) {
      this.issues.drop();
      return;
    }
    const { line, column } = this.#document.locate(offset);
    this.issues.add(code, pathOf(element), line, column, message);
  }
}

/** An attribute's value. The type check also skips anything inherited from `Object`. */
export function attribute(element: XmlElement, name: string): string | undefined {
  const value = element.attributes[name];
  return typeof value === "string" ? value : undefined;
}

export function attributeNames(element: XmlElement): readonly string[] {
  const names = Object.keys(element.attributes);
  return element.strayAttributes.length > 0 ? [...names, ...element.strayAttributes] : names;
}

/**
 * XPath-like location: `/primedocsConnect/Commands/OnSuccess/SaveFile[1]`. A step carries
 * its 1-based position among same-named siblings, except for elements that may occur
 * only once, which carry it only from the second occurrence on. Built only when reported.
 */
export function pathOf(element: XmlElement): string {
  const parent = element.parent;
  if (parent === null) return `/${element.name}`;
  let position = 1;
  for (const sibling of parent.children) {
    if (sibling === element) break;
    if (sibling.name === element.name) position++;
  }
  const step =
    SINGLE_ELEMENTS.has(element.name) && position === 1
      ? element.name
      : `${element.name}[${position}]`;
  return `${pathOf(parent)}/${step}`;
}
