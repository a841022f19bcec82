/**
 * Placeholders in initializer options (spec §8): `{Forms.X}` and `{Data.X}` from the values
 * so far (query seeds and earlier initializers), `{Param.X}` from the other request
 * parameters. Each filled value is encoded for where it lands, so a value cannot change
 * the URL, JSON body or query around it. Pure.
 */
import { lookupField } from "../commands/placeholders.ts";
import type { InitValues } from "../session-templates/values.ts";

/** What an initializer sees: the merged values so far and the non-value parameters. */
export interface InitScope {
  values: InitValues;
  params: ReadonlyMap<string, string>;
}

/**
 * `url` percent-encodes (RFC 3986 §2.1), `json` escapes for the inside of a JSON string,
 * `form` encodes for application/x-www-form-urlencoded, `text` leaves values as they are.
 */
export type Encoding = "text" | "url" | "json" | "form";

export interface FilledText {
  text: string;
  /** References that had no value; they filled nothing. */
  missing: string[];
}

const PLACEHOLDER = /\{((?:Forms|Data)(?:\.[\p{L}_][\p{L}\p{N}_-]*)+|Param\.[^{}\s]+)\}/gu;

/** The value of one reference, or null when it names nothing. */
export function lookup(scope: InitScope, reference: string): string | null {
  if (reference.startsWith("Param.")) return scope.params.get(reference.slice(6)) ?? null;
  return lookupField(scope.values, reference);
}

export function fill(template: string, scope: InitScope, encoding: Encoding = "text"): FilledText {
  const missing: string[] = [];
  const text = template.replace(PLACEHOLDER, (_match, reference: string) => {
    const value = lookup(scope, reference);
    if (value === null) {
      missing.push(reference);
      return "";
    }
    return encode(value, encoding);
  });
  return { text, missing };
}

function encode(value: string, encoding: Encoding): string {
  switch (encoding) {
    case "url":
      return encodeURIComponent(value);
    case "json":
      // JSON.stringify escapes quotes, backslashes and control characters; drop its quotes.
      return JSON.stringify(value).slice(1, -1);
    case "form":
      return new URLSearchParams({ v: value }).toString().slice(2);
    default:
      return value;
  }
}
