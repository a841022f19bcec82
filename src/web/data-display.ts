/**
 * The session's Data values a template uses, as text for the read-only list on the form:
 * a value as sent, an object as `key: value` lines, a collection one line per item.
 */
import type { FieldValue, Values } from "../connect/model.ts";
import type { TemplateMeta, UiLanguage } from "../templates/model.ts";

/** Rows of label (the template's, else the field id) and text, in `dataFields` order. */
export function dataRows(template: TemplateMeta, data: Values, ui: UiLanguage): [string, string][] {
  const rows: [string, string][] = [];
  for (const id of template.dataFields) {
    const value = data[id];
    if (value) rows.push([template.dataLabels?.[id]?.[ui] ?? id, textOf(value)]);
  }
  return rows;
}

function textOf(value: FieldValue): string {
  switch (value.kind) {
    case "value":
      return value.text;
    case "object":
      return Object.entries(value.values)
        .map(([key, inner]) => `${key}: ${inline(inner)}`)
        .join("\n");
    case "collection":
      return value.items.map((item) => Object.values(item).map(inline).join(", ")).join("\n");
  }
}

function inline(value: FieldValue): string {
  return value.kind === "value" ? value.text : textOf(value).replace(/\n/g, "; ");
}
