/**
 * Placeholders in command attributes (spec §2): `{Forms.X}` / `{Data.X}` filled from the
 * session's values, and `field-<Attribute>` bindings that take a whole attribute from a
 * field. Pure; what could not be filled is reported back so the runner can warn about it.
 */
import type { FieldBindings, FieldValue, Values } from "../connect/model.ts";

/** The two value trees a placeholder can name. */
export interface PlaceholderValues {
  forms: Values;
  data: Values;
}

/**
 * `text` fills values as they are; `url` percent-encodes each filled value
 * (`encodeURIComponent`, RFC 3986 §2.1) so a value cannot add path segments, a query or a
 * fragment to the URL around it.
 */
export type FillMode = "text" | "url";

export interface Filled {
  text: string;
  /** References (`Data.Customer.Name`) that had no text value; they filled nothing. */
  missing: string[];
}

/**
 * `{Forms.Key}` or `{Data.Key.Sub}`: the same key grammar as the Connect rules
 * (src/connect/rules.ts). Anything else in braces is left as written.
 */
const PLACEHOLDER = /\{((?:Forms|Data)(?:\.[\p{L}_][\p{L}\p{N}_-]*)+)\}/gu;

/**
 * The text of a field reference (`Forms.Subject`, `Data.Customer.Name`), well-formed UTF-16,
 * or null when it names nothing or names an object or collection, which have no single text.
 */
export function lookupField(values: PlaceholderValues, reference: string): string | null {
  const [root, ...path] = reference.split(".");
  let tree: Values | null = root === "Forms" ? values.forms : root === "Data" ? values.data : null;
  let found: FieldValue | null = null;

  for (const key of path) {
    if (tree === null) return null;
    // Own keys only: a reference such as `Data.toString` must not reach Object.prototype.
    found = Object.hasOwn(tree, key) ? (tree[key] ?? null) : null;
    if (found === null) return null;
    tree = found.kind === "object" ? found.values : null;
  }

  // A JSON payload can carry an unpaired surrogate; `encodeURIComponent` throws on one and a
  // header, file name or report cannot hold it, so it becomes U+FFFD here, once, for all.
  return found?.kind === "value" ? found.text.toWellFormed() : null;
}

/** Replaces every `{Forms.X}` / `{Data.X}` in `template`; a missing value fills nothing. */
export function fillPlaceholders(
  template: string,
  values: PlaceholderValues,
  mode: FillMode = "text",
): Filled {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_match, reference: string) => {
    const value = lookupField(values, reference);
    if (value === null) {
      missing.push(reference);
      return "";
    }
    return mode === "url" ? encodeURIComponent(value) : value;
  });
  return { text, missing };
}

/**
 * The value of one command attribute. A `field-<Attribute>` binding wins and gives the
 * whole value unencoded, even for `Url` (the field holds the complete URL). When the bound
 * field has no text, the literal attribute (placeholders filled) is the fallback, so an
 * integrator can send both a binding and a default; with neither, the result is null.
 */
export function attributeValue(
  name: string,
  literal: string | null,
  bindings: FieldBindings,
  values: PlaceholderValues,
  mode: FillMode = "text",
): Filled | null {
  const missing: string[] = [];
  const reference = Object.hasOwn(bindings, name) ? bindings[name] : undefined;

  if (reference !== undefined) {
    const bound = lookupField(values, reference);
    if (bound !== null) return { text: bound, missing };
    missing.push(reference);
  }

  if (literal === null) return reference === undefined ? null : { text: "", missing };

  const filled = fillPlaceholders(literal, values, mode);
  return { text: filled.text, missing: [...missing, ...filled.missing] };
}
