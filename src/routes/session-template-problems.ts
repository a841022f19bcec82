/**
 * Problem answers (RFC 9457) for a failed session-template start. An initializer failure
 * has its own statuses (docs/session-templates.md): 422 when the definition or its data
 * cannot produce values, 502 when a source failed, 504 when it timed out; the body names
 * the initializer (position and kind) and the cause, never a source's own answer.
 */
import { problem, problemResponse } from "../http/problem.ts";
import type { FailureKind } from "../initializers/outcome.ts";
import type { StartResult } from "../session-templates/start.ts";

const FAILURE_STATUS: Readonly<Record<FailureKind, number>> = {
  invalid: 422,
  upstream: 502,
  timeout: 504,
};
const FAILURE_TITLE: Readonly<Record<FailureKind, string>> = {
  invalid: "An initializer could not produce values",
  upstream: "An initializer's source failed",
  timeout: "An initializer's source did not answer in time",
};

export function startProblem(result: Extract<StartResult, { ok: false }>): Response {
  switch (result.reason) {
    case "not-found":
      return problemResponse(problem("not-found", "No session template with this name here."));
    case "invalid-parameters":
      return problemResponse(
        problem("invalid-request", `Some parameters are not valid: ${result.problems.join(" ")}`),
      );
    case "unsupported-feature":
      return problemResponse(
        problem(
          "unsupported-feature",
          "The definition needs a feature this data source lacks.",
          result.issues,
        ),
      );
    case "initializer-failed": {
      const failed = result.failed;
      const status = FAILURE_STATUS[result.failure];
      const body = {
        type: "urn:connect-session:problem:initializer-failed",
        title: FAILURE_TITLE[result.failure],
        status,
        detail: `${failed.element} #${failed.position} failed: ${failed.message}`,
        initializer: { position: failed.position, kind: failed.kind, element: failed.element },
        initializers: result.initializers,
        commands: result.commands,
      };
      return new Response(JSON.stringify(body), {
        status,
        headers: { "content-type": "application/problem+json" },
      });
    }
  }
}
