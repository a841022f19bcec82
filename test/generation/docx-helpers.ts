/**
 * Test helpers: open a generated `.docx` and read its text the way a reader sees it, one
 * string per paragraph, line breaks as "\n".
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";

import { buildDemoTemplates } from "../../demo/templates/build.ts";
import { documentParts } from "../../demo/templates/wordml.ts";
import type { FieldValue, Values } from "../../src/connect/model.ts";

export const SAMPLE_ID = "30b55516-80b5-41d7-801b-b31d6da376ac";
export const CUSTOMER_LETTER_ID = "6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41";
export const OFFER_ID = "c3d9a1f0-7b2e-4e8a-a5c6-1d4f9b0e2a63";

const demo = buildDemoTemplates();

/** The demo template file for a template id and file language (`"*"` for all). */
export function demoFile(id: string, language: string): Uint8Array {
  const key = demo.meta.find((m) => m.id === id)?.files[language];
  const bytes = key === undefined ? undefined : demo.files[key];
  if (bytes === undefined) {
    throw new Error(`no demo file ${id} ${language}`);
  }
  return bytes;
}

export function demoCatalog() {
  return demo.meta;
}

/** Every part of the package as text. */
export function partsOf(docx: Uint8Array): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(unzipSync(docx))) {
    parts[name] = strFromU8(bytes);
  }
  return parts;
}

/** The paragraphs of one part as plain text. */
export function paragraphs(docx: Uint8Array, part = "word/document.xml"): string[] {
  const xml = partsOf(docx)[part];
  if (xml === undefined) {
    throw new Error(`no part ${part}`);
  }
  return xml
    .split("</w:p>")
    .slice(0, -1)
    .map((p) => {
      const pieces = p.match(/<w:t(?:\s[^>]*)?>[^<]*<\/w:t>|<w:br\/>/g) ?? [];
      return pieces.map((piece) => (piece === "<w:br/>" ? "\n" : decode(piece))).join("");
    });
}

function decode(element: string): string {
  const text = element.replace(/^<w:t(?:\s[^>]*)?>/, "").replace(/<\/w:t>$/, "");
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

export function value(text: string): FieldValue {
  return { kind: "value", text };
}

export function collection(items: Record<string, string>[]): FieldValue {
  return {
    kind: "collection",
    items: items.map((item) =>
      Object.fromEntries(Object.entries(item).map(([k, v]) => [k, value(v)])),
    ),
  };
}

/** The sample script's values. */
export function sampleValues(): { forms: Values; data: Values } {
  return {
    forms: { Subject: value("From Sample Script"), Notes: value("Sample Note") },
    data: { InvoiceNumber: value("1234") },
  };
}

/**
 * A demo-shaped `.docx` whose body holds the given paragraphs of text (tags allowed);
 * `parts` replaces or (with null) removes whole parts.
 */
export function docxWithBody(
  texts: string[],
  parts: Record<string, string | null> = {},
): Uint8Array {
  const body = texts.map((t) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`);
  const all: Record<string, string | null> = {
    ...documentParts({ header: [], body: [], footer: [] }),
    "word/document.xml": `<w:document ${W_NS}><w:body>${body.join("")}</w:body></w:document>`,
    ...parts,
  };
  const zippable: Zippable = {};
  for (const [name, xml] of Object.entries(all)) {
    if (xml !== null) {
      zippable[name] = strToU8(xml);
    }
  }
  return zipSync(zippable);
}

export const W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
