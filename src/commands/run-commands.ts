/**
 * Runs a Connect's commands after an execution (spec §5 step 4): `OnSuccess` after a
 * success or `OnError` after a failure, then `OnExit`; `OnCancel` then `OnExit` on cancel.
 * Commands run one after another in document order; a failing command is recorded and the
 * next one runs. A command aimed at the report gets the report as it stands when the
 * command starts: everything that ran before it, serialised as XML.
 */
import type { Command, Commands, HandlerGroup } from "../connect/model.ts";
import type { DataSource } from "../config/config.ts";
import type {
  CommandOutcome,
  CommandStatus,
  Dialog,
  FileEntry,
  ProducedFile,
} from "../execution/model.ts";
import { buildReport, fileEntryOf, type ReportBase } from "../reports/build-report.ts";
import { reportXmlBytes } from "../reports/report-xml.ts";
import { TargetResolver, type PdfConverter } from "./command-target.ts";
import { defaultFileName, downloadFile } from "./download.ts";
import { CONTENT_TYPES } from "./file-name.ts";
import { invokeUrl } from "./invoke-url.ts";
import type { PlaceholderValues } from "./placeholders.ts";
import { showDialog } from "./show-dialog.ts";

/** How the execution ended, which decides the handler groups that run. */
export type ExecutionKind = "success" | "error" | "cancel";

export const GROUPS_BY_KIND: Readonly<Record<ExecutionKind, readonly HandlerGroup[]>> = {
  success: ["OnSuccess", "OnExit"],
  error: ["OnError", "OnExit"],
  cancel: ["OnCancel", "OnExit"],
};

export interface RunContext {
  kind: ExecutionKind;
  values: PlaceholderValues;
  /** The generated `.docx`; null on the error and cancel paths. */
  document: Uint8Array | null;
  convertToPdf: PdfConverter | null;
  /** Default name of a downloaded document (`<template name>.docx`). */
  templateName: string | null;
  /** The report fields known before the commands run; snapshots and ids come from it. */
  report: ReportBase;
  dataSource: Pick<DataSource, "invokeUrlHosts" | "invokeUrlSecret">;
  development: boolean;
  fetcher: typeof fetch;
  /** Milliseconds since the epoch; durations and signature timestamps read it. */
  clock: () => number;
  /** Overrides INVOKE_URL_TIMEOUT_MS (tests). */
  invokeTimeoutMs?: number;
  /** Told about a command that threw, which is a bug; the command is recorded as failed. */
  onUnexpectedError?: (error: unknown, outcome: CommandOutcome) => void;
}

export interface RunResult {
  outcomes: CommandOutcome[];
  /** Files for the caller, in command order; see package.ts for the answer. */
  downloads: ProducedFile[];
  /** Every file a command delivered (downloaded or sent), in command order. */
  files: FileEntry[];
  dialogs: Dialog[];
  warnings: string[];
}

interface Step {
  status: CommandStatus;
  message: string;
  missing: string[];
}

export async function runCommands(commands: Commands, context: RunContext): Promise<RunResult> {
  const result: RunResult = { outcomes: [], downloads: [], files: [], dialogs: [], warnings: [] };
  const targets = new TargetResolver({
    document: context.document,
    convertToPdf: context.convertToPdf,
    reportSoFar: async () =>
      reportXmlBytes(
        await buildReport(context.report, {
          commands: result.outcomes,
          files: result.files,
          dialogs: result.dialogs,
          warnings: result.warnings,
        }),
      ),
  });

  for (const group of GROUPS_BY_KIND[context.kind]) {
    for (const [index, command] of commands[group].entries()) {
      const started = context.clock();
      const outcome: CommandOutcome = {
        group,
        type: command.type,
        position: index + 1,
        status: "Error",
        durationMs: 0,
        message: "",
      };

      let step: Step;
      try {
        step = await runOne(command, context, targets, result);
      } catch (error) {
        step = { status: "Error", message: "The command failed unexpectedly.", missing: [] };
        context.onUnexpectedError?.(error, outcome);
      }

      outcome.status = step.status;
      outcome.message = step.message;
      outcome.durationMs = Math.max(0, Math.round(context.clock() - started));
      result.outcomes.push(outcome);
      if (step.missing.length > 0) result.warnings.push(missingWarning(outcome, step.missing));
    }
  }
  return result;
}

async function runOne(
  command: Command,
  context: RunContext,
  targets: TargetResolver,
  result: RunResult,
): Promise<Step> {
  if (command.type === "ShowDialog") {
    // A dialog shows text; a Document or Report child adds nothing server-side.
    const { dialog, missing } = showDialog(command, context.values);
    result.dialogs.push(dialog);
    return { status: "Success", message: `Dialog "${dialog.title}" recorded.`, missing };
  }

  const resolved = await targets.resolve(command.target);
  if (!resolved.ok) return { status: "Error", message: resolved.message, missing: [] };
  const content = resolved.content;

  if (command.type === "DownloadFile") {
    // A failed execution answers 422 (spec §5), which carries no file: say so, don't pretend.
    if (context.kind === "error") {
      const message = "Not delivered: a failed execution is answered without files.";
      return { status: "Error", message, missing: [] };
    }
    const { file, missing } = downloadFile(command, content, context.values, context.templateName);
    result.downloads.push(file);
    result.files.push(await fileEntryOf(file));
    const message = `${file.name} is ready for download (${file.bytes.length} bytes).`;
    return { status: "Success", message, missing };
  }

  const file: ProducedFile = {
    name: defaultFileName(content.kind, context.templateName),
    contentType: CONTENT_TYPES[content.kind],
    bytes: content.bytes,
  };
  const sent = await invokeUrl(command, file, context.values, {
    allowedHosts: context.dataSource.invokeUrlHosts,
    secret: context.dataSource.invokeUrlSecret ?? null,
    development: context.development,
    fetcher: context.fetcher,
    sessionId: context.report.sessionId,
    executionId: context.report.executionId,
    now: () => new Date(context.clock()),
    timeoutMs: context.invokeTimeoutMs,
  });
  result.warnings.push(...sent.warnings);
  if (sent.status === "Success") result.files.push(await fileEntryOf(file));
  return { status: sent.status, message: sent.message, missing: sent.missing };
}

/** `OnSuccess DownloadFile #1: no value for Data.InvoiceNumber; it filled nothing.` */
function missingWarning(outcome: CommandOutcome, missing: readonly string[]): string {
  const names = [...new Set(missing)].join(", ");
  const where = `${outcome.group} ${outcome.type} #${outcome.position}`;
  return `${where}: no value for ${names}; it filled nothing.`;
}
