/**
 * Session API routes (spec §3): parse, call the session service, map the outcome. Paths are
 * the canonical lower-case form produced by http/paths.ts; auth and the data-source guard run
 * before any of these handlers.
 */
import { Hono, type Context } from "hono";

import { matchTemplates } from "../catalog/catalog-service.ts";
import { capabilityIssues, readerFeatures } from "../connect/capabilities.ts";
import { problemCount } from "../connect/issues.ts";
import { toJsonValues } from "../connect/json-convert.ts";
import type { ParseResult, PayloadIssue } from "../connect/model.ts";
import { readJsonText } from "../connect/json-text.ts";
import { parseConnectJson } from "../connect/parse-json.ts";
import { parseConnectXml } from "../connect/parse-xml.ts";
import { runtimeOf } from "../config/runtime.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readBoundedBody } from "../http/body.ts";
import { problem, problemResponse } from "../http/problem.ts";
import { isoDate } from "../sessions/lifetime.ts";
import { isGuid, sha256Hex } from "../sessions/session-id.ts";
import type { SessionView } from "../sessions/session-model.ts";
import { createSession, endSession, openSession } from "../sessions/session-service.ts";
import { requireDataSource } from "./data-source-guard.ts";
import { access, sessionNotFound } from "./session-context.ts";

/** RFC 9110 token characters are overkill here; any printable ASCII up to this length. */
const MAX_IDEMPOTENCY_KEY_CHARS = 255;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]+$/;

export const sessions = new Hono<AppEnv>();
const BASE = "/api/v3/:datasourceId/connect/session";

sessions.use(`${BASE}/*`, requireDataSource);
sessions.use(BASE, requireDataSource);

sessions.post(BASE, async (c) => {
  const key = c.req.header("idempotency-key") ?? null;
  if (key !== null && (key.length > MAX_IDEMPOTENCY_KEY_CHARS || !IDEMPOTENCY_KEY.test(key))) {
    return problemResponse(
      problem("invalid-request", "Idempotency-Key must be 1–255 printable ASCII characters."),
    );
  }

  const runtime = runtimeOf(c.env);
  const body = await readBoundedBody(c.req.raw, runtime.maxConnectBytes);
  if (!body.ok) return problemResponse(body.problem);

  const dataSource = c.var.dataSource;
  // The XML reader checks the data source's features and InvokeUrl hosts with everything
  // else, so one answer lists them all with their positions; the JSON form is checked
  // against them afterwards.
  const features = readerFeatures(dataSource, runtime.development);
  const parsed =
    body.kind === "xml" ? parseConnectXml(body.bytes, features) : parseJsonBody(body.bytes);
  if (!parsed.ok) return payloadProblem(parsed.kind, parsed.issues);
  const unsupported = capabilityIssues(parsed.connect, features);
  if (unsupported.length > 0) return payloadProblem("invalid", unsupported);

  const principal = c.var.principal;
  const outcome = await createSession(c.env, {
    owner: principal.clientId,
    dataSource: dataSource.id,
    connect: parsed.connect,
    idempotency: key ? { key, requestHash: await sha256Hex(body.bytes) } : null,
  });
  if (!outcome.ok) {
    const detail =
      outcome.reason === "ended"
        ? "The session this Idempotency-Key created has ended; use a new key for a new session."
        : "This Idempotency-Key was already used with another body.";
    return problemResponse(problem("idempotency-conflict", detail));
  }

  const s = outcome.session;
  const url = new URL("/app/web/connect", c.req.url);
  url.searchParams.set("sessionId", s.sessionId);
  url.searchParams.set("datasourceId", s.dataSource);
  c.header("x-session-expires-at", isoDate(s.expiresAt));
  if (outcome.replayed) c.header("idempotency-replayed", "true");
  return c.json(
    { sessionId: s.sessionId, url: url.toString(), expiresAt: isoDate(s.expiresAt) },
    201,
  );
});

sessions.get(`${BASE}/:sessionId/navigation`, async (c) => {
  const session = await sessionOf(c);
  if (session instanceof Response) return session;

  const ref = session.connect.template;
  const template =
    ref === null
      ? null
      : ref.kind === "id"
        ? { id: ref.id }
        : {
            tagFilter: {
              tags: ref.anyOf.map((group) => group.join(";")),
              allowTemplatePicker: ref.allowTemplatePicker,
            },
          };
  const templates = await matchTemplates(c.env, session.dataSource, ref);
  return c.json({
    sessionId: session.sessionId,
    template,
    templates: templates.map((t) => ({
      id: t.id,
      name: t.name,
      tags: t.tags,
      languages: t.languages,
      defaultLanguage: t.defaultLanguage,
    })),
    documentLanguage: session.connect.documentLanguage,
    expiresAt: isoDate(session.expiresAt),
  });
});

sessions.get(`${BASE}/:sessionId/input`, async (c) => {
  const session = await sessionOf(c);
  if (session instanceof Response) return session;

  return c.json({
    sessionId: session.sessionId,
    forms: toJsonValues(session.connect.forms),
    data: toJsonValues(session.connect.data),
    expiresAt: isoDate(session.expiresAt),
  });
});

sessions.delete(`${BASE}/:sessionId`, async (c) => {
  const sessionId = c.req.param("sessionId");
  const gone = isGuid(sessionId) ? await endSession(c.env, sessionId, access(c)) : false;
  if (!gone) return sessionNotFound();
  return c.body(null, 204);
});

/**
 * 400 for a payload that is malformed or breaks the rules; 422 when its only problem is a
 * feature this data source lacks (the payload itself is fine elsewhere).
 */
function payloadProblem(kind: "malformed" | "invalid", issues: PayloadIssue[]): Response {
  if (issues.every((issue) => issue.code === "conversion-unavailable")) {
    const detail = "The payload needs a feature this data source lacks.";
    return problemResponse(problem("unsupported-feature", detail, issues));
  }
  const reason = kind === "malformed" ? "malformed-payload" : "invalid-payload";
  const detail = `The Connect payload has ${problemCount(issues)}; see errors.`;
  return problemResponse(problem(reason, detail, issues));
}

function parseJsonBody(bytes: Uint8Array): ParseResult {
  const read = readJsonText(bytes);
  if (!read.ok) return { ok: false, kind: "malformed", issues: [read.issue] };
  return parseConnectJson(read.value);
}

/** Opens (and so renews) the session named in the path, or answers 404. */
async function sessionOf(c: Context<AppEnv>): Promise<SessionView | Response> {
  const sessionId = c.req.param("sessionId") ?? "";
  if (!isGuid(sessionId)) return sessionNotFound();

  const outcome = await openSession(c.env, sessionId.toLowerCase(), access(c));
  if (!outcome.ok) return sessionNotFound();

  c.header("x-session-expires-at", isoDate(outcome.session.expiresAt));
  c.set("sessionId", outcome.session.sessionId);
  return outcome.session;
}
