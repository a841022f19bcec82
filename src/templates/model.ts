/**
 * The template catalog model: what a data source knows about each Word template
 * (spec §7). Pure types; `schema.ts` checks uploaded metadata against them and
 * `resolve.ts` picks a template and a document language.
 */

/** Languages of the web app's user interface; every name and label exists in all four. */
export const UI_LANGUAGES = ["de", "fr", "it", "en"] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** A text shown in the web app, one per UI language. */
export type LocalizedText = Record<UiLanguage, string>;

export const FORM_FIELD_TYPES = ["text", "multiline", "date", "yesno", "choice"] as const;
export type FormFieldType = (typeof FORM_FIELD_TYPES)[number];

export interface ChoiceOption {
  /** What reaches the document (`{Forms.X}`) and the Connect payload. */
  value: string;
  label: LocalizedText;
}

interface FormFieldBase {
  /** Key in `Forms`; the template refers to it as `{Forms.<id>}`. */
  id: string;
  label: LocalizedText;
  required: boolean;
}

export type FormFieldDef =
  | (FormFieldBase & { type: Exclude<FormFieldType, "choice"> })
  | (FormFieldBase & { type: "choice"; options: ChoiceOption[] });

/**
 * Where the `.docx` files live: storage keys by document language (culture tag as listed
 * in `languages`), or `"*"` for one file that serves every language. A language-specific
 * entry wins over `"*"`.
 */
export type TemplateFiles = Record<string, string>;

/** The file key that serves every document language without a file of its own. */
export const ALL_LANGUAGES_FILE = "*";

export interface TemplateMeta {
  /** GUID, lower case. */
  id: string;
  name: LocalizedText;
  /** Compared case-insensitively by tag filters. */
  tags: string[];
  /** Culture tags (`de-CH`), compared case-insensitively; order is the author's preference. */
  languages: string[];
  /** One of `languages`. */
  defaultLanguage: string;
  formFields: FormFieldDef[];
  /** Keys in `Data` that the template uses (`{Data.<id>}`). */
  dataFields: string[];
  /**
   * How the web app labels some of `dataFields` in its read-only list; a field without one
   * shows its id. Optional: metadata stored before labels existed has none.
   */
  dataLabels?: Record<string, LocalizedText>;
  files: TemplateFiles;
}

/** What a picker or an error lists about a template. */
export interface TemplateCandidate {
  id: string;
  name: LocalizedText;
}
