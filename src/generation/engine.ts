/**
 * docxtemplater, compiled once per template and rendered many times. docxtemplater
 * compiles in its constructor and refuses a second `render()`; its per-render state is a
 * handful of fields, which this module resets so the compiled template renders again.
 * That reliance is checked at runtime: if the fields are missing (another docxtemplater
 * version), every render compiles afresh, which is slower but still correct.
 */
import Docxtemplater from "docxtemplater";
import PizZip from "pizzip";

import { emptyNullGetter, fieldPathParser } from "./parser.ts";
import { problemsFromDocxtemplater, type TemplateProblem } from "./template-problems.ts";
import type { TemplateData } from "./values.ts";

/** The name docxtemplater gives the module behind `{@tag}` (raw XML, never allowed here). */
const RAW_XML_MODULE = "RawXmlModule";

/** The per-render fields of docxtemplater 3.71 (js/docxtemplater.js, `render`). */
interface RenderState {
  rendered: boolean;
  scopeManagers: object;
  mapper?: unknown;
  errors: unknown[];
}

export type CompileResult =
  { ok: true; engine: DocxEngine } | { ok: false; problems: TemplateProblem[] };

export class DocxEngine {
  /** Part name → text, for a fresh compile; includes content types and root relationships. */
  readonly #files: ReadonlyMap<string, string>;
  /** The parts whose rendered bytes `render` returns. */
  readonly #parts: readonly string[];
  #compiled: Docxtemplater<PizZip> | null;

  private constructor(
    files: ReadonlyMap<string, string>,
    parts: readonly string[],
    doc: Docxtemplater<PizZip>,
  ) {
    this.#files = files;
    this.#parts = parts;
    this.#compiled = doc;
  }

  /** Compiles the parts; template errors come back as problems with their location. */
  static compile(files: ReadonlyMap<string, string>, parts: readonly string[]): CompileResult {
    try {
      return { ok: true, engine: new DocxEngine(files, parts, compile(files)) };
    } catch (error) {
      const problems = problemsFromDocxtemplater(error);
      if (problems === null) {
        throw error;
      }
      return { ok: false, problems };
    }
  }

  /** The rendered bytes of every templated part. */
  render(data: TemplateData): Map<string, Uint8Array> {
    const doc = this.#takeCompiled() ?? compile(this.#files);
    // Taken out while rendering: a render that throws may leave docxtemplater's state
    // half-updated, and the next render then compiles afresh.
    this.#compiled = null;
    doc.render(data);
    if (renderState(doc) !== null) {
      this.#compiled = doc;
    }
    const zip = doc.getZip();
    const rendered = new Map<string, Uint8Array>();
    for (const name of this.#parts) {
      const file = zip.file(name);
      if (file !== null) {
        rendered.set(name, file.asUint8Array());
      }
    }
    return rendered;
  }

  /** The compiled instance, reset for another render, or null if it cannot be reused. */
  #takeCompiled(): Docxtemplater<PizZip> | null {
    const doc = this.#compiled;
    if (doc === null) {
      return null;
    }
    const state = renderState(doc);
    if (state === null || state.errors.length > 0) {
      this.#compiled = null;
      return null;
    }
    state.rendered = false;
    state.scopeManagers = {};
    state.mapper = undefined;
    return doc;
  }
}

function compile(files: ReadonlyMap<string, string>): Docxtemplater<PizZip> {
  const zip = new PizZip();
  for (const [name, text] of files) {
    zip.file(name, text);
  }
  return new Docxtemplater(zip, {
    delimiters: { start: "{", end: "}" },
    paragraphLoop: true,
    linebreaks: true,
    parser: fieldPathParser,
    nullGetter: emptyNullGetter,
    // Values are cleaned (with a warning) before rendering; this is the backstop.
    stripInvalidXMLChars: true,
    errorLogging: false,
    fileTypeConfig: docxConfigWithoutRawXml(),
  });
}

function renderState(doc: object): RenderState | null {
  if (!("rendered" in doc) || typeof doc.rendered !== "boolean") {
    return null;
  }
  if (!("scopeManagers" in doc) || typeof doc.scopeManagers !== "object") {
    return null;
  }
  if (!("errors" in doc) || !Array.isArray(doc.errors)) {
    return null;
  }
  // SAFETY: the three fields render() reads were checked above; `mapper` is optional.
  return doc as RenderState;
}

/**
 * docxtemplater's docx configuration minus the raw XML module, so `{@Forms.X}` is an
 * ordinary tag (rejected by the parser) and no value can ever become markup.
 */
function docxConfigWithoutRawXml(): unknown {
  const configs: unknown = Reflect.get(Docxtemplater, "FileTypeConfig");
  const factory: unknown = isObject(configs) ? Reflect.get(configs, "docx") : undefined;
  if (typeof factory !== "function") {
    throw new Error("docxtemplater has no FileTypeConfig.docx");
  }
  const config: unknown = Reflect.apply(factory, undefined, []);
  const modules: unknown = isObject(config) ? Reflect.get(config, "baseModules") : undefined;
  if (!isObject(config) || !Array.isArray(modules)) {
    throw new Error("docxtemplater's docx configuration has no baseModules");
  }
  const kept = modules.filter((make: unknown) => {
    const module: unknown = typeof make === "function" ? Reflect.apply(make, undefined, []) : null;
    return !(isObject(module) && Reflect.get(module, "name") === RAW_XML_MODULE);
  });
  Reflect.set(config, "baseModules", kept);
  return config;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
