/**
 * Turns template bytes into a prepared template: the archive's entries (kept compressed),
 * the templated parts inflated, checked and their field-bound content controls turned
 * into tags, and the compiled docxtemplater engine. Done once per template and cached
 * (cache.ts); the upload check (check.ts) runs the same steps.
 */
import { bindContentControls } from "./content-controls.ts";
import { DocxEngine } from "./engine.ts";
import {
  CONTENT_TYPES_PART,
  type PackageLayout,
  packageLayout,
  ROOT_RELATIONSHIPS_PART,
} from "./package-parts.ts";
import { packageProblem, type TemplateProblem } from "./template-problems.ts";
import { rootElement } from "./xml-scan.ts";
import { findXmlBreak } from "./xml-well-formed.ts";
import { inflateEntry, readZip, type ZipEntry } from "./zip-reader.ts";

export interface PreparedTemplate {
  /** A private copy of the template bytes; `entries` point into it. */
  source: Uint8Array;
  entries: ZipEntry[];
  /** Inflated original bytes of the templated parts, to spot parts a render left unchanged. */
  originals: ReadonlyMap<string, Uint8Array>;
  engine: DocxEngine;
  /** Rough memory held, in bytes, for the cache's budget. */
  weight: number;
}

export type PrepareResult =
  { ok: true; template: PreparedTemplate } | { ok: false; problems: TemplateProblem[] };

/**
 * docxtemplater's lexed and parsed form of a part, per byte of the part's XML: 24–32 bytes
 * measured (see MAX_TEMPLATED_XML_BYTES), so the cache's memory estimate takes the top of it.
 */
const COMPILED_BYTES_PER_XML_BYTE = 32;

/**
 * Most inflated bytes, summed over the templated parts (document, headers, footers, notes,
 * comments, properties), in bytes (2 MiB). docxtemplater compiles all of them at once and
 * keeps them compiled: measured with docxtemplater 3.71 on Node 24, WordprocessingML of
 * 1–8 MiB left 24–32 bytes of heap per XML byte after compiling, and up to ~38 while doing
 * it. A Worker isolate has 128 MiB for everything, the template's bytes (up to
 * MAX_ZIP_BYTES, copied once) included, so 2 MiB of templated XML (~75 MiB at the peak) is
 * the most that compiles with room to spare; 16 MiB would need ~600 MiB. Real letter and
 * contract templates hold well under 1 MiB. The archive's other parts (images, styles,
 * fonts) are never compiled and stay bounded by MAX_INFLATED_BYTES alone.
 */
export const MAX_TEMPLATED_XML_BYTES = 2 * 1024 * 1024;

/** The main document part's root element, with the prefix Word and docxtemplater use. */
const MAIN_ROOT = "w:document";

interface Package {
  entries: ZipEntry[];
  byName: ReadonlyMap<string, ZipEntry>;
  layout: PackageLayout;
  /** Content types and root relationships as text: docxtemplater reads both. */
  files: Map<string, string>;
}

export function prepareTemplate(bytes: Uint8Array): PrepareResult {
  const source = bytes.slice();
  const pkg = openPackage(source);
  if ("problem" in pkg) {
    return { ok: false, problems: [pkg.problem] };
  }

  // Declared sizes, checked before inflating; inflateEntry refuses a part that lies.
  let declared = 0;
  for (const part of pkg.layout.templated) declared += pkg.byName.get(part.name)?.size ?? 0;
  if (declared > MAX_TEMPLATED_XML_BYTES) {
    const message =
      `The templated parts (document, headers, footers, …) inflate to ${declared} bytes, ` +
      `more than the ${MAX_TEMPLATED_XML_BYTES} docxtemplater can compile in a Worker`;
    return { ok: false, problems: [packageProblem("templated-too-large", message)] };
  }

  const { files } = pkg;
  const originals = new Map<string, Uint8Array>();
  const broken: TemplateProblem[] = [];
  let xmlBytes = 0;
  for (const part of pkg.layout.templated) {
    const entry = pkg.byName.get(part.name);
    const raw = entry === undefined ? null : inflateEntry(entry);
    const text = raw === null ? null : new TextDecoder().decode(raw);
    const problem =
      partProblem(part.name, text) ??
      (part.name === pkg.layout.main ? mainRootProblem(part.name, text) : null);
    if (raw === null || text === null || problem !== null) {
      // Every broken part is reported, so one upload shows all there is to fix.
      broken.push(problem ?? corrupt(part.name));
      continue;
    }
    files.set(part.name, part.story ? bindContentControls(text).xml : text);
    originals.set(part.name, raw);
    xmlBytes += raw.length;
  }
  if (broken.length > 0) {
    return { ok: false, problems: broken };
  }

  const compiled = DocxEngine.compile(files, [...originals.keys()]);
  if (!compiled.ok) {
    return { ok: false, problems: compiled.problems };
  }
  const weight = source.length + xmlBytes * COMPILED_BYTES_PER_XML_BYTE;
  const { entries } = pkg;
  return {
    ok: true,
    template: { source, entries, originals, engine: compiled.engine, weight },
  };
}

