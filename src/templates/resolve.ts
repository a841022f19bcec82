/**
 * Picking a template and a document language (spec §5 steps 1 and 2). Pure: takes the
 * catalog and the request, returns the choice or a failure value that lists what exists.
 */
import type { TemplateRef } from "../connect/model.ts";
import { ALL_LANGUAGES_FILE, type TemplateCandidate, type TemplateMeta } from "./model.ts";

export type TemplateResolution =
  | { ok: true; template: TemplateMeta }
  | {
      ok: false;
      reason: "unknown-template" | "no-match" | "ambiguous";
      /** Templates the caller could pick from: every match (ambiguous), else empty. */
      candidates: TemplateCandidate[];
    };

export type LanguageResolution =
  | {
      ok: true;
      /** The template's own spelling of the culture (`es-ES`, even when `es-es` was asked). */
      language: string;
      /** Storage key of the `.docx` for that language. */
      fileKey: string;
      match: "exact" | "same-language" | "template-default";
    }
  | {
      ok: false;
      reason: "unsupported-language" | "missing-file";
      requested: string | null;
      /** The template's languages, so the error can name them. */
      available: string[];
    };

/**
 * Every template the reference selects, in catalog order. No reference selects the whole
 * catalog (the web app then offers every template, spec §5). A tag filter is an OR of
 * AND-groups; an empty group matches every template.
 */
export function matchTemplates(catalog: TemplateMeta[], ref: TemplateRef | null): TemplateMeta[] {
  if (ref === null) {
    return [...catalog];
  }
  if (ref.kind === "id") {
    const id = ref.id.toLowerCase();
    return catalog.filter((t) => t.id === id);
  }
  const groups = ref.anyOf.map((group) => group.map(normalizeTag).filter((t) => t !== ""));
  return catalog.filter((template) => {
    const tags = new Set(template.tags.map(normalizeTag));
    return groups.some((group) => group.every((tag) => tags.has(tag)));
  });
}

/** Exactly one template, as a server-side Execute needs; otherwise why not, with candidates. */
export function resolveTemplate(
  catalog: TemplateMeta[],
  ref: TemplateRef | null,
): TemplateResolution {
  const matches = matchTemplates(catalog, ref);
  const [only] = matches;
  if (only !== undefined && matches.length === 1) {
    return { ok: true, template: only };
  }
  if (matches.length > 1) {
    return { ok: false, reason: "ambiguous", candidates: matches.map(toCandidate) };
  }
  const reason = ref?.kind === "id" ? "unknown-template" : "no-match";
  return { ok: false, reason, candidates: [] };
}

/**
 * The document language: the requested culture (case-insensitive), else one of the same
 * language (`es-ES` → `es`, `es` → `es-ES`), else a failure naming the available ones.
 * Nothing requested: the template's default, since the template author chose it.
 *
 * Within the same-language step the bare language wins (`es`), then the data source's
 * default culture when it is of that language and the template has it (`de` → `de-CH`
 * for a Swiss data source even if the template lists `de-DE` first), then the template's
 * default, then the first in the template's order.
 */
export function resolveLanguage(
  template: TemplateMeta,
  requested: string | null,
  dataSourceDefault: string | null,
): LanguageResolution {
  const chosen = chooseLanguage(template, requested, dataSourceDefault);
  if (chosen === null) {
    return {
      ok: false,
      reason: "unsupported-language",
      requested,
      available: [...template.languages],
    };
  }
  const fileKey = fileFor(template, chosen.language);
  if (fileKey === null) {
    return {
      ok: false,
      reason: "missing-file",
      requested,
      available: [...template.languages],
    };
  }
  return { ok: true, language: chosen.language, fileKey, match: chosen.match };
}

function chooseLanguage(
  template: TemplateMeta,
  requested: string | null,
  dataSourceDefault: string | null,
): { language: string; match: "exact" | "same-language" | "template-default" } | null {
  const wanted = requested?.trim() ?? "";
  if (wanted === "") {
    const language = findCulture(template.languages, template.defaultLanguage);
    return language === undefined ? null : { language, match: "template-default" };
  }

  const exact = findCulture(template.languages, wanted);
  if (exact !== undefined) {
    return { language: exact, match: "exact" };
  }

  const primary = primaryOf(wanted);
  const preferred = [primary, dataSourceDefault, template.defaultLanguage];
  for (const culture of preferred) {
    if (culture === null || primaryOf(culture) !== primary) {
      continue;
    }
    const language = findCulture(template.languages, culture);
    if (language !== undefined) {
      return { language, match: "same-language" };
    }
  }
  const first = template.languages.find((l) => primaryOf(l) === primary);
  return first === undefined ? null : { language: first, match: "same-language" };
}

/** The storage key of the file for a culture the template lists, or null if none. */
export function fileFor(template: TemplateMeta, language: string): string | null {
  const wanted = language.toLowerCase();
  for (const [key, file] of Object.entries(template.files)) {
    if (key.toLowerCase() === wanted) {
      return file;
    }
  }
  return template.files[ALL_LANGUAGES_FILE] ?? null;
}

function findCulture(languages: string[], culture: string): string | undefined {
  const wanted = culture.toLowerCase();
  return languages.find((l) => l.toLowerCase() === wanted);
}

function primaryOf(culture: string): string {
  return (culture.split("-")[0] ?? "").toLowerCase();
}

export function normalizeTag(tag: string): string {
  return tag.trim().normalize("NFC").toLowerCase();
}

function toCandidate(template: TemplateMeta): TemplateCandidate {
  return { id: template.id, name: template.name };
}
