/**
 * The OpenAPI 3.1 description of the session API, registered from the same schemas that
 * check requests, so it cannot drift from the code. Served at `/openapi.json`.
 */
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];

import {
  connectPayloadSchema,
  createdSessionSchema,
  dataSourceParamsSchema,
  inputSchema,
  navigationSchema,
  problemSchema,
  sessionParamsSchema,
} from "./schemas.ts";

const BASE = "/api/v3/{datasourceId}/Connect/Session";
const security = [{ bearer: ["pd_ConnectWebApi"] }];

function problems(...codes: number[]): RouteConfig["responses"] {
  const text: Record<number, string> = {
    400: "Malformed or invalid payload; `errors` lists every problem.",
    401: "Missing or invalid bearer token (RFC 6750).",
    403: "The token lacks the pd_ConnectWebApi scope.",
    404: "Unknown data source, or unknown, expired, deleted or foreign session.",
    409: "The Idempotency-Key was used with another body.",
    413: "The body is larger than the configured limit.",
    415: "The Content-Type is not XML or JSON in UTF-8.",
    422: "The payload asks for something this data source cannot do.",
  };
  return Object.fromEntries(
    codes.map((code) => [
      String(code),
      {
        description: text[code] ?? "Problem",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    ]),
  );
}

export const sessionRoutes = {
  create: {
    method: "post",
    path: BASE,
    summary: "Create a session from a Connect payload",
    security,
    request: {
      params: dataSourceParamsSchema,
      headers: undefined,
      body: {
        required: true,
        content: {
          "application/xml": {
            schema: { type: "string", description: "A primedocsConnect document (UTF-8)." },
          },
          "application/json": { schema: connectPayloadSchema },
        },
      },
    },
    responses: {
      201: {
        description: "The session was created (or an idempotent retry was replayed).",
        content: { "application/json": { schema: createdSessionSchema } },
      },
      ...problems(400, 401, 403, 404, 409, 413, 415, 422),
    },
  },
  navigation: {
    method: "get",
    path: `${BASE}/{sessionId}/Navigation`,
    summary: "Where the web app should go for this session",
    security,
    request: { params: sessionParamsSchema },
    responses: {
      200: {
        description: "The session's template choice; renews the session.",
        content: { "application/json": { schema: navigationSchema } },
      },
      ...problems(401, 403, 404),
    },
  },
  input: {
    method: "get",
    path: `${BASE}/{sessionId}/Input`,
    summary: "The session's Forms and Data values",
    security,
    request: { params: sessionParamsSchema },
    responses: {
      200: {
        description: "The values; renews the session.",
        content: { "application/json": { schema: inputSchema } },
      },
      ...problems(401, 403, 404),
    },
  },
  remove: {
    method: "delete",
    path: `${BASE}/{sessionId}`,
    summary: "End the session now and delete what it stored",
    security,
    request: { params: sessionParamsSchema },
    responses: { 204: { description: "Deleted." }, ...problems(401, 403, 404) },
  },
} satisfies Record<string, RouteConfig>;

export function registerOpenApi(registry: OpenAPIRegistry): void {
  registry.registerComponent("securitySchemes", "bearer", {
    type: "oauth2",
    flows: {
      clientCredentials: {
        tokenUrl: "/ids/connect/token",
        scopes: {
          pd_ConnectWebApi: "Create and run Connect sessions",
          pd_AdminWebApi: "Manage templates and session templates",
        },
      },
    },
  });
  for (const route of Object.values(sessionRoutes)) registry.registerPath(route);
}