/** Parts that hold XML by their name: most OOXML parts, and every relationships part. */
const XML_PART_NAME = /\.(?:xml|rels)$/i;

/**
 * Problems in the parts generation copies without reading them (styles, numbering, themes,
 * relationships, images): one that does not inflate to its declared size and CRC, or an XML
 * part that is not well-formed. Word refuses a document holding either, and generation
 * would pass them on unchanged, so the upload check (check.ts) reads them once.
 */
export function copiedPartProblems(template: PreparedTemplate): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  for (const entry of template.entries) {
    if (template.originals.has(entry.name)) {
      continue;
    }
    const raw = inflateEntry(entry);
    if (raw === null) {
      problems.push(corrupt(entry.name));
      continue;
    }
    const problem = XML_PART_NAME.test(entry.name) ? partProblem(entry.name, decodeXml(raw)) : null;
    if (problem !== null) {
      problems.push(problem);
    }
  }
  return problems;
}

/**
 * XML text by its byte-order mark: UTF-16 must carry one (XML 1.0 §4.3.3), and Office
 * writes some custom XML parts in UTF-16; anything else is read as UTF-8.
 */
function decodeXml(raw: Uint8Array): string {
  const label =
    raw[0] === 0xff && raw[1] === 0xfe
      ? "utf-16le"
      : raw[0] === 0xfe && raw[1] === 0xff
        ? "utf-16be"
        : "utf-8";
  return new TextDecoder(label).decode(raw);
}

/** The archive's entries and layout, or the first thing that makes it no Word package. */
function openPackage(source: Uint8Array): Package | { problem: TemplateProblem } {
  const archive = readZip(source);
  if (!archive.ok) {
    const message = `Not a readable .docx: ${archive.detail}`;
    return { problem: packageProblem(`zip-${archive.reason}`, message) };
  }
  const byName = new Map(archive.entries.map((e) => [e.name, e]));

  const contentTypes = readText(byName.get(CONTENT_TYPES_PART));
  const typesProblem = partProblem(CONTENT_TYPES_PART, contentTypes);
  if (contentTypes === null || typesProblem !== null) {
    return { problem: typesProblem ?? corrupt(CONTENT_TYPES_PART) };
  }
  const layout = packageLayout(contentTypes, [...byName.keys()]);
  if (layout.main === null) {
    const message = "The package has no main document part (word/document.xml)";
    return { problem: packageProblem("missing-document", message, "word/document.xml") };
  }
  const relationships = readText(byName.get(ROOT_RELATIONSHIPS_PART));
  const relationshipsProblem = partProblem(ROOT_RELATIONSHIPS_PART, relationships);
  if (relationships === null || relationshipsProblem !== null) {
    return { problem: relationshipsProblem ?? corrupt(ROOT_RELATIONSHIPS_PART) };
  }

  const files = new Map([
    [CONTENT_TYPES_PART, contentTypes],
    [ROOT_RELATIONSHIPS_PART, relationships],
  ]);
  return { entries: archive.entries, byName, layout, files };
}

function readText(entry: ZipEntry | undefined): string | null {
  const raw = entry === undefined ? null : inflateEntry(entry);
  return raw === null ? null : new TextDecoder().decode(raw);
}

/** What is wrong with a part's text: missing or unreadable, or not well-formed XML. */
function partProblem(part: string, text: string | null): TemplateProblem | null {
  if (text === null) {
    return null;
  }
  const at = findXmlBreak(text);
  if (at === null) {
    return null;
  }
  const message = `${part} is not well-formed XML: ${at.message}`;
  return { code: "malformed-xml", message, part, tag: null, offset: at.offset };
}

/**
 * The main part must be a WordprocessingML document (ECMA-376 Part 1 §17.2.3, `document`);
 * docxtemplater and Word read its `w:` elements, so another root would render as a
 * document Word refuses. Run on well-formed text only.
 */
function mainRootProblem(part: string, text: string | null): TemplateProblem | null {
  if (text === null) {
    return null;
  }
  const root = rootElement(text);
  if (root?.name === MAIN_ROOT) {
    return null;
  }
  const found = root === null ? "it has none" : `not <${root.name}>`;
  const message = `${part} must have <${MAIN_ROOT}> as its root element, ${found}`;
  return { code: "wrong-root", message, part, tag: null, offset: root?.start ?? 0 };
}

function corrupt(part: string): TemplateProblem {
  return packageProblem("corrupt-part", `${part} is missing or cannot be inflated`, part);
}
