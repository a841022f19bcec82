/**
 * Generates a document: Word template + Forms and Data values → `.docx` bytes (spec §5
 * step 3, §7). The template is prepared once per isolate (cache.ts); each document then
 * costs one render of the compiled template, compressing only the parts whose bytes
 * changed and copying every other entry's compressed bytes as they are.
 */
import { sameBytes, TemplateCache } from "./cache.ts";
import { prepareTemplate, type PreparedTemplate } from "./prepare.ts";
import type { TemplateProblem } from "./template-problems.ts";
import { type DocumentValues, toTemplateData } from "./values.ts";
import type { ZipEntry } from "./zip-reader.ts";
import { rewrittenEntry, writeZip } from "./zip-writer.ts";

export interface RenderOptions {
  /**
   * Cache key for the template, such as its storage key and version. Optional: without
   * it the key is derived from the bytes. Either way a hit is checked against the bytes.
   */
  cacheKey?: string;
}

export type RenderResult =
  | { ok: true; bytes: Uint8Array; warnings: string[] }
  | { ok: false; reason: "invalid-template"; problems: TemplateProblem[] };

const cache = new TemplateCache();

/** Fills the template with the values. Template errors are a value; bugs throw. */
export function renderDocx(
  template: Uint8Array,
  values: DocumentValues,
  opts: RenderOptions = {},
): RenderResult {
  const key = opts.cacheKey ?? TemplateCache.fingerprint(template);
  let prepared = cache.get(key, template);
  if (prepared === undefined) {
    const result = prepareTemplate(template);
    if (!result.ok) {
      return { ok: false, reason: "invalid-template", problems: result.problems };
    }
    prepared = result.template;
    cache.set(key, prepared);
  }

  const { data, warnings } = toTemplateData(values);
  const rendered = prepared.engine.render(data);
  return { ok: true, bytes: assemble(prepared, rendered), warnings };
}

/** The output archive: template entries in their order, changed parts compressed anew. */
function assemble(
  prepared: PreparedTemplate,
  rendered: ReadonlyMap<string, Uint8Array>,
): Uint8Array {
  const entries: ZipEntry[] = prepared.entries.map((entry) => {
    const content = rendered.get(entry.name);
    const original = prepared.originals.get(entry.name);
    if (content === undefined || (original !== undefined && sameBytes(content, original))) {
      return entry;
    }
    return rewrittenEntry(entry, content);
  });
  return writeZip(entries);
}

/** Forgets every prepared template (tests; a deployment never needs it). */
export function clearTemplateCache(): void {
  cache.clear();
}

/** Counters of the template cache, for tests and the benchmark. */
export function templateCacheStats(): ReturnType<TemplateCache["stats"]> {
  return cache.stats();
}
