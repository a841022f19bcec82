import { describe, expect, it } from "vitest";

import { buildDemoTemplates } from "../../demo/templates/build.ts";
import type { TemplateRef } from "../../src/connect/model.ts";
import type { TemplateMeta } from "../../src/templates/model.ts";
import {
  fileFor,
  matchTemplates,
  resolveLanguage,
  resolveTemplate,
} from "../../src/templates/resolve.ts";

const SAMPLE_ID = "30b55516-80b5-41d7-801b-b31d6da376ac";
const CUSTOMER_LETTER_ID = "6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41";
const OFFER_ID = "c3d9a1f0-7b2e-4e8a-a5c6-1d4f9b0e2a63";

const catalog = buildDemoTemplates().meta;

function template(id: string): TemplateMeta {
  const found = catalog.find((t) => t.id === id);
  if (found === undefined) {
    throw new Error(`no demo template ${id}`);
  }
  return found;
}

function tags(...anyOf: string[]): TemplateRef {
  return {
    kind: "tags",
    anyOf: anyOf.map((alternative) => alternative.split(";")),
    allowTemplatePicker: false,
  };
}

const ids = (templates: TemplateMeta[]) => templates.map((t) => t.id);

describe("resolveTemplate", () => {
  it("finds a template by id in any case", () => {
    const result = resolveTemplate(catalog, { kind: "id", id: SAMPLE_ID.toUpperCase() });

    expect(result.ok && result.template.id).toBe(SAMPLE_ID);
  });

  it("fails for an unknown id", () => {
    const result = resolveTemplate(catalog, {
      kind: "id",
      id: "00000000-0000-0000-0000-000000000000",
    });

    expect(result).toEqual({ ok: false, reason: "unknown-template", candidates: [] });
  });

  it("finds the one template a tag filter matches, ignoring case", () => {
    const result = resolveTemplate(catalog, tags("invoice"));

    expect(result.ok && result.template.id).toBe(SAMPLE_ID);
  });

  it("needs every tag of an AND-group", () => {
    const result = resolveTemplate(catalog, tags("Letter;Customer"));

    expect(result.ok && result.template.id).toBe(CUSTOMER_LETTER_ID);
  });

  it("lists the candidates when a tag filter matches several templates", () => {
    const result = resolveTemplate(catalog, tags("Letter"));

    expect(result).toEqual({
      ok: false,
      reason: "ambiguous",
      candidates: [
        { id: SAMPLE_ID, name: template(SAMPLE_ID).name },
        { id: CUSTOMER_LETTER_ID, name: template(CUSTOMER_LETTER_ID).name },
      ],
    });
  });

  it("fails with no candidates when no template matches", () => {
    expect(resolveTemplate(catalog, tags("Contract", "Letter;Offer"))).toEqual({
      ok: false,
      reason: "no-match",
      candidates: [],
    });
  });

  it("treats a missing reference as every template", () => {
    const result = resolveTemplate(catalog, null);

    expect(result.ok || result.candidates.map((c) => c.id)).toEqual(ids(catalog));
    expect(resolveTemplate([template(OFFER_ID)], null)).toMatchObject({ ok: true });
    expect(resolveTemplate([], null)).toMatchObject({ ok: false, reason: "no-match" });
  });
});

describe("matchTemplates", () => {
  it("lists every match of an OR of AND-groups in catalog order", () => {
    expect(ids(matchTemplates(catalog, tags("Offer", "Invoice;Letter")))).toEqual([
      SAMPLE_ID,
      OFFER_ID,
    ]);
  });

  it("matches every template for an empty group", () => {
    expect(ids(matchTemplates(catalog, tags("")))).toEqual(ids(catalog));
  });
});

describe("resolveLanguage", () => {
  const sample = template(SAMPLE_ID);

  it("matches the culture exactly, whatever its case (the sample's es-es)", () => {
    expect(resolveLanguage(sample, "es-es", "de-CH")).toEqual({
      ok: true,
      language: "es-ES",
      fileKey: sample.files["es-ES"],
      match: "exact",
    });
  });

  it("falls back to a culture of the same language (es → es-ES, es-MX → es-ES)", () => {
    expect(resolveLanguage(sample, "es", "de-CH")).toMatchObject({
      language: "es-ES",
      match: "same-language",
    });
    expect(resolveLanguage(sample, "es-MX", null)).toMatchObject({ language: "es-ES" });
    expect(resolveLanguage(sample, "EN-us", null)).toMatchObject({ language: "en-GB" });
  });

  it("prefers the data source's culture among several of the same language", () => {
    const swissAndGerman = {
      ...sample,
      languages: ["de-DE", "de-CH"],
      defaultLanguage: "de-DE",
      files: { "*": "letter.docx" },
    };

    expect(resolveLanguage(swissAndGerman, "de", "de-CH")).toMatchObject({ language: "de-CH" });
    expect(resolveLanguage(swissAndGerman, "de-AT", null)).toMatchObject({ language: "de-DE" });
  });

  it("fails for a language the template lacks, naming the available ones", () => {
    expect(resolveLanguage(sample, "pt", "de-CH")).toEqual({
      ok: false,
      reason: "unsupported-language",
      requested: "pt",
      available: ["de-CH", "fr-CH", "it-CH", "en-GB", "es-ES"],
    });
  });

  it("uses the template's default when no language is requested", () => {
    expect(resolveLanguage(sample, null, "en-GB")).toMatchObject({
      ok: true,
      language: "de-CH",
      match: "template-default",
    });
    expect(resolveLanguage(sample, "  ", null)).toMatchObject({ language: "de-CH" });
  });

  it("takes the file for all languages when there is none of its own", () => {
    const offer = template(OFFER_ID);

    expect(resolveLanguage(offer, "en-GB", null)).toMatchObject({ fileKey: offer.files["*"] });
    expect(fileFor({ ...offer, files: { "EN-gb": "en.docx", "*": "all.docx" } }, "en-GB")).toBe(
      "en.docx",
    );
  });

  it("fails when the chosen language has no file", () => {
    const broken = { ...sample, files: { "de-CH": "de.docx" } };

    expect(resolveLanguage(broken, "fr-CH", null)).toMatchObject({
      ok: false,
      reason: "missing-file",
    });
  });
});
