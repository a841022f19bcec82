/**
 * One execution of a session (spec §5): resolve the template and language, generate the
 * document, run the commands, and assemble the report and the answer. Storage, catalog
 * and network arrive as ports, so this reads as the spec's steps and tests can swap them.
 */
import type { DataSource } from "../config/config.ts";
import type { Values } from "../connect/model.ts";
import type { PdfConverter } from "../commands/command-target.ts";
import { defaultFileName } from "../commands/download.ts";
import { CONTENT_TYPES } from "../commands/file-name.ts";
import { packageDownloads } from "../commands/package.ts";
import { runCommands, type ExecutionKind } from "../commands/run-commands.ts";
import { renderDocx } from "../generation/render.ts";
import { buildReport, fileEntryOf, type ReportBase } from "../reports/build-report.ts";
import type { SessionView } from "../sessions/session-model.ts";
import type { TemplateMeta } from "../templates/model.ts";
import { formFieldWarnings } from "../templates/field-warnings.ts";
import { resolveLanguage, resolveTemplate } from "../templates/resolve.ts";
import { describeCandidates, type ExecutionFailure } from "./failure.ts";
import type { Actor, ExecutionReport, ProducedFile } from "./model.ts";

export interface ExecutionPorts {
  /** The templates the session's reference selects, from the data source's catalog. */
  matchTemplates: (session: SessionView) => Promise<TemplateMeta[]>;
  readTemplateFile: (key: string) => Promise<Uint8Array | null>;
  convertToPdf: PdfConverter | null;
  fetcher: typeof fetch;
  clock: () => number;
  onUnexpectedError: (error: unknown) => void;
}

/** What the web app may send with Execute: the person's choices and edited form values. */
export interface ExecutionChoice {
  templateId: string | null;
  language: string | null;
  forms: Values | null;
}

export interface ExecutionRequest {
  kind: "execute" | "cancel";
  session: SessionView;
  executionId: string;
  actor: Actor;
  choice: ExecutionChoice;
  /**
   * A person generating in the web app expects the document itself: when no DownloadFile
   * ran, the generated document becomes the download. Server-side callers keep spec §5's
   * scenario B (204 when commands handled everything).
   */
  deliverDocument: boolean;
  dataSource: DataSource;
  development: boolean;
}

export type ExecutionAnswer =
  | { kind: "file"; file: ProducedFile }
  | { kind: "none" }
  | { kind: "failed"; failure: ExecutionFailure };

export interface ExecutionResult {
  report: ExecutionReport;
  answer: ExecutionAnswer;
}

interface Generated {
  template: TemplateMeta;
  language: string;
  document: Uint8Array;
  warnings: string[];
}

/** Why steps 1–3 failed; a failure after step 1 keeps the template it resolved. */
interface NotGenerated {
  failure: ExecutionFailure;
  template: TemplateMeta | null;
}

export async function execute(
  req: ExecutionRequest,
  ports: ExecutionPorts,
): Promise<ExecutionResult> {
  const createdOn = ports.clock();
  const values = {
    forms: req.choice.forms
      ? { ...req.session.connect.forms, ...req.choice.forms }
      : req.session.connect.forms,
    data: req.session.connect.data,
  };

  const generated = req.kind === "cancel" ? null : await generate(req, values, ports);
  const failure = generated !== null && "failure" in generated ? generated.failure : null;
  const document = generated !== null && !("failure" in generated) ? generated : null;
  // The report names the template once step 1 resolved it, even when a later step failed
  // (spec §6); the language only once a document was generated in it.
  const template = generated?.template ?? null;
  const kind: ExecutionKind = req.kind === "cancel" ? "cancel" : failure ? "error" : "success";

  const base: ReportBase = {
    executionId: req.executionId,
    sessionId: req.session.sessionId,
    status: kind === "cancel" ? "Cancelled" : kind === "error" ? "Error" : "Success",
    createdOnUtc: new Date(createdOn).toISOString(),
    message: reportMessage(kind, failure, document),
    template: template ? { id: template.id, name: template.name.en } : null,
    language: document?.language ?? null,
    ranBy: req.actor,
    warnings: document?.warnings ?? [],
  };

  const run = await runCommands(req.session.connect.commands, {
    kind,
    values,
    document: document?.document ?? null,
    convertToPdf: ports.convertToPdf,
    templateName: document?.template.name.en ?? null,
    report: base,
    dataSource: req.dataSource,
    development: req.development,
    fetcher: ports.fetcher,
    clock: ports.clock,
    onUnexpectedError: ports.onUnexpectedError,
  });

  if (req.deliverDocument && document && run.downloads.length === 0) {
    const name = defaultFileName("docx", document.template.name.en);
    const file = { name, contentType: CONTENT_TYPES.docx, bytes: document.document };
    run.downloads.push(file);
    run.files.push(await fileEntryOf(file));
  }

  const report = await buildReport(base, {
    commands: run.outcomes,
    files: run.files,
    dialogs: run.dialogs,
    warnings: run.warnings,
  });

  if (failure) return { report, answer: { kind: "failed", failure } };

  // A failed command makes the execution an Error. With a download the file still goes out
  // (the report tells what failed); without one, the caller must hear of it: 422, not 204.
  const failedCommands =
    kind === "success" ? report.commands.filter((o) => o.status === "Error") : [];
  if (failedCommands.length > 0) {
    report.status = "Error";
    report.message = `${report.message} ${failedCommands.length} command(s) failed.`;
  }
  const file = packageDownloads(run.downloads, { modified: new Date(createdOn) });
  if (file) return { report, answer: { kind: "file", file } };
  if (failedCommands.length > 0) {
    const what = failedCommands.map((o) => `${o.group} ${o.type} #${o.position}: ${o.message}`);
    const message = `The document was generated, but ${what.join("; ")}`;
    return {
      report,
      answer: { kind: "failed", failure: { reason: "command-failed", message, failedCommands } },
    };
  }
  return { report, answer: { kind: "none" } };
}

