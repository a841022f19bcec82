/** Helpers for the Connect parser tests: unwrap a ParseResult or fail with its issues. */
import { expect } from "vitest";

import type { Connect, ParseResult, PayloadIssue } from "../../src/connect/model.ts";

export function connectOf(result: ParseResult): Connect {
  if (!result.ok)
    throw new Error(`expected a Connect, got ${JSON.stringify(result.issues, null, 2)}`);
  return result.connect;
}

export function issuesOf(result: ParseResult, kind: "malformed" | "invalid"): PayloadIssue[] {
  if (result.ok) throw new Error("expected the payload to be rejected");
  expect(result.kind).toBe(kind);
  return result.issues;
}

/** The single malformed-input issue of a rejected payload. */
export function malformedIssue(result: ParseResult): PayloadIssue {
  const issues = issuesOf(result, "malformed");
  expect(issues).toHaveLength(1);
  const [issue] = issues;
  if (issue === undefined) throw new Error("no issue");
  return issue;
}

/** Issues reduced to what most tests compare: code and path. */
export function codesAndPaths(issues: PayloadIssue[]): { code: string; path: string }[] {
  return issues.map(({ code, path }) => ({ code, path }));
}

/** Wraps the inside of a `<primedocsConnect>` root. */
export function connectXml(inner: string): string {
  return `<primedocsConnect>${inner}</primedocsConnect>`;
}

/** The public sample payload (spec §2), byte for byte: no declaration, newlines between. */
export { SAMPLE_XML } from "../../demo/sample-payload.ts";
