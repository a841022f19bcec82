/**
 * Runs one Execute or Cancel for any caller (the API or the web app): registers it with the
 * session (idempotency), executes, writes the report and the answer body to R2, records the
 * answer with the session, and hands back what to send. The report is stored before anyone
 * can see the answer (spec §5).
 */
import { matchTemplates, readTemplateFile } from "../catalog/catalog-service.ts";
import { contentDisposition } from "../commands/content-disposition.ts";
import type { DataSource } from "../config/config.ts";
import { runtimeOf } from "../config/runtime.ts";
import { problem, problemBody, statusOf } from "../http/problem.ts";
import type { Principal } from "../identity/principal.ts";
import type { ExecutionAnswer as StoredAnswer, SessionAccess } from "../sessions/session-model.ts";
import { sessionStub } from "../sessions/session-service.ts";
import { execute, type ExecutionAnswer, type ExecutionChoice } from "./execute.ts";
import { failureExtensions } from "./failure.ts";
import type { Actor, ExecutionReport } from "./model.ts";
import { pdfConverterFor } from "./pdf-converter.ts";
import { readAnswerBody, storeAnswerBody, storeReport } from "./store.ts";

export const EXECUTION_ID_HEADER = "x-execution-id";

export interface RunRequest {
  sessionId: string;
  access: SessionAccess;
  kind: "execute" | "cancel";
  idempotency: { key: string; requestHash: string } | null;
  choice: ExecutionChoice;
  actor: Actor;
  dataSource: DataSource;
  /** Web app: hand over the generated document when no DownloadFile ran (execute.ts). */
  deliverDocument?: boolean;
}

export type RunOutcome =
  | { kind: "not-found" }
  | { kind: "idempotency-conflict" | "in-progress" | "cancelled"; expiresAt: number }
  | {
      kind: "answered";
      executionId: string;
      replayed: boolean;
      answer: StoredAnswer;
      body: Uint8Array<ArrayBuffer> | null;
      expiresAt: number;
    };

export function actorOf(principal: Principal): Actor {
  return {
    clientId: principal.clientId,
    subject: principal.subject,
    displayName: principal.displayName,
  };
}

export async function runExecution(env: Env, req: RunRequest): Promise<RunOutcome> {
  const session = sessionStub(env, req.sessionId);
  const begun = await session.beginExecution(req.access, {
    kind: req.kind,
    idempotencyKey: req.idempotency?.key ?? null,
    requestHash: req.idempotency?.requestHash ?? null,
  });
  if (!begun.ok) {
    if (begun.reason === "not-found") return { kind: "not-found" };
    if (begun.reason !== "replay") return { kind: begun.reason, expiresAt: begun.expiresAt };
    const stored = begun.answer.bodyKey
      ? await readAnswerBody(env.FILES, begun.answer.bodyKey)
      : null;
    return {
      kind: "answered",
      executionId: begun.executionId,
      replayed: true,
      answer: begun.answer,
      body: stored ? new Uint8Array(stored) : null,
      expiresAt: begun.expiresAt,
    };
  }

  const dataSource = req.dataSource;
  // Workers' fetch throws "Illegal invocation" when called as a method of another object,
  // which is how the command runner holds it: hand it on bound to nothing.
  const outbound: typeof fetch = (input, init) => fetch(input, init);
  const result = await execute(
    {
      kind: req.kind,
      session: begun.session,
      executionId: begun.executionId,
      actor: req.actor,
      choice: req.choice,
      deliverDocument: req.deliverDocument ?? false,
      dataSource,
      development: runtimeOf(env).development,
    },
    {
      matchTemplates: (s) => matchTemplates(env, dataSource.id, s.connect.template),
      readTemplateFile: (fileKey) => readTemplateFile(env, fileKey),
      convertToPdf: pdfConverterFor(dataSource, outbound),
      fetcher: outbound,
      clock: Date.now,
      onUnexpectedError: (error) => {
        const sessionId = req.sessionId;
        console.error(
          JSON.stringify({ event: "command-crashed", sessionId, error: String(error) }),
        );
      },
    },
  );

  const reportKey = await storeReport(env.FILES, result.report);
  const { answer, body } = answerOf(result.report, result.answer);
  if (body)
    answer.bodyKey = await storeAnswerBody(env.FILES, req.sessionId, begun.executionId, body);
  const kept = await session.finishExecution(begun.executionId, answer);
  // The session ended while this ran (spec §3 DELETE, §9): what it wrote must go with it.
  if (!kept) await env.FILES.delete(answer.bodyKey ? [reportKey, answer.bodyKey] : [reportKey]);
  return {
    kind: "answered",
    executionId: begun.executionId,
    replayed: false,
    answer,
    body,
    expiresAt: begun.session.expiresAt,
  };
}

/** The HTTP shape of an outcome: status, headers and body (spec §5 step 5). */
function answerOf(
  report: ExecutionReport,
  outcome: ExecutionAnswer,
): { answer: StoredAnswer; body: Uint8Array<ArrayBuffer> | null } {
  const { executionId, status } = report;
  const headers: Record<string, string> = { [EXECUTION_ID_HEADER]: executionId };

  if (outcome.kind === "file") {
    headers["content-type"] = outcome.file.contentType;
    headers["content-disposition"] = contentDisposition(outcome.file.name);
    const body = new Uint8Array(outcome.file.bytes);
    return { answer: { status, httpStatus: 200, bodyKey: null, headers }, body };
  }
  if (outcome.kind === "failed") {
    const failed = problem("execution-failed", outcome.failure.message, undefined, {
      ...failureExtensions(outcome.failure),
      executionId,
      // ShowDialog commands of OnError/OnExit still reach a caller that can show them.
      dialogs: report.dialogs,
    });
    headers["content-type"] = "application/problem+json";
    const body = new Uint8Array(new TextEncoder().encode(JSON.stringify(problemBody(failed))));
    return {
      answer: { status, httpStatus: statusOf(failed.reason), bodyKey: null, headers },
      body,
    };
  }
  return { answer: { status, httpStatus: 204, bodyKey: null, headers }, body: null };
}