/** Steps 1–3: template, language, document. */
async function generate(
  req: ExecutionRequest,
  values: { forms: Values; data: Values },
  ports: ExecutionPorts,
): Promise<Generated | NotGenerated> {
  const matches = await ports.matchTemplates(req.session);
  const template = pickTemplate(req, matches);
  if ("reason" in template) return { failure: template, template: null };

  const requested = req.choice.language ?? req.session.connect.documentLanguage;
  const language = resolveLanguage(template, requested, req.dataSource.defaultLanguage);
  if (!language.ok) {
    const has = language.available.join(", ");
    const failure: ExecutionFailure =
      language.reason === "unsupported-language"
        ? {
            reason: "unsupported-language",
            message: `Template '${template.name.en}' has no language '${requested ?? ""}'; it has ${has}.`,
            available: language.available,
          }
        : {
            reason: "missing-file",
            message: `Template '${template.name.en}' has no file for ${has}.`,
          };
    return { failure, template };
  }

  const bytes = await ports.readTemplateFile(language.fileKey);
  if (!bytes) {
    const message = `The file of template '${template.name.en}' is missing.`;
    return { failure: { reason: "missing-file", message }, template };
  }

  const rendered = renderDocx(bytes, values, { cacheKey: language.fileKey });
  if (!rendered.ok) {
    const first = rendered.problems[0]?.message ?? "";
    const failure: ExecutionFailure = {
      reason: "invalid-template",
      message: `Template '${template.name.en}' cannot be filled: ${first}`,
      problems: rendered.problems,
    };
    return { failure, template };
  }
  return {
    template,
    language: language.language,
    document: rendered.bytes,
    warnings: [...formFieldWarnings(template.formFields, values.forms), ...rendered.warnings],
  };
}

/** The person's choice must be one the session offers; without one, exactly one must match. */
function pickTemplate(
  req: ExecutionRequest,
  matches: TemplateMeta[],
): TemplateMeta | ExecutionFailure {
  const candidates = matches.map((t) => ({ id: t.id, name: t.name }));
  const chosen = req.choice.templateId?.toLowerCase();
  if (chosen) {
    const found = matches.find((t) => t.id === chosen);
    if (found) return found;
    return {
      reason: "template-not-offered",
      message: `Template ${chosen} is not among this session's templates: ${describeCandidates(candidates) || "none"}.`,
      candidates,
    };
  }

  const ref = req.session.connect.template;
  const resolved = resolveTemplate(matches, ref);
  if (resolved.ok) return resolved.template;
  if (resolved.reason === "unknown-template") {
    const id = ref?.kind === "id" ? ref.id : "";
    return {
      reason: "unknown-template",
      message: `Template ${id} does not exist in this data source.`,
    };
  }
  if (ref?.kind !== "tags") {
    // No template named: the web app shows a picker; a server-side Execute needs exactly one.
    const message =
      candidates.length === 0
        ? "The session names no template and the data source has none."
        : `The session names no template and ${candidates.length} are available; name one of ${describeCandidates(candidates)}.`;
    return { reason: candidates.length === 0 ? "no-match" : "ambiguous", message, candidates };
  }
  const what = `the tag filter ${ref.anyOf.map((g) => g.join(";")).join(" | ")}`;
  return resolved.reason === "no-match"
    ? { reason: "no-match", message: `No template matches ${what}.`, candidates: [] }
    : {
        reason: "ambiguous",
        message: `${candidates.length} templates match ${what}; name one of ${describeCandidates(candidates)}.`,
        candidates,
      };
}

function reportMessage(
  kind: ExecutionKind,
  failure: ExecutionFailure | null,
  doc: Generated | null,
): string {
  if (kind === "cancel") return "The session was cancelled.";
  if (failure) return `The document could not be generated. ${failure.message}`;
  return `The document was generated from template '${doc?.template.name.en ?? ""}' in ${doc?.language ?? ""}.`;
}
