/**
 * Execute, Cancel and Result (spec §3, §5, §6). A handler registers the execution with the
 * session, runs it, stores the report and the answer in R2, records the answer with the
 * session (for idempotent retries), and only then answers.
 */
import { Hono, type Context } from "hono";
import { accepts } from "hono/accepts";

import { problemCount } from "../connect/issues.ts";
import { readJsonText } from "../connect/json-text.ts";
import { parseExecuteBody } from "../execution/execute-body.ts";
import type { ExecutionChoice } from "../execution/execute.ts";
import { actorOf, EXECUTION_ID_HEADER, runExecution } from "../execution/run-execution.ts";
import { readReport } from "../execution/store.ts";
import type { AppEnv } from "../http/app-env.ts";
import { judgeMediaType, readBoundedBytes } from "../http/body.ts";
import { problem, problemResponse, type Problem } from "../http/problem.ts";
import { reportJsonText } from "../reports/report-json.ts";
import { reportToXml } from "../reports/report-xml.ts";
import { isoDate } from "../sessions/lifetime.ts";
import { isGuid, sha256Hex } from "../sessions/session-id.ts";
import { sessionStub } from "../sessions/session-service.ts";
import { requireDataSource } from "./data-source-guard.ts";
import { access, sessionNotFound } from "./session-context.ts";

/** An Execute body carries choices and edited form values, never documents. */
const MAX_EXECUTE_BODY_BYTES = 256 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
/** The report's forms (spec §6), XML first: it is the primedocs format and the default. */
const REPORT_TYPES = ["application/xml", "application/json"];

export const executions = new Hono<AppEnv>();
const SESSION = "/api/v3/:datasourceId/connect/session/:sessionId";

executions.use(`${SESSION}/*`, requireDataSource);

executions.post(`${SESSION}/execute`, (c) => run(c, "execute"));
executions.post(`${SESSION}/cancel`, (c) => run(c, "cancel"));

executions.get(`${SESSION}/result/:executionId`, async (c) => {
  const sessionId = c.req.param("sessionId").toLowerCase();
  const executionId = c.req.param("executionId").toLowerCase();
  if (!isGuid(sessionId)) return sessionNotFound();

  // A malformed execution id still touches and checks the session: the answer then says
  // that the execution, not the session, is unknown.
  const lookup = isGuid(executionId) ? executionId : "";
  const known = await sessionStub(c.env, sessionId).hasExecution(access(c), lookup);
  if (!known.ok) return sessionNotFound();
  const report = known.known ? await readReport(c.env.FILES, sessionId, executionId) : null;
  if (!report) {
    return problemResponse(
      problem("not-found", "No finished execution with this id in this session."),
    );
  }

  c.header("x-session-expires-at", isoDate(known.session.expiresAt));
  c.header(EXECUTION_ID_HEADER, executionId);
  c.header("vary", "Accept");
  const wanted = accepts(c, {
    header: "Accept",
    supports: REPORT_TYPES,
    default: "application/xml",
  });
  return wanted === "application/json"
    ? c.body(reportJsonText(report), 200, { "content-type": "application/json" })
    : c.body(reportToXml(report), 200, { "content-type": "application/xml; charset=utf-8" });
});

async function run(c: Context<AppEnv>, kind: "execute" | "cancel"): Promise<Response> {
  const sessionId = (c.req.param("sessionId") ?? "").toLowerCase();
  if (!isGuid(sessionId)) return sessionNotFound();

  const key = c.req.header("idempotency-key") ?? null;
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
    return problemResponse(
      problem("invalid-request", "Idempotency-Key must be 1–255 printable ASCII characters."),
    );
  }
  const body = await readBoundedBytes(c.req.raw, MAX_EXECUTE_BODY_BYTES, "an Execute request");
  if (!body.ok) return problemResponse(body.problem);
  const choice =
    kind === "execute" ? parseChoice(body.bytes, c.req.header("content-type")) : NO_CHOICE;
  if ("reason" in choice) return problemResponse(choice);

  const outcome = await runExecution(c.env, {
    sessionId,
    access: access(c),
    kind,
    idempotency: key ? { key, requestHash: `${kind}:${await sha256Hex(body.bytes)}` } : null,
    choice,
    actor: actorOf(c.var.principal),
    dataSource: c.var.dataSource,
  });
  if (outcome.kind === "not-found") return sessionNotFound();
  c.set("sessionId", sessionId);
  if (outcome.kind !== "answered") {
    const refused = problemResponse(refusal(outcome.kind));
    refused.headers.set("x-session-expires-at", isoDate(outcome.expiresAt));
    return refused;
  }

  const headers = new Headers(outcome.answer.headers);
  if (outcome.replayed) headers.set("idempotency-replayed", "true");
  headers.set("x-session-expires-at", isoDate(outcome.expiresAt));
  return new Response(outcome.body, { status: outcome.answer.httpStatus, headers });
}

function refusal(kind: "idempotency-conflict" | "in-progress" | "cancelled"): Problem {
  switch (kind) {
    case "idempotency-conflict":
      return problem(
        "idempotency-conflict",
        "This Idempotency-Key was already used with another request.",
      );
    case "in-progress":
      return problem(
        "idempotency-conflict",
        "An execution with this Idempotency-Key is still running.",
      );
    case "cancelled":
      return problem(
        "session-cancelled",
        "This session was cancelled; it cannot be executed or cancelled again. Create a new session.",
      );
  }
}

const NO_CHOICE: ExecutionChoice = { templateId: null, language: null, forms: null };

function parseChoice(
  bytes: Uint8Array,
  contentType: string | undefined,
): ExecutionChoice | Problem {
  if (bytes.length === 0) return NO_CHOICE;
  // The same judgement as session create, for JSON only (spec §3).
  const kind = judgeMediaType(contentType ?? null, ["json"]);
  if (typeof kind !== "string") return kind;

  const read = readJsonText(bytes);
  if (!read.ok)
    return problem("invalid-request", "The Execute body is not valid JSON.", [read.issue]);
  const body = parseExecuteBody(read.value);
  if (!body.ok) {
    const detail =
      body.kind === "malformed"
        ? "The Execute body exceeds a limit."
        : `The Execute body has ${problemCount(body.issues)}; see errors.`;
    return problem("invalid-request", detail, body.issues);
  }
  return body.choice;
}
