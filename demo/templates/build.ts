/**
 * Builds the demo templates from their readable sources: the catalog metadata and one
 * `.docx` per file key. Pure (no file system), so tests in workerd call it directly and
 * `scripts/build-demo-templates.ts` only writes the result to disk.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

import { ALL_LANGUAGES_FILE, type TemplateMeta } from "../../src/templates/model.ts";
import { customerLetter } from "./customer-letter.ts";
import { invoiceLetter } from "./invoice-letter.ts";
import { offer } from "./offer.ts";
import type { DemoTemplateSource } from "./source.ts";
import { documentParts } from "./wordml.ts";

export const DEMO_SOURCES: readonly DemoTemplateSource[] = [invoiceLetter, customerLetter, offer];

/** A fixed time for every ZIP entry, so rebuilding gives byte-identical files. */
const ENTRY_TIME = new Date("2025-01-01T00:00:00Z");

export interface DemoTemplates {
  /** The catalog, in source order; `files` values are keys into `files` below. */
  meta: TemplateMeta[];
  /** File key (`<template id>.<language, or "all">.docx`) → `.docx` bytes. */
  files: Record<string, Uint8Array>;
}

export function buildDemoTemplates(): DemoTemplates {
  const meta: TemplateMeta[] = [];
  const files: Record<string, Uint8Array> = {};
  for (const source of DEMO_SOURCES) {
    const keys: Record<string, string> = {};
    for (const [language, content] of Object.entries(source.content)) {
      const key = `${source.meta.id}.${language === ALL_LANGUAGES_FILE ? "all" : language}.docx`;
      keys[language] = key;
      files[key] = packDocx(documentParts(content));
    }
    meta.push({ ...source.meta, files: keys });
  }
  return { meta, files };
}

function packDocx(parts: Record<string, string>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, xml] of Object.entries(parts)) {
    zippable[name] = strToU8(xml);
  }
  return zipSync(zippable, { level: 6, mtime: ENTRY_TIME });
}
