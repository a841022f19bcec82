/**
 * Session-template routes (spec §8): the admin API for definitions, starting one through
 * the Connect API, and in development the demo customer endpoint that the demo HTTP
 * initializer calls. Parse, call the session-template service, map the result.
 *
 *   PUT|GET|DELETE /api/v3/{ds}/Admin/SessionTemplates/{name}     (pd_AdminWebApi)
 *   GET            /api/v3/{ds}/Admin/SessionTemplates
 *   POST           /api/v3/{ds}/Connect/Session/Template/{name}   (pd_ConnectWebApi)
 *   GET            /demo/customers/{id}                           (development only)
 */
import { Hono, type Context } from "hono";

import { demoCustomerJson } from "../../demo/session-templates/content.ts";
import { runtimeOf } from "../config/runtime.ts";
import { readerFeatures } from "../connect/capabilities.ts";
import { problemCount } from "../connect/issues.ts";
import { readJsonText } from "../connect/json-text.ts";
import { actorOf } from "../execution/run-execution.ts";
import type { AppEnv } from "../http/app-env.ts";
import { judgeMediaType, readBoundedBytes } from "../http/body.ts";
import { problem, problemResponse } from "../http/problem.ts";
import { MAX_DEFINITION_BYTES } from "../initializers/limits.ts";
import { isoDate } from "../sessions/lifetime.ts";
import { NAME_PATTERN } from "../session-templates/model.ts";
import { startSessionTemplate } from "../session-templates/start.ts";
import {
  deleteDefinition,
  getDefinitionSource,
  listDefinitions,
  putDefinition,
} from "../session-templates/store.ts";
import { requireDataSource } from "./data-source-guard.ts";
import { startProblem } from "./session-template-problems.ts";

/** A start's JSON body holds a few parameters; 64 KiB is plenty. */
const MAX_START_BODY_BYTES = 64 * 1024;

export const sessionTemplates = new Hono<AppEnv>();
const ADMIN = "/api/v3/:datasourceId/admin/sessiontemplates";
const START = "/api/v3/:datasourceId/connect/session/template/:name";

for (const path of [ADMIN, `${ADMIN}/*`, START]) sessionTemplates.use(path, requireDataSource);

sessionTemplates.get(ADMIN, async (c) => {
  return c.json({ sessionTemplates: await listDefinitions(c.env, c.var.dataSource.id) });
});

sessionTemplates.get(`${ADMIN}/:name`, async (c) => {
  const source = await getDefinitionSource(c.env, c.var.dataSource.id, c.req.param("name"));
  if (source === null) return definitionNotFound();
  return c.body(source, 200, { "content-type": "application/xml; charset=utf-8" });
});

sessionTemplates.put(`${ADMIN}/:name`, async (c) => {
  const name = c.req.param("name");
  if (!NAME_PATTERN.test(name)) {
    return problemResponse(problem("invalid-request", "The session template name is not valid."));
  }
  const type = (c.req.header("content-type") ?? "").toLowerCase();
  if (!type.startsWith("application/xml") && !type.startsWith("text/xml")) {
    return problemResponse(
      problem("unsupported-media-type", "Upload a definition as application/xml."),
    );
  }
  const body = await readBoundedBytes(c.req.raw, MAX_DEFINITION_BYTES, "a session template");
  if (!body.ok) return problemResponse(body.problem);

  let source: string;
  try {
    source = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body.bytes);
  } catch {
    return problemResponse(problem("malformed-payload", "The definition is not UTF-8."));
  }
  const features = readerFeatures(c.var.dataSource, runtimeOf(c.env).development);
  const outcome = await putDefinition(c.env, c.var.dataSource.id, name, source, features);
  if (!outcome.ok) {
    const reason = outcome.kind === "malformed" ? "malformed-payload" : "invalid-payload";
    const detail = `The session template has ${problemCount(outcome.issues)}; see errors.`;
    return problemResponse(problem(reason, detail, outcome.issues));
  }
  const summary = {
    name: outcome.definition.name,
    initializers: outcome.definition.initializers.length,
  };
  return c.json(summary, outcome.created ? 201 : 200);
});

sessionTemplates.delete(`${ADMIN}/:name`, async (c) => {
  const gone = await deleteDefinition(c.env, c.var.dataSource.id, c.req.param("name"));
  return gone ? c.body(null, 204) : definitionNotFound();
});

sessionTemplates.post(START, async (c) => {
  const params = await startParams(c);
  if (params instanceof Response) return params;

  const dataSource = c.var.dataSource;
  const result = await startSessionTemplate(c.env, {
    dataSource,
    name: c.req.param("name"),
    params,
    owner: c.var.principal.clientId,
    actor: actorOf(c.var.principal),
  });
  if (!result.ok) return startProblem(result);

  const url = new URL("/app/web/connect", c.req.url);
  url.searchParams.set("sessionId", result.sessionId);
  url.searchParams.set("datasourceId", dataSource.id);
  c.header("x-session-expires-at", isoDate(result.expiresAt));
  const body = {
    sessionId: result.sessionId,
    url: url.toString(),
    expiresAt: isoDate(result.expiresAt),
    initializers: result.initializers,
    commands: result.commands,
  };
  return c.json(body, 201);
});

sessionTemplates.get("/demo/customers/:id", (c) => {
  if (!runtimeOf(c.env).development)
    return problemResponse(problem("not-found", "No such endpoint."));
  const customer = demoCustomerJson(c.req.param("id"));
  if (customer === null) return problemResponse(problem("not-found", "No such demo customer."));
  return c.json(customer);
});

/**
 * Query parameters, then a JSON object body's members on top (strings, finite numbers,
 * booleans). A non-empty body's media type and JSON text are judged as session create and
 * Execute judge theirs: not application/json in UTF-8 is a 415, broken JSON a
 * `malformed-json` error with its line and column.
 */
async function startParams(c: Context<AppEnv>): Promise<Map<string, string> | Response> {
  const params = new Map<string, string>();
  for (const [name, value] of new URL(c.req.url).searchParams) params.set(name, value);

  const body = await readBoundedBytes(c.req.raw, MAX_START_BODY_BYTES, "a session template start");
  if (!body.ok) return problemResponse(body.problem);
  if (body.bytes.length === 0) return params;
  const kind = judgeMediaType(c.req.header("content-type") ?? null, ["json"]);
  if (typeof kind !== "string") return problemResponse(kind);

  const read = readJsonText(body.bytes);
  if (!read.ok) {
    const detail = "The start body is not JSON in UTF-8; see errors.";
    return problemResponse(problem("malformed-payload", detail, [read.issue]));
  }
  const json = read.value;
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    return problemResponse(problem("invalid-request", "The body must be a JSON object."));
  }
  for (const [name, value] of Object.entries(json)) {
    const finite = typeof value !== "number" || Number.isFinite(value);
    if (
      !finite ||
      (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
    ) {
      const detail = `Parameter ${name} must be a string, finite number or boolean.`;
      return problemResponse(problem("invalid-request", detail));
    }
    params.set(name, String(value));
  }
  return params;
}

function definitionNotFound(): Response {
  return problemResponse(problem("not-found", "No session template with this name here."));
}
