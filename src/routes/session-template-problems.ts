/**
 * Problem answers (RFC 9457) for a failed session-template start. An initializer failure
 * has its own statuses (docs/session-templates.md): 422 when the definition or its data
 * cannot produce values, 502 when a source failed, 504 when it timed out; the body names
 * the initializer (position and kind) and the cause, never a source's own answer.
 */
import { problem, problemResponse, type ProblemReason } from "../http/problem.ts";
import type { FailureKind } from "../initializers/outcome.ts";
import type { StartResult } from "../session-templates/start.ts";

/** One problem reason per kind of failure; problem.ts gives each its status and title. */
const FAILURE_REASON: Readonly<Record<FailureKind, ProblemReason>> = {
  invalid: "initializer-failed",
  upstream: "initializer-source-failed",
  timeout: "initializer-timeout",
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
          "The definition needs a feature this data source lacks or a target it does not allow.",
          result.issues,
        ),
      );
    case "initializer-failed": {
      const failed = result.failed;
      const detail = `${failed.element} #${failed.position} failed: ${failed.message}`;
      return problemResponse(
        problem(FAILURE_REASON[result.failure], detail, undefined, {
          initializer: { position: failed.position, kind: failed.kind, element: failed.element },
          initializers: result.initializers,
          commands: result.commands,
        }),
      );
    }
  }
}
