/**
 * Connect payload, JSON form → Connect model (spec §2, [ours]). Bounds first, then the one
 * schema in `json-schema.ts`; every problem is listed, with JSON-pointer paths.
 */
import { IssueList } from "./issues.ts";
import { inspectJson } from "./json-bounds.ts";
import { connectFromJson } from "./json-convert.ts";
import { collectZodIssues } from "./json-issues.ts";
import { connectPayloadSchema } from "./json-schema.ts";
import type { ParseResult } from "./model.ts";

/** Parses a Connect payload that arrived as JSON (the value `JSON.parse` returned). */
export function parseConnectJson(value: unknown): ParseResult {
  const inspection = inspectJson(value);
  if (inspection.limit !== null)
    return { ok: false, kind: "malformed", issues: [inspection.limit] };

  const issues = new IssueList();
  for (const pointer of inspection.reservedKeys) {
    issues.add("invalid-key", pointer, null, null, "__proto__ is reserved and cannot be a key.");
  }
  const parsed = connectPayloadSchema.safeParse(value);
  if (!parsed.success) {
    collectZodIssues(parsed.error.issues, value, issues);
    if (issues.isEmpty)
      issues.add("invalid-value", "", null, null, "The payload does not match the Connect schema.");
  }
  if (!parsed.success || !issues.isEmpty)
    return { ok: false, kind: "invalid", issues: issues.finish() };
  return { ok: true, connect: connectFromJson(parsed.data) };
}
