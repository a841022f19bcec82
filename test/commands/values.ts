/** Value trees for command tests, built the way the Connect parsers build them. */
import { emptyValues, type FieldValue, type Values } from "../../src/connect/model.ts";
import type { PlaceholderValues } from "../../src/commands/placeholders.ts";

export function text(value: string): FieldValue {
  return { kind: "value", text: value };
}

export function object(entries: Record<string, FieldValue>): FieldValue {
  return { kind: "object", values: valuesOf(entries) };
}

export function valuesOf(entries: Record<string, FieldValue>): Values {
  return Object.assign(emptyValues(), entries);
}

export function sessionValues(
  forms: Record<string, FieldValue> = {},
  data: Record<string, FieldValue> = {},
): PlaceholderValues {
  return { forms: valuesOf(forms), data: valuesOf(data) };
}
