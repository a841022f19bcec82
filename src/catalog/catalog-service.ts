/**
 * Template catalog operations over the catalog Durable Object (metadata) and R2 (files).
 * Files are written under content-addressed keys before the metadata points at them, so a
 * reader never sees metadata whose file is missing, and a replace never changes bytes that
 * a running render may be reading.
 */
import type { TemplateRef } from "../connect/model.ts";
import { checkTemplateDocx } from "../generation/check.ts";
import type { TemplateProblem } from "../generation/template-problems.ts";
import { ALL_LANGUAGES_FILE, type TemplateMeta } from "../templates/model.ts";
import { parseTemplateMeta, type MetaIssue } from "../templates/schema.ts";
import { sha256Hex } from "../sessions/session-id.ts";

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

  const id = typeof metaInput.id === "string" ? metaInput.id.toLowerCase() : "";
  const keys: Record<string, string> = {};
  for (const [language, bytes] of files) {
    const hash = (await sha256Hex(bytes)).slice(0, 16);
    const label = language === ALL_LANGUAGES_FILE ? "all" : language.toLowerCase();
    keys[language] = `templates/${dataSourceId}/${id}/${label}-${hash}.docx`;
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
  if (previous) await deleteUnreferenced(env, previous, parsed.meta);
  return { ok: true, created: previous === null, meta: parsed.meta };
}

export async function deleteTemplate(env: Env, dataSourceId: string, id: string): Promise<boolean> {
  const removed = await catalog(env, dataSourceId).remove(id);
  if (!removed) return false;
  await env.FILES.delete(Object.values(removed.files));
  return true;
}

async function deleteUnreferenced(env: Env, previous: TemplateMeta, next: TemplateMeta) {
  const kept = new Set(Object.values(next.files));
  const stale = Object.values(previous.files).filter((k) => !kept.has(k));
  if (stale.length > 0) await env.FILES.delete(stale);
}

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
