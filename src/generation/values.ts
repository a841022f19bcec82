/**
 * Turns the Connect model's `Forms` and `Data` values into the plain object docxtemplater
 * renders from, `{ Forms: {…}, Data: {…} }`: a value becomes a string, an object an
 * object, a collection an array of objects. Characters XML cannot carry are dropped here,
 * with one warning per field naming it.
 */
import type { FieldValue, Values } from "../connect/model.ts";
import { dropNonXmlChars } from "./xml-chars.ts";

/** CRLF or a lone CR: line ends that are not LF. */
const LINE_END = /\r\n?/g;

export type PlainValue = string | PlainObject | PlainObject[];
export interface PlainObject {
  [key: string]: PlainValue;
}

export interface TemplateData {
  Forms: PlainObject;
  Data: PlainObject;
}

export interface DocumentValues {
  forms: Values;
  data: Values;
}

/** The render data for docxtemplater, and the warnings collected on the way. */
export function toTemplateData(values: DocumentValues): { data: TemplateData; warnings: string[] } {
  const warnings: string[] = [];
  const data = {
    Forms: toPlainObject(values.forms, "Forms", warnings),
    Data: toPlainObject(values.data, "Data", warnings),
  };
  return { data, warnings };
}

function toPlainObject(values: Values, path: string, warnings: string[]): PlainObject {
  // fromEntries defines own properties, so a key such as "__proto__" stays an ordinary key.
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      toPlainValue(value, `${path}.${key}`, warnings),
    ]),
  );
}

function toPlainValue(value: FieldValue, path: string, warnings: string[]): PlainValue {
  switch (value.kind) {
    case "value": {
      const { text, dropped } = dropNonXmlChars(value.text);
      if (dropped > 0) {
        const what = dropped === 1 ? "character" : "characters";
        warnings.push(`${path}: dropped ${dropped} ${what} that XML cannot carry`);
      }
      // docxtemplater breaks lines at LF only: a CRLF would leave a CR in the text and a
      // lone CR would break nothing, so both become LF (JSON payloads keep them as sent).
      return text.replace(LINE_END, "\n");
    }
    case "object":
      return toPlainObject(value.values, path, warnings);
    case "collection":
      return value.items.map((item, i) => toPlainObject(item, `${path}[${i}]`, warnings));
  }
}
