/**
 * What a server-side Execute says about form values that do not fit the template's fields.
 * The web app refuses such a form before generating; a server-side Execute has nobody to ask,
 * so it generates anyway and the report carries a warning per field (spec §6 warnings).
 */
import type { Values } from "../connect/model.ts";
import type { FormFieldDef } from "./model.ts";

export function formFieldWarnings(fields: readonly FormFieldDef[], forms: Values): string[] {
  const warnings: string[] = [];
  for (const field of fields) {
    const value = forms[field.id];
    if (value !== undefined && value.kind !== "value") {
      warnings.push(
        `Forms.${field.id} holds ${value.kind === "object" ? "an Object" : "an ObjectCollection"}, ` +
          "but the template's field takes a single value; it printed nothing.",
      );
      continue;
    }
    if (field.required && (value === undefined || value.text.trim() === "")) {
      warnings.push(`Forms.${field.id} is required by the template but has no value.`);
      continue;
    }
    if (value !== undefined && field.type === "choice" && value.text !== "") {
      const allowed = field.options.map((o) => o.value);
      if (!allowed.includes(value.text)) {
        warnings.push(
          `Forms.${field.id} holds "${value.text.slice(0, 80)}", which is not one of its choices (${allowed.join(", ")}).`,
        );
      }
    }
  }
  return warnings;
}
