/**
 * The OpenAPI 3.1 description of the session API, registered from the same schemas that
 * check requests, so it cannot drift from the code. Served at `/openapi.json`.
 */
import { z, type OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";

type OpenAPIRegistry = OpenAPIHono["openAPIRegistry"];

import {
  connectPayloadSchema,
  createdSessionSchema,
  dataSourceParamsSchema,
  executeRequestSchema,
  executionReportSchema,
  inputSchema,
  navigationSchema,
  problemSchema,
  resultParamsSchema,
  sessionParamsSchema,
} from "./schemas.ts";
import { adminRoutes } from "./openapi-admin.ts";
import { problemResponses } from "./problem-responses.ts";

const BASE = "/api/v3/{datasourceId}/Connect/Session";
const security = [{ bearer: ["pd_ConnectWebApi"] }];

const EXECUTION_CONFLICT =
  "The Idempotency-Key was used with another body or its first run is still going, or the " +
  "session was cancelled (a Cancel is final: no Execute or Cancel after it).";

const idempotencyHeaders = z.object({
  "Idempotency-Key": z.string().min(1).max(255).optional().openapi({
    description:
      "A retry with the same key and body replays the first answer; another body is 409.",
  }),
});

const expiresHeader = {
  "X-Session-Expires-At": {
    description: "When the session ends unless used again (ISO 8601, UTC).",
    schema: { type: "string" as const },
  },
};
const executionHeaders = {
  ...expiresHeader,
  "X-Execution-Id": {
    description: "The execution whose report GET …/Result/{executionId} returns.",
    schema: { type: "string" as const },
  },
  "Idempotency-Replayed": {
    description: "`true` when this answer replays an earlier one.",
    schema: { type: "string" as const },
  },
};

export const sessionRoutes = {
  create: {
    operationId: "createSession",
    method: "post",
    path: BASE,
    summary: "Create a session from a Connect payload",
    security,
    request: {
      params: dataSourceParamsSchema,
      headers: idempotencyHeaders,
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
        headers: {
          ...expiresHeader,
          "Idempotency-Replayed": executionHeaders["Idempotency-Replayed"],
        },
        content: { "application/json": { schema: createdSessionSchema } },
      },
      ...problems(400, 401, 403, 404, 409, 413, 415, 422),
    },
  },
  navigation: {
    operationId: "getSessionNavigation",
    method: "get",
    path: `${BASE}/{sessionId}/Navigation`,
    summary: "Where the web app should go for this session",
    security,
    request: { params: sessionParamsSchema },
    responses: {
      200: {
        description: "The session's template choice; renews the session.",
        headers: expiresHeader,
        content: { "application/json": { schema: navigationSchema } },
      },
      ...problems(401, 403, 404),
    },
  },
  input: {
    operationId: "getSessionInput",
    method: "get",
    path: `${BASE}/{sessionId}/Input`,
    summary: "The session's Forms and Data values",
    security,
    request: { params: sessionParamsSchema },
    responses: {
      200: {
        description: "The values; renews the session.",
        headers: expiresHeader,
        content: { "application/json": { schema: inputSchema } },
      },
      ...problems(401, 403, 404),
    },
  },
  remove: {
    operationId: "deleteSession",
    method: "delete",
    path: `${BASE}/{sessionId}`,
    summary: "End the session now and delete what it stored",
    security,
    request: { params: sessionParamsSchema },
    responses: { 204: { description: "Deleted." }, ...problems(401, 403, 404) },
  },
  execute: {
    operationId: "executeSession",
    method: "post",
    path: `${BASE}/{sessionId}/Execute`,
    summary: "Generate the document and run the commands",
    security,
    request: {
      params: sessionParamsSchema,
      headers: idempotencyHeaders,
      body: {
        required: false,
        content: { "application/json": { schema: executeRequestSchema } },
      },
    },
    responses: {
      200: {
        description:
          "The file of the one DownloadFile, or one ZIP of several (in command order). " +
          "The X-Execution-Id header names the stored report.",
        headers: executionHeaders,
        content: {
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {
            schema: { type: "string", format: "binary" },
          },
          "application/zip": { schema: { type: "string", format: "binary" } },
          "application/pdf": { schema: { type: "string", format: "binary" } },
          "application/xml": { schema: { type: "string", description: "A downloaded report." } },
        },
      },
      204: {
        description: "Everything was handled by commands (for example InvokeUrl).",
        headers: executionHeaders,
      },
      ...problems(400, 401, 403, 404, 413, 415),
      ...problemResponses([409], { 409: EXECUTION_CONFLICT }),
      422: {
        description:
          "The document could not be generated, or a command failed and nothing was " +
          "downloaded. Carries `executionId` and, where they help, `candidates` or " +
          "`availableLanguages`.",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    },
  },
  cancel: {
    operationId: "cancelSession",
    method: "post",
    path: `${BASE}/{sessionId}/Cancel`,
    summary: "The person cancelled: run OnCancel then OnExit and store a report",
    security,
    request: { params: sessionParamsSchema, headers: idempotencyHeaders },
    responses: {
      200: {
        description:
          "The report, downloaded by a DownloadFile in OnCancel or OnExit (those groups have " +
          "no document); several downloads come as one ZIP.",
        headers: executionHeaders,
        content: {
          "application/xml": { schema: { type: "string", description: "A downloaded report." } },
          "application/zip": { schema: { type: "string", format: "binary" } },
        },
      },
      204: {
        description: "Cancelled; the X-Execution-Id header names the report.",
        headers: executionHeaders,
      },
      ...problems(400, 401, 403, 404, 413),
      ...problemResponses([409], { 409: EXECUTION_CONFLICT }),
    },
  },
  result: {
    operationId: "getExecutionResult",
    method: "get",
    path: `${BASE}/{sessionId}/Result/{executionId}`,
    summary: "The stored execution report",
    security,
    request: { params: resultParamsSchema },
    responses: {
      200: {
        description: "`primedocsConnectReport` as XML, or JSON with `Accept: application/json`.",
        content: {
          "application/xml": { schema: { type: "string" } },
          "application/json": { schema: executionReportSchema },
        },
      },
      ...problems(401, 403, 404),
    },
  },
  startSessionTemplate: {
    operationId: "startSessionTemplate",
    method: "post",
    path: `${BASE}/Template/{templateName}`,
    summary: "Create a pre-initialised session from a session template",
    description:
      "`Forms.*` and `Data.*` query parameters (or members of a JSON body) seed the values; " +
      "other parameters reach the initializers only. See docs/session-templates.md.",
    security,
    request: {
      params: dataSourceParamsSchema.extend({
        templateName: z
          .string()
          .min(1)
          .openapi({ param: { name: "templateName", in: "path" } }),
      }),
      body: {
        required: false,
        content: {
          "application/json": {
            schema: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
          },
        },
      },
    },
    responses: {
      201: {
        description:
          "The session was created; `initializers` and `commands` report each step's outcome.",
        content: { "application/json": { schema: createdSessionSchema } },
      },
      ...problems(400, 401, 403, 404, 413, 415, 422),
      502: {
        description: "An initializer's source failed.",
        content: { "application/problem+json": { schema: problemSchema } },
      },
      504: {
        description: "An initializer's source did not answer in time.",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    },
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
  for (const route of Object.values(adminRoutes)) registry.registerPath(route);
}

function problems(...codes: number[]): RouteConfig["responses"] {
  return problemResponses(codes);
}
