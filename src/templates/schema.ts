/**
 * Validation of template metadata as an admin uploads it: shape, identifiers that are safe
 * inside `{Forms.X}` tags, and the cross-field rules (default language listed, one file for
 * every language). Returns issues as values; nothing here throws for bad input.
 */
import { z } from "@hono/zod-openapi";

import { GUID_PATTERN_SOURCE } from "../connect/rules.ts";
import {
  ALL_LANGUAGES_FILE,
  FORM_FIELD_TYPES,
  type FormFieldDef,
  type TemplateMeta,
} from "./model.ts";

/** Spelled out in both cases rather than with `/i`: JSON Schema (OpenAPI) has no regex flags. */
const GUID = new RegExp(GUID_PATTERN_SOURCE);
/** A field id is one segment of a tag path, so no dots, braces or spaces. */
const FIELD_ID = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Language, then optional subtags (`de`, `de-CH`, `sr-Latn-RS`); case is ignored. */
const CULTURE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const MAX_NAME_CHARS = 200;
const MAX_TAGS = 50;
const MAX_FIELDS = 200;
const MAX_OPTIONS = 200;

const text = z.string().trim().min(1).max(MAX_NAME_CHARS);
const localized = z.object({ de: text, fr: text, it: text, en: text });
const fieldId = z.string().regex(FIELD_ID, "must be a letter or _ followed by letters, digits, _");
const culture = z.string().regex(CULTURE, "must be a culture tag such as de-CH");

const fieldBase = { id: fieldId, label: localized, required: z.boolean().default(false) };
const SIMPLE_TYPES = FORM_FIELD_TYPES.filter((t) => t !== "choice");

const formField = z.discriminatedUnion("type", [
  z.object({ ...fieldBase, type: z.enum(SIMPLE_TYPES) }),
  z.object({
    ...fieldBase,
    type: z.literal("choice"),
    options: z
      .array(z.object({ value: z.string().min(1).max(MAX_NAME_CHARS), label: localized }))
      .min(1)
      .max(MAX_OPTIONS),
  }),
]);

/** Checks an upload's `meta`; the OpenAPI document describes template metadata with it. */
export const templateMetaSchema = z
  .object({
    id: z
      .string()
      .regex(GUID, "must be a GUID")
      .transform((s) => s.toLowerCase()),
    name: localized,
    tags: z.array(text).max(MAX_TAGS).default([]),
    languages: z.array(culture).min(1),
    defaultLanguage: culture,
    formFields: z.array(formField).max(MAX_FIELDS).default([]),
    dataFields: z.array(fieldId).max(MAX_FIELDS).default([]),
    dataLabels: z.record(fieldId, localized).default({}),
    files: z.record(z.string(), z.string().min(1)),
  })
  .superRefine((meta, ctx) => {
    for (const issue of crossFieldIssues(meta)) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
  });

export interface MetaIssue {
  /** Dotted path into the metadata (`formFields.2.id`); empty for the whole object. */
  path: string;
  message: string;
}

export type MetaParseResult = { ok: true; meta: TemplateMeta } | { ok: false; issues: MetaIssue[] };

/** Checks untrusted metadata (parsed JSON) and returns it normalised, or every issue found. */
export function parseTemplateMeta(input: unknown): MetaParseResult {
  const parsed = templateMetaSchema.safeParse(input);
  if (parsed.success) {
    return { ok: true, meta: parsed.data satisfies TemplateMeta };
  }
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join("."),
    message: i.message,
  }));
  return { ok: false, issues };
}

interface CrossFieldInput {
  tags: string[];
  languages: string[];
  defaultLanguage: string;
  formFields: FormFieldDef[];
  dataFields: string[];
  dataLabels: Record<string, unknown>;
  files: Record<string, string>;
}

function crossFieldIssues(meta: CrossFieldInput): { path: string[]; message: string }[] {
  const issues: { path: string[]; message: string }[] = [];
  const languages = new Set(meta.languages.map((l) => l.toLowerCase()));

  if (languages.size !== meta.languages.length) {
    issues.push({ path: ["languages"], message: "lists a language twice" });
  }
  if (!languages.has(meta.defaultLanguage.toLowerCase())) {
    issues.push({ path: ["defaultLanguage"], message: "is not one of languages" });
  }
  if (new Set(meta.tags.map((t) => t.toLowerCase())).size !== meta.tags.length) {
    issues.push({ path: ["tags"], message: "lists a tag twice" });
  }
  const formIds = meta.formFields.map((f) => f.id);
  if (new Set(formIds).size !== formIds.length) {
    issues.push({ path: ["formFields"], message: "uses a field id twice" });
  }
  if (new Set(meta.dataFields).size !== meta.dataFields.length) {
    issues.push({ path: ["dataFields"], message: "lists a field id twice" });
  }
  for (const id of Object.keys(meta.dataLabels)) {
    if (!meta.dataFields.includes(id)) {
      issues.push({ path: ["dataLabels", id], message: "labels a field dataFields does not list" });
    }
  }

  const fileLanguages = Object.keys(meta.files);
  const seenFiles = new Set<string>();
  for (const key of fileLanguages) {
    if (key !== ALL_LANGUAGES_FILE && !languages.has(key.toLowerCase())) {
      issues.push({ path: ["files", key], message: "names a language the template does not list" });
    }
    // Languages compare case-insensitively: `de-CH` and `DE-CH` are one language, and only
    // one of two files for it would ever be used.
    if (seenFiles.has(key.toLowerCase())) {
      issues.push({ path: ["files", key], message: "names a language that has a file already" });
    }
    seenFiles.add(key.toLowerCase());
  }
  if (!(ALL_LANGUAGES_FILE in meta.files)) {
    const covered = new Set(fileLanguages.map((k) => k.toLowerCase()));
    for (const language of meta.languages) {
      if (!covered.has(language.toLowerCase())) {
        issues.push({ path: ["files"], message: `has no file for ${language} and no "*" file` });
      }
    }
  }
  return issues;
}
