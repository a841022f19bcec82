import { describe, expect, it } from "vitest";

import { buildDemoTemplates } from "../../demo/templates/build.ts";
import { parseTemplateMeta } from "../../src/templates/schema.ts";

const name = { de: "Brief", fr: "Lettre", it: "Lettera", en: "Letter" };

function meta(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "6F1C2B7E-4A59-4C1E-9D3A-2B8F0E5A7C41",
    name,
    tags: ["Letter"],
    languages: ["de-CH", "en-GB"],
    defaultLanguage: "de-CH",
    formFields: [{ id: "Subject", type: "text", label: name }],
    dataFields: ["CustomerName"],
    files: { "*": "letter.docx" },
    ...overrides,
  };
}

describe("parseTemplateMeta", () => {
  it("accepts the demo catalog", () => {
    for (const template of buildDemoTemplates().meta) {
      expect(parseTemplateMeta(template)).toEqual({ ok: true, meta: template });
    }
  });

  it("lower-cases the id and fills defaults", () => {
    const result = parseTemplateMeta(meta({ tags: undefined, dataFields: undefined }));

    expect(result.ok && result.meta).toMatchObject({
      id: "6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41",
      tags: [],
      dataFields: [],
      formFields: [{ id: "Subject", required: false }],
    });
  });

  it("accepts one file per language instead of one for all", () => {
    const files = { "de-CH": "de.docx", "en-gb": "en.docx" };

    expect(parseTemplateMeta(meta({ files })).ok).toBe(true);
  });

  it("reports a second file for a language spelled in another case", () => {
    const files = { "de-CH": "de.docx", "DE-ch": "de-2.docx", "en-GB": "en.docx" };

    expect(parseTemplateMeta(meta({ files }))).toEqual({
      ok: false,
      issues: [{ path: "files.DE-ch", message: "names a language that has a file already" }],
    });
  });

  it("reports a language without a file", () => {
    const result = parseTemplateMeta(meta({ files: { "de-CH": "de.docx" } }));

    expect(result).toEqual({
      ok: false,
      issues: [{ path: "files", message: 'has no file for en-GB and no "*" file' }],
    });
  });

  it("reports a default language the template does not list", () => {
    const result = parseTemplateMeta(meta({ defaultLanguage: "fr-CH" }));

    expect(result.ok || result.issues).toEqual([
      { path: "defaultLanguage", message: "is not one of languages" },
    ]);
  });

  it("reports choice fields without options and ids that cannot be tags", () => {
    const result = parseTemplateMeta(
      meta({
        formFields: [
          { id: "Channel", type: "choice", label: name, options: [] },
          { id: "Sub ject", type: "text", label: name },
        ],
        dataFields: ["Customer.Name"],
      }),
    );

    expect(result.ok || result.issues.map((i) => i.path)).toEqual([
      "formFields.0.options",
      "formFields.1.id",
      "dataFields.0",
    ]);
  });

  it("accepts labels for data fields it lists and reports a label for any other", () => {
    const labelled = parseTemplateMeta(meta({ dataLabels: { CustomerName: name } }));
    const stray = parseTemplateMeta(meta({ dataLabels: { Total: name } }));

    expect(labelled.ok && labelled.meta.dataLabels).toEqual({ CustomerName: name });
    expect(stray.ok || stray.issues).toEqual([
      { path: "dataLabels.Total", message: "labels a field dataFields does not list" },
    ]);
  });

  it("reports a non-GUID id, a missing UI language and duplicate field ids", () => {
    const result = parseTemplateMeta(
      meta({
        id: "invoice",
        name: { de: "Brief", fr: "Lettre", en: "Letter" },
        formFields: [
          { id: "Subject", type: "text", label: name },
          { id: "Subject", type: "date", label: name },
        ],
      }),
    );

    expect(result.ok || result.issues.map((i) => i.path)).toEqual(["id", "name.it"]);
  });

  it("reports duplicate field ids once the shape is right", () => {
    const result = parseTemplateMeta(
      meta({
        formFields: [
          { id: "Subject", type: "text", label: name },
          { id: "Subject", type: "date", label: name },
        ],
      }),
    );

    expect(result.ok || result.issues).toEqual([
      { path: "formFields", message: "uses a field id twice" },
    ]);
  });
});
