import { describe, expect, it } from "vitest";

import type { Values } from "../../src/connect/model.ts";
import { formFieldWarnings } from "../../src/templates/field-warnings.ts";
import type { FormFieldDef } from "../../src/templates/model.ts";

const label = { de: "x", fr: "x", it: "x", en: "x" };
const FIELDS: FormFieldDef[] = [
  { id: "Subject", label, required: true, type: "text" },
  { id: "Notes", label, required: false, type: "multiline" },
  {
    id: "Salutation",
    label,
    required: false,
    type: "choice",
    options: [
      { value: "Mr", label },
      { value: "Ms", label },
    ],
  },
];

const text = (t: string) => ({ kind: "value", text: t }) as const;

describe("formFieldWarnings", () => {
  it("says nothing for values that fit the fields", () => {
    const forms: Values = { Subject: text("Offer"), Salutation: text("Ms") };
    expect(formFieldWarnings(FIELDS, forms)).toEqual([]);
  });

  it("names a required field that is missing or blank", () => {
    expect(formFieldWarnings(FIELDS, {})).toEqual([
      "Forms.Subject is required by the template but has no value.",
    ]);
    expect(formFieldWarnings(FIELDS, { Subject: text("  ") })).toHaveLength(1);
  });

  it("names a field given an Object where it takes a single value", () => {
    const forms: Values = { Subject: text("a"), Notes: { kind: "object", values: {} } };
    expect(formFieldWarnings(FIELDS, forms)).toEqual([
      "Forms.Notes holds an Object, but the template's field takes a single value; it printed nothing.",
    ]);
  });

  it("names a choice value that is not among the field's options", () => {
    const forms: Values = { Subject: text("a"), Salutation: text("Dr") };
    expect(formFieldWarnings(FIELDS, forms)).toEqual([
      'Forms.Salutation holds "Dr", which is not one of its choices (Mr, Ms).',
    ]);
  });
});
