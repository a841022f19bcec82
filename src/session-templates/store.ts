/**
 * Session-template definitions per data source (spec §8), kept in the data source's
 * catalog Durable Object as the checked XML they were uploaded as. A definition is parsed
 * again when it starts, so a rule added later also applies to what was stored earlier.
 */
import type { PayloadIssue } from "../connect/model.ts";
import { ALL_FEATURES, type ReaderFeatures } from "../connect/xml-walk.ts";
import { NAME_PATTERN, nameKey, type SessionTemplateDefinition } from "./model.ts";
import { parseDefinition } from "./parse-definition.ts";

export interface StoredSummary {
  name: string;
  updatedAt: string;
}

export type PutOutcome =
  | { ok: true; created: boolean; definition: SessionTemplateDefinition }
  | { ok: false; kind: "malformed" | "invalid"; issues: PayloadIssue[] };

function catalog(env: Env, dataSourceId: string) {
  return env.CATALOGS.get(env.CATALOGS.idFromName(dataSourceId));
}

/**
 * Checks and stores a definition under `name`, which must equal its Name attribute; its
 * commands are checked against `features`, the data source's (parse-definition.ts).
 */
export async function putDefinition(
  env: Env,
  dataSourceId: string,
  name: string,
  source: string,
  features: ReaderFeatures = ALL_FEATURES,
): Promise<PutOutcome> {
  const parsed = parseDefinition(source, features);
  if (!parsed.ok) return parsed;
  if (nameKey(parsed.definition.name) !== nameKey(name)) {
    const message = `The definition is named "${parsed.definition.name}" but is uploaded as "${name}".`;
    const issue = { path: "/primedocsConnectSessionTemplate", line: null, column: null };
    return { ok: false, kind: "invalid", issues: [{ ...issue, code: "invalid-value", message }] };
  }
  const stub = catalog(env, dataSourceId);
  const replaced = await stub.putSessionTemplate(nameKey(name), parsed.definition.name, source);
  return { ok: true, created: !replaced, definition: parsed.definition };
}

/** The stored XML of a definition, or null. */
export async function getDefinitionSource(
  env: Env,
  dataSourceId: string,
  name: string,
): Promise<string | null> {
  if (!NAME_PATTERN.test(name)) return null;
  const row = await catalog(env, dataSourceId).getSessionTemplate(nameKey(name));
  return row?.source ?? null;
}

/** The parsed definition, or null when none is stored (or it no longer passes the rules). */
export async function loadDefinition(
  env: Env,
  dataSourceId: string,
  name: string,
): Promise<SessionTemplateDefinition | null> {
  const source = await getDefinitionSource(env, dataSourceId, name);
  if (source === null) return null;
  const parsed = parseDefinition(source);
  return parsed.ok ? parsed.definition : null;
}

export async function listDefinitions(env: Env, dataSourceId: string): Promise<StoredSummary[]> {
  const rows = await catalog(env, dataSourceId).listSessionTemplates();
  return rows.map((r) => ({ name: r.name, updatedAt: new Date(r.updated_at).toISOString() }));
}

export function deleteDefinition(env: Env, dataSourceId: string, name: string): Promise<boolean> {
  return catalog(env, dataSourceId).removeSessionTemplate(nameKey(name));
}
