/**
 * How docxtemplater reads a tag: a dot path walked through the render data
 * (`Forms.Subject`, `Data.Customer.Name`, or `Description` inside a loop item), nothing
 * more, so no expression language runs on template text. A missing value prints nothing.
 */
import type Docxtemplater from "docxtemplater";

type DxtParser = Docxtemplater.DXT.Parser;
type ParserContext = Docxtemplater.DXT.ParserContext;

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The docxtemplater module name of `{#…}` / `{^…}` sections. */
const SECTION_MODULE = "loop";
/** Text values that switch a section off, so a yes/no field's "false" hides its section. */
const FALSE_WORDS = new Set(["", "false", "0", "no", "nein", "non", "off"]);

/**
 * Compiles one tag. Anything but a dot path of identifiers (or `.`, the current loop item)
 * throws, which docxtemplater reports as a template error at the tag's position.
 */
export function fieldPathParser(tag: string): DxtParser {
  const path = tag.trim();
  if (path === ".") {
    return { get: (scope: unknown, context: ParserContext) => present(scope, context) };
  }
  const segments = path.split(".");
  if (!segments.every((s) => SEGMENT.test(s))) {
    throw new Error(`"${path}" is not a field path such as Forms.Subject`);
  }
  return {
    get: (scope: unknown, context: ParserContext) => present(walk(scope, segments), context),
  };
}

/** What docxtemplater prints for a tag whose value is missing: nothing. */
export function emptyNullGetter(): string {
  return "";
}

function walk(scope: unknown, segments: string[]): unknown {
  let current = scope;
  for (const segment of segments) {
    if (typeof current !== "object" || current === null || Array.isArray(current)) {
      return undefined;
    }
    if (!Object.hasOwn(current, segment)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/**
 * A section gets collections and objects as they are and text as a yes/no; a plain tag
 * prints only text, so an object or a collection in a plain tag prints nothing.
 */
function present(value: unknown, context: ParserContext): unknown {
  if (context.meta.part.module === SECTION_MODULE) {
    return typeof value === "string" ? !FALSE_WORDS.has(value.trim().toLowerCase()) : value;
  }
  return typeof value === "string" ? value : undefined;
}
