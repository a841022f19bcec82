/**
 * Why an execution could not produce a document, as values: template resolution, language,
 * file and template errors (spec §5 steps 1–3). Each carries the human message that goes
 * into the report and the 422 answer, and what the caller could choose instead.
 */
import type { TemplateProblem } from "../generation/template-problems.ts";
import type { TemplateCandidate } from "../templates/model.ts";
import type { CommandOutcome } from "./model.ts";

export type ExecutionFailure =
  | { reason: "unknown-template"; message: string }
  | {
      reason: "no-match" | "ambiguous" | "template-not-offered";
      message: string;
      candidates: TemplateCandidate[];
    }
  | { reason: "unsupported-language"; message: string; available: string[] }
  | { reason: "missing-file"; message: string }
  | { reason: "invalid-template"; message: string; problems: TemplateProblem[] }
  | { reason: "command-failed"; message: string; failedCommands: CommandOutcome[] };

export function describeCandidates(candidates: TemplateCandidate[]): string {
  return candidates.map((c) => `'${c.name.en}' (${c.id})`).join(", ");
}

/** Extension members (RFC 9457 §3.2) that let a caller act on a failure. */
export function failureExtensions(failure: ExecutionFailure): Record<string, unknown> {
  switch (failure.reason) {
    case "no-match":
    case "ambiguous":
    case "template-not-offered":
      return { candidates: failure.candidates };
    case "unsupported-language":
      return { availableLanguages: failure.available };
    case "invalid-template":
      return { templateProblems: failure.problems };
    case "command-failed":
      return { failedCommands: failure.failedCommands };
    default:
      return {};
  }
}
