/**
 * The form a person fills in: what each field shows first (from the session's Forms), and
 * what a posted form means (Values for the execution, or an error per field). Pure, so the
 * rules are tested without a runtime; the page renders `entered` back when errors remain.
 */
import { emptyValues, type Values } from "../connect/model.ts";
import type { FormFieldDef } from "../templates/model.ts";

export type FieldError = "required" | "date" | "choice";

/** Field id → text as the form shows it; yes/no fields hold "true", "false" or "". */
export type EnteredValues = Record<string, string>;

export interface ParsedForm {
  entered: EnteredValues;
  values: Values;
  errors: Record<string, FieldError>;
}

/** Posted form fields carry this prefix so they never clash with the form's own fields. */
export const FIELD_PREFIX = "f.";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const YES = new Set(["true", "yes", "1", "ja", "oui", "si", "sì", "on"]);
const NO = new Set(["false", "no", "0", "nein", "non", "off"]);

/** What the form shows before the person edits: the session's values, adapted per type. */
export function initialEntries(fields: FormFieldDef[], forms: Values): EnteredValues {
  const entered: EnteredValues = {};
  for (const field of fields) {
    const value = forms[field.id];
    const text = value?.kind === "value" ? value.text : "";
    entered[field.id] =
      field.type === "yesno" ? yesNoOf(text) : field.type === "date" ? isoDateOf(text) : text;
  }
  return entered;
}

/** Reads the posted fields of the template's form and checks them (required, date, choice). */
export function parseFormPost(
  fields: FormFieldDef[],
  posted: Record<string, string | undefined>,
): ParsedForm {
  const entered: EnteredValues = {};
  const values = emptyValues();
  const errors: Record<string, FieldError> = {};

  for (const field of fields) {
    const raw = posted[`${FIELD_PREFIX}${field.id}`] ?? "";
    const text = field.type === "multiline" ? raw.replace(/\r\n?/g, "\n") : raw;
    const shown = field.type === "yesno" ? yesNoOf(text) : text;
    entered[field.id] = shown;

    // The radios only post "true" or "false"; anything else was not one of the offered answers.
    const error =
      field.type === "yesno" && text.trim() !== "" && shown === ""
        ? "choice"
        : checkField(field, shown);
    if (error) {
      errors[field.id] = error;
      continue;
    }
    values[field.id] = { kind: "value", text: shown };
  }
  return { entered, values, errors };
}

function checkField(field: FormFieldDef, text: string): FieldError | null {
  if (text.trim() === "") return field.required ? "required" : null;

  if (field.type === "date" && !isIsoDate(text)) return "date";
  if (field.type === "choice" && !field.options.some((o) => o.value === text)) return "choice";
  return null;
}

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  // setUTCFullYear, unlike Date.UTC, takes years 0–99 as they are rather than as 1900–1999.
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A date input shows only `yyyy-mm-dd` and silently drops anything else, so the
 * `dd.mm.yyyy` (or `d.m.yyyy`) that Swiss integrators send is rewritten; other text is left
 * as sent, and the input shows it empty.
 */
function isoDateOf(text: string): string {
  const trimmed = text.trim();
  const dotted = DOTTED_DATE.exec(trimmed);
  if (!dotted) return isIsoDate(trimmed) ? trimmed : text;
  const [, d = "", m = "", y = ""] = dotted;
  const iso = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : text;
}

/** Integrators send yes/no in many spellings; the form and the document see "true"/"false". */
function yesNoOf(text: string): string {
  const lower = text.trim().toLowerCase();
  if (YES.has(lower)) return "true";
  if (NO.has(lower)) return "false";
  return "";
}
