/**
 * Template catalog operations over the catalog Durable Object (metadata) and R2 (files).
 * Every upload writes its files under keys of its own, never used before or again, before
 * the metadata points at them; the catalog object deletes the files a replace or delete
 * superseded only a grace period later. So no replace, however they interleave, deletes
 * or changes a file that current metadata or a running execution refers to.
 */
import type { TemplateRef } from "../connect/model.ts";
import { checkTemplateDocx } from "../generation/check.ts";
import type { TemplateProblem } from "../generation/template-problems.ts";
import { ALL_LANGUAGES_FILE, type TemplateMeta } from "../templates/model.ts";
import { parseTemplateMeta, type MetaIssue } from "../templates/schema.ts";

function catalog(env: Env, dataSourceId: string) {
  return env.CATALOGS.get(env.CATALOGS.idFromName(dataSourceId));
}

export function getTemplate(
  env: Env,
  dataSourceId: string,
  id: string,
): Promise<TemplateMeta | null> {
  return catalog(env, dataSourceId).get(id);
}

export function matchTemplates(
  env: Env,
  dataSourceId: string,
  ref: TemplateRef | null,
): Promise<TemplateMeta[]> {
  return catalog(env, dataSourceId).match(ref);
}

/** The bytes of one template file, or null when the key names nothing. */
export async function readTemplateFile(
  env: Env,
  key: string,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const object = await env.FILES.get(key);
  return object ? new Uint8Array(await object.arrayBuffer()) : null;
}

export type UploadOutcome =
  | { ok: true; created: boolean; meta: TemplateMeta }
  | {
      ok: false;
      metaIssues: MetaIssue[];
      fileProblems: { file: string; problems: TemplateProblem[] }[];
    };

/**
 * Checks and stores a template. `files` maps a document language (or `*` for all) to the
 * uploaded `.docx`; the metadata's `files` is filled from it. Nothing is stored unless the
 * metadata and every file pass.
 */
export async function uploadTemplate(
  env: Env,
  dataSourceId: string,
  metaInput: Record<string, unknown>,
  files: Map<string, Uint8Array<ArrayBuffer>>,
): Promise<UploadOutcome> {
  const fileProblems = [...files.entries()]
    .map(([language, bytes]) => ({ file: language, problems: checkTemplateDocx(bytes) }))
    .filter((f) => f.problems.length > 0);

  // Keys per upload, not per content: re-uploading the current bytes must not reuse a key
  // that the replace it supersedes would then delete.
  const id = typeof metaInput.id === "string" ? metaInput.id.toLowerCase() : "";
  const upload = crypto.randomUUID();
  const keys: Record<string, string> = {};
  for (const language of files.keys()) {
    const label = language === ALL_LANGUAGES_FILE ? "all" : language.toLowerCase();
    keys[language] = `templates/${dataSourceId}/${id}/${upload}/${label}.docx`;
  }

  const parsed = parseTemplateMeta({ ...metaInput, files: keys });
  if (!parsed.ok || fileProblems.length > 0) {
    return { ok: false, metaIssues: parsed.ok ? [] : parsed.issues, fileProblems };
  }

  for (const [language, bytes] of files) {
    const key = keys[language];
    if (key) await env.FILES.put(key, bytes, { httpMetadata: { contentType: DOCX_TYPE } });
  }
  const previous = await catalog(env, dataSourceId).put(parsed.meta);
  return { ok: true, created: previous === null, meta: parsed.meta };
}

/** Removes a template; the catalog object deletes its files after the grace period. */
export async function deleteTemplate(env: Env, dataSourceId: string, id: string): Promise<boolean> {
  return (await catalog(env, dataSourceId).remove(id)) !== null;
}

/** Deletes the superseded files due by `now`; the catalog's alarm does this on its own. */
export function sweepTemplateFiles(env: Env, dataSourceId: string, now: number): Promise<number> {
  return catalog(env, dataSourceId).sweepFiles(now);
}

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
