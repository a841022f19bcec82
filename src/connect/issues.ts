/**
 * Issue codes for Connect payloads and the collector that gathers them. Codes are stable,
 * kebab-case and public (they reach integrators in problem bodies); docs/connect-payload.md
 * lists every one of them.
 */
import { MAX_REPORTED_ISSUES } from "./limits.ts";
import type { PayloadIssue } from "./model.ts";

/** Codes for input that cannot be read at all; the answer has kind `malformed`. */
export const MALFORMED_CODES = [
  "invalid-encoding",
  "syntax-error",
  "invalid-character",
  "invalid-name",
  "invalid-reference",
  "invalid-comment",
  "invalid-xml-declaration",
  "unsupported-encoding",
  "doctype-not-allowed",
  "processing-instruction-not-allowed",
  "missing-root",
  "text-before-root",
  "multiple-roots",
  "content-after-root",
  "unclosed-element",
  "mismatched-close-tag",
  "unquoted-attribute",
  "duplicate-attribute",
  "lt-in-attribute-value",
  "too-deep",
  "too-many-elements",
  "too-many-attributes",
  "too-many-entries",
  "string-too-long",
  "name-too-long",
] as const;
export type MalformedCode = (typeof MALFORMED_CODES)[number];

/** Codes for readable input that breaks a Connect rule; the answer has kind `invalid`. */
export const INVALID_CODES = [
  "unknown-root",
  "unknown-element",
  "unknown-attribute",
  "unknown-property",
  "unsupported-element",
  "unsupported-attribute",
  "unsupported-command",
  "unexpected-text",
  "duplicate-element",
  "missing-attribute",
  "missing-property",
  "invalid-type",
  "invalid-value",
  "invalid-guid",
  "invalid-culture",
  "invalid-boolean",
  "invalid-tag",
  "empty-tag-filter",
  "missing-template-selection",
  "conflicting-template-selection",
  "invalid-key",
  "duplicate-key",
  "missing-target",
  "multiple-targets",
  "document-target-not-allowed",
  "invalid-conversion",
  "conversion-unavailable",
  "invalid-method",
  "invalid-url",
  "url-not-allowed",
  "invalid-header-name",
  "invalid-header-value",
  "invalid-field-binding",
  "too-many-commands",
  "too-many-issues",
] as const;
export type InvalidCode = (typeof INVALID_CODES)[number];

export function isInvalidCode(value: unknown): value is InvalidCode {
  return (INVALID_CODES as readonly unknown[]).includes(value);
}

export type IssueCode = MalformedCode | InvalidCode;

/**
 * Collects issues in the order they are found, up to MAX_REPORTED_ISSUES. Past the cap it
 * records one `too-many-issues` entry, so a hostile payload cannot make a huge answer.
 */
export class IssueList {
  readonly items: PayloadIssue[] = [];
  #dropped = 0;

  add(
    code: InvalidCode,
    path: string,
    line: number | null,
    column: number | null,
    message: string,
  ): void {
    if (this.isFull) {
      this.#dropped += 1;
      return;
    }
    this.items.push({ path, line, column, code, message });
  }

  /** True once MAX_REPORTED_ISSUES are listed; callers may then skip building an issue. */
  get isFull(): boolean {
    return this.items.length >= MAX_REPORTED_ISSUES;
  }

  /** Counts an issue that was found but not built because the list is full. */
  drop(): void {
    this.#dropped += 1;
  }

  /**
   * The collected issues in document order, closed by a `too-many-issues` entry when some
   * were cut. Rules check an element after its children at times, so the order found is not
   * always the order in the text; issues without a position (JSON) keep the order found.
   */
  finish(): PayloadIssue[] {
    this.items.sort(byPosition);
    if (this.#dropped === 0) return this.items;
    const message = `${this.#dropped} more problems were found but not listed; fix the ones above and send the payload again.`;
    return [
      ...this.items,
      { path: "", line: null, column: null, code: "too-many-issues", message },
    ];
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }
}

/**
 * How many problems `issues` (a finished list) stands for, in words for a problem's detail:
 * its length, or "more than" the cap when a `too-many-issues` entry says some were cut.
 */
export function problemCount(issues: readonly PayloadIssue[]): string {
  if (issues.at(-1)?.code === "too-many-issues") {
    return `more than ${MAX_REPORTED_ISSUES} problems`;
  }
  return `${issues.length} problem(s)`;
}

function byPosition(a: PayloadIssue, b: PayloadIssue): number {
  const line = (a.line ?? Infinity) - (b.line ?? Infinity);
  if (line !== 0 && !Number.isNaN(line)) return line;
  const column = (a.column ?? Infinity) - (b.column ?? Infinity);
  return Number.isNaN(column) ? 0 : column;
}
