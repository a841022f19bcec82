/**
 * The execution report as JSON (spec §6, `Accept: application/json`): the XML report's
 * fields in camelCase, in the same order, absent XML elements as `null`. Pure.
 */
import type { ExecutionReport } from "../execution/model.ts";

export const REPORT_JSON_CONTENT_TYPE = "application/json";

/**
 * The report as a plain JSON value. Fields are copied one by one, so anything a caller
 * added to the object in memory never reaches a response.
 */
export function reportToJson(report: ExecutionReport): ExecutionReport {
  return {
    status: report.status,
    createdOnUtc: report.createdOnUtc,
    message: report.message,
    sessionId: report.sessionId,
    executionId: report.executionId,
    template:
      report.template === null ? null : { id: report.template.id, name: report.template.name },
    language: report.language,
    ranBy: {
      clientId: report.ranBy.clientId,
      subject: report.ranBy.subject,
      displayName: report.ranBy.displayName,
    },
    commands: report.commands.map((c) => ({
      group: c.group,
      type: c.type,
      position: c.position,
      status: c.status,
      durationMs: c.durationMs,
      message: c.message,
    })),
    files: report.files.map((f) => ({
      name: f.name,
      contentType: f.contentType,
      size: f.size,
      sha256: f.sha256,
    })),
    dialogs: report.dialogs.map((d) => ({ title: d.title, message: d.message })),
    warnings: [...report.warnings],
  };
}

/**
 * The JSON text. JSON carries every character XML cannot (escaped as `\u0000`…), and
 * `JSON.stringify` escapes unpaired surrogates (ES2019), so nothing is dropped here.
 */
export function reportJsonText(report: ExecutionReport): string {
  return JSON.stringify(reportToJson(report), null, 2);
}
