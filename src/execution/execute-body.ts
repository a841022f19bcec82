/**
 * The optional JSON body of Execute (docs/api.md): the template and language a person picked
 * and their edited form values. Pure: the parsed JSON value in, a choice or issues out, with
 * the Connect payload's bounds, key rules and issue codes, phrased for this body.
 */
import { executeRequestSchema } from "../api/schemas.ts";
import { IssueList } from "../connect/issues.ts";
import { inspectJson } from "../connect/json-bounds.ts";
import { valuesFromJson } from "../connect/json-convert.ts";
import { collectZodIssues, type JsonWording } from "../connect/json-issues.ts";
import type { PayloadIssue } from "../connect/model.ts";
import type { ExecutionChoice } from "./execute.ts";

export type ExecuteBodyResult =
  | { ok: true; choice: ExecutionChoice }
  | { ok: false; kind: "malformed" | "invalid"; issues: PayloadIssue[] };

/** An Execute body has no desktop features to refuse by name: every stranger is unknown. */
const EXECUTE_WORDING: JsonWording = {
  whole: "The Execute body",
  unsupported: {},
  unknownProperty: (at) =>
    `${at} is not a known property; an Execute body takes templateId, language and forms.`,
};

/** Checks the value `JSON.parse` returned for an Execute body. */
export function parseExecuteBody(value: unknown): ExecuteBodyResult {
  // Bounds before the schema: its recursive value schema would overflow the stack on
  // deeply nested values (STYLE §7).
  const inspection = inspectJson(value);
  if (inspection.limit !== null) {
    return { ok: false, kind: "malformed", issues: [inspection.limit] };
  }

  const issues = new IssueList();
  for (const pointer of inspection.reservedKeys) {
    issues.add("invalid-key", pointer, null, null, "__proto__ is reserved and cannot be a key.");
  }
  const parsed = executeRequestSchema.safeParse(value);
  if (!parsed.success) collectZodIssues(parsed.error.issues, value, issues, EXECUTE_WORDING);
  if (!parsed.success || !issues.isEmpty) {
    if (issues.isEmpty) {
      issues.add("invalid-value", "", null, null, "The Execute body does not match its schema.");
    }
    return { ok: false, kind: "invalid", issues: issues.finish() };
  }

  const { templateId, language, forms } = parsed.data;
  return {
    ok: true,
    choice: {
      templateId: templateId ?? null,
      language: language ?? null,
      forms: forms ? valuesFromJson(forms) : null,
    },
  };
}
