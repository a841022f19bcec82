/**
 * The document language the form preselects and accepts: the session's request resolved the
 * way Execute does (templates/resolve.ts), else the template's default; a posted language
 * must be one of the template's.
 */
import type { TemplateMeta } from "../templates/model.ts";
import { resolveLanguage } from "../templates/resolve.ts";

export function preselectedLanguage(
  template: TemplateMeta,
  requested: string | null,
  dataSourceDefault: string | null,
): string {
  const resolved = resolveLanguage(template, requested, dataSourceDefault);
  return resolved.ok ? resolved.language : template.defaultLanguage;
}

/** The template's own spelling of a posted culture, or null when the template lacks it. */
export function acceptedLanguage(template: TemplateMeta, posted: string): string | null {
  const wanted = posted.trim().toLowerCase();
  return template.languages.find((l) => l.toLowerCase() === wanted) ?? null;
}

/** "Español (es-ES)": a readable name where the runtime knows one, always with the tag. */
export function languageLabel(culture: string, uiLanguage: string): string {
  try {
    const names = new Intl.DisplayNames([uiLanguage], { type: "language" });
    const name = names.of(culture);
    return name && name !== culture ? `${name} (${culture})` : culture;
  } catch {
    return culture;
  }
}
