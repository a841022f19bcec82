import { describe, expect, it } from "vitest";

import type { TemplateRef } from "../../src/connect/model.ts";
import type { TemplateMeta } from "../../src/templates/model.ts";
import { preselectedLanguage } from "../../src/web/document-language.ts";
import { chooseTemplate } from "../../src/web/template-choice.ts";

function template(id: string, languages = ["de-CH", "en-GB"]): TemplateMeta {
  const name = { de: id, fr: id, it: id, en: id };
  return {
    id,
    name,
    tags: [],
    languages,
    defaultLanguage: languages[0] ?? "de-CH",
    formFields: [],
    dataFields: [],
    files: { "*": "k" },
  };
}

const A = template("a");
const B = template("b");
const tags = (allow: boolean): TemplateRef => ({
  kind: "tags",
  anyOf: [["x"]],
  allowTemplatePicker: allow,
});

describe("chooseTemplate", () => {
  it("goes straight to the form for a single match", () => {
    expect(chooseTemplate([A], tags(false), null)).toEqual({ kind: "form", template: A });
  });

  it("offers a picker when the tag filter allows it or no template is named", () => {
    expect(chooseTemplate([A, B], tags(true), null).kind).toBe("picker");
    expect(chooseTemplate([A, B], null, null).kind).toBe("picker");
  });

  it("calls several matches ambiguous when picking is not allowed", () => {
    expect(chooseTemplate([A, B], tags(false), "b").kind).toBe("ambiguous");
  });

  it("takes the person's pick only among the matches", () => {
    expect(chooseTemplate([A, B], tags(true), "B")).toEqual({ kind: "form", template: B });
    expect(chooseTemplate([A, B], tags(true), "c").kind).toBe("picker");
  });

  it("says none when nothing matches", () => {
    expect(chooseTemplate([], null, null).kind).toBe("none");
  });
});

describe("preselectedLanguage", () => {
  it("resolves the session's language like Execute, else the template default", () => {
    expect(preselectedLanguage(A, "en-us", "de-CH")).toBe("en-GB");
    expect(preselectedLanguage(A, "es-ES", "de-CH")).toBe("de-CH");
    expect(preselectedLanguage(A, null, "de-CH")).toBe("de-CH");
  });
});
