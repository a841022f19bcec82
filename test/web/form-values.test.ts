import { describe, expect, it } from "vitest";

import { emptyValues, type Values } from "../../src/connect/model.ts";
import type { FormFieldDef } from "../../src/templates/model.ts";
import { initialEntries, isIsoDate, parseFormPost } from "../../src/web/form-values.ts";

const label = { de: "L", fr: "L", it: "L", en: "L" };
const FIELDS: FormFieldDef[] = [
  { id: "Subject", type: "text", required: true, label },
  { id: "Notes", type: "multiline", required: false, label },
  { id: "Due", type: "date", required: false, label },
  { id: "Terms", type: "yesno", required: false, label },
  {
    id: "Delivery",
    type: "choice",
    required: true,
    label,
    options: [
      { value: "Post", label },
      { value: "Courier", label },
    ],
  },
];

function values(entries: Record<string, string>): Values {
  const result = emptyValues();
  for (const [key, text] of Object.entries(entries)) result[key] = { kind: "value", text };
  return result;
}

describe("initialEntries", () => {
  it("pre-fills fields from the session's Forms and normalises yes/no spellings", () => {
    const entered = initialEntries(FIELDS, values({ Subject: "Hello", Terms: "Ja" }));

    expect(entered).toEqual({ Subject: "Hello", Notes: "", Due: "", Terms: "true", Delivery: "" });
  });

  it("pre-fills a date sent as day.month.year in the ISO form a date input shows", () => {
    const entered = (due: string) => initialEntries(FIELDS, values({ Due: due })).Due;

    expect(entered("31.12.2026")).toBe("2026-12-31");
    expect(entered(" 1.2.2026 ")).toBe("2026-02-01");
    expect(entered("2026-12-31")).toBe("2026-12-31");
    expect(entered("31.02.2026")).toBe("31.02.2026");
    expect(entered("12/31/2026")).toBe("12/31/2026");
  });

  it("ignores objects and collections sent for a plain field", () => {
    const forms = emptyValues();
    forms.Subject = { kind: "object", values: values({ A: "1" }) };

    expect(initialEntries(FIELDS, forms).Subject).toBe("");
  });
});

describe("parseFormPost", () => {
  it("turns a complete post into Values", () => {
    const parsed = parseFormPost(FIELDS, {
      "f.Subject": "Offer",
      "f.Notes": "line 1\r\nline 2",
      "f.Due": "2026-02-28",
      "f.Terms": "false",
      "f.Delivery": "Courier",
    });

    expect(parsed.errors).toEqual({});
    expect(parsed.values.Notes).toEqual({ kind: "value", text: "line 1\nline 2" });
    expect(parsed.values.Terms).toEqual({ kind: "value", text: "false" });
    expect(parsed.values.Delivery).toEqual({ kind: "value", text: "Courier" });
  });

  it("reports a missing required field and keeps what was entered", () => {
    const parsed = parseFormPost(FIELDS, { "f.Subject": "  ", "f.Notes": "kept" });

    expect(parsed.errors).toEqual({ Subject: "required", Delivery: "required" });
    expect(parsed.entered.Notes).toBe("kept");
  });

  it("rejects an impossible date and a choice that is not offered", () => {
    const parsed = parseFormPost(FIELDS, {
      "f.Subject": "x",
      "f.Due": "2026-02-30",
      "f.Delivery": "Pigeon",
    });

    expect(parsed.errors).toEqual({ Due: "date", Delivery: "choice" });
  });

  it("rejects a yes/no answer that is neither yes nor no instead of dropping it", () => {
    const parsed = parseFormPost(FIELDS, {
      "f.Subject": "x",
      "f.Delivery": "Post",
      "f.Terms": "maybe",
    });

    expect(parsed.errors).toEqual({ Terms: "choice" });
  });

  it("keeps optional empty fields as empty values, so a cleared field prints nothing", () => {
    const parsed = parseFormPost(FIELDS, { "f.Subject": "x", "f.Delivery": "Post" });

    expect(parsed.values.Notes).toEqual({ kind: "value", text: "" });
  });
});

describe("isIsoDate", () => {
  it("accepts real calendar dates only", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2023-02-29")).toBe(false);
    expect(isIsoDate("29.02.2024")).toBe(false);
    expect(isIsoDate("0050-01-31")).toBe(true);
    expect(isIsoDate("0050-02-29")).toBe(false);
  });
});
