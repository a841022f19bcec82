/**
 * Which UI language a person sees: an explicit switch (`?lang=` or the cookie it sets) wins,
 * then the browser's Accept-Language (RFC 9110 §12.5.4) by quality, then English.
 */
import { UI_LANGUAGES, type LocalizedText, type UiLanguage } from "../templates/model.ts";
import { MESSAGES, type Messages } from "./messages.ts";

export const FALLBACK_UI_LANGUAGE: UiLanguage = "en";

export function isUiLanguage(value: string | null | undefined): value is UiLanguage {
  return typeof value === "string" && (UI_LANGUAGES as readonly string[]).includes(value);
}

export interface LanguageSources {
  query: string | null;
  cookie: string | null;
  acceptLanguage: string | null;
}

export function chooseUiLanguage(sources: LanguageSources): UiLanguage {
  const query = sources.query?.toLowerCase();
  if (isUiLanguage(query)) return query;
  const cookie = sources.cookie?.toLowerCase();
  if (isUiLanguage(cookie)) return cookie;
  return fromAcceptLanguage(sources.acceptLanguage ?? "") ?? FALLBACK_UI_LANGUAGE;
}

/** The best-rated UI language in an Accept-Language header; `de-CH` counts as `de`. */
export function fromAcceptLanguage(header: string): UiLanguage | null {
  const ranges = header
    .split(",")
    .map((part, index) => {
      const [range = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number.parseFloat(q.slice(2));
      return { range: range.trim().toLowerCase(), quality, index };
    })
    .filter((r) => r.range !== "" && Number.isFinite(r.quality) && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);

  for (const { range } of ranges) {
    const primary = range.split("-")[0];
    if (isUiLanguage(primary)) return primary;
  }
  return null;
}

export function messagesFor(language: UiLanguage): Messages {
  return MESSAGES[language];
}

/** A template's name or label in the UI language. */
export function localized(text: LocalizedText, language: UiLanguage): string {
  return text[language];
}
