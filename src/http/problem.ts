/**
 * Problem responses (RFC 9457). Domain code returns failures as values with a reason;
 * this module is the one place that turns a reason into status, title and public text.
 */
import type { PayloadIssue } from "../connect/model.ts";

export type ProblemReason =
  | "malformed-payload"
  | "invalid-payload"
  | "invalid-template"
  | "payload-too-large"
  | "unsupported-media-type"
  | "unknown-data-source"
  | "session-not-found"
  | "session-cancelled"
  | "not-found"
  | "method-not-allowed"
  | "idempotency-conflict"
  | "invalid-request"
  | "unauthorized"
  | "forbidden"
  | "unsupported-feature"
  | "execution-failed"
  | "initializer-failed"
  | "initializer-source-failed"
  | "initializer-timeout"
  | "internal";

const REASONS: Record<ProblemReason, { status: number; title: string }> = {
  "malformed-payload": { status: 400, title: "The payload is not well-formed" },
  "invalid-payload": { status: 400, title: "The payload breaks the Connect rules" },
  "invalid-template": { status: 400, title: "The template upload is not valid" },
  "payload-too-large": { status: 413, title: "The payload is too large" },
  "unsupported-media-type": { status: 415, title: "Unsupported media type" },
  "unknown-data-source": { status: 404, title: "Unknown data source" },
  "session-not-found": { status: 404, title: "Session not found" },
  "session-cancelled": { status: 409, title: "The session was cancelled" },
  "not-found": { status: 404, title: "Not found" },
  "method-not-allowed": { status: 405, title: "Method not allowed" },
  "idempotency-conflict": { status: 409, title: "Idempotency key reused with another request" },
  "invalid-request": { status: 400, title: "Invalid request" },
  unauthorized: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Forbidden" },
  "unsupported-feature": { status: 422, title: "Unsupported feature" },
  "execution-failed": { status: 422, title: "The execution failed" },
  "initializer-failed": { status: 422, title: "An initializer could not produce values" },
  "initializer-source-failed": { status: 502, title: "An initializer's source failed" },
  "initializer-timeout": { status: 504, title: "An initializer's source did not answer in time" },
  internal: { status: 500, title: "Internal error" },
};

export interface Problem {
  reason: ProblemReason;
  detail: string;
  errors?: PayloadIssue[];
  /** Extension members (RFC 9457 §3.2), such as the templates a caller could pick. */
  extensions?: Record<string, unknown>;
}

export function problem(
  reason: ProblemReason,
  detail: string,
  errors?: PayloadIssue[],
  extensions?: Record<string, unknown>,
): Problem {
  return { reason, detail, ...(errors ? { errors } : {}), ...(extensions ? { extensions } : {}) };
}

export function statusOf(reason: ProblemReason): number {
  return REASONS[reason].status;
}

/** The JSON members of a problem; `type` is a stable URN per reason. */
export function problemBody(p: Problem): Record<string, unknown> {
  const { status, title } = REASONS[p.reason];
  return {
    ...p.extensions,
    type: `urn:connect-session:problem:${p.reason}`,
    title,
    status,
    detail: p.detail,
    ...(p.errors ? { errors: p.errors } : {}),
  };
}

/** Renders a problem as `application/problem+json`. */
export function problemResponse(p: Problem, headers?: HeadersInit): Response {
  const status = REASONS[p.reason].status;
  const body = problemBody(p);
  const h = new Headers(headers);
  h.set("content-type", "application/problem+json");
  return new Response(JSON.stringify(body), { status, headers: h });
}
