/**
 * The admin half of the OpenAPI description (scope `pd_AdminWebApi`): the template catalog,
 * session-template definitions and initializer files. Template metadata is described by the
 * schema that checks an upload's `meta` part; definitions are XML and files are bytes, so
 * their bodies are described as such (docs/templates.md, docs/session-templates.md).
 */
import { z, type RouteConfig } from "@hono/zod-openapi";

import { tagSchema } from "../connect/json-schema.ts";
import { templateMetaSchema } from "../templates/schema.ts";
import { problemResponses } from "./problem-responses.ts";
import { dataSourceParamsSchema, guidSchema } from "./schemas.ts";

const security = [{ bearer: ["pd_AdminWebApi"] }];
const TEXTS = {
  400: "The upload is broken or breaks a rule; `errors` or `detail` says where.",
  403: "The token lacks the pd_AdminWebApi scope.",
  404: "Unknown data source, or nothing with this id or name in it.",
  415: "The Content-Type does not fit this upload.",
};
const problems = (...codes: number[]) => problemResponses(codes, TEXTS);

const templateMeta = templateMetaSchema.openapi("TemplateMeta");
const templateParams = dataSourceParamsSchema.extend({
  templateId: guidSchema.openapi({ param: { name: "templateId", in: "path" } }),
});
/**
 * The list's query, checked by the route with this schema: `tag` works like the `Tag`s of a
 * Connect TagFilter (spec §2), each occurrence an alternative (OR), `;` inside one joining
 * tags that must all be present (AND), compared case-insensitively.
 */
/** Most `tag` alternatives in one list query, each matched against every template. */
const MAX_TAG_ALTERNATIVES = 50;

export const templateListQuerySchema = z.object({
  tag: z
    .array(tagSchema)
    .max(MAX_TAG_ALTERNATIVES, `at most ${MAX_TAG_ALTERNATIVES} tag alternatives`)
    .optional()
    .openapi({
      param: { name: "tag", in: "query", style: "form", explode: true },
      description:
        "Lists only templates matching a tag filter, as a Connect TagFilter does: each `tag` " +
        "is one alternative (OR); inside one, `;` separates tags that must all be present " +
        "(AND). Tags compare case-insensitively. Without `tag`, every template is listed.",
      example: ["Offer;Customer", "Memo"],
    }),
});
const nameParams = dataSourceParamsSchema.extend({
  name: z
    .string()
    .min(1)
    .openapi({ param: { name: "name", in: "path" } }),
});
const fileParams = dataSourceParamsSchema.extend({
  fileName: z
    .string()
    .min(1)
    .openapi({
      param: { name: "fileName", in: "path" },
      description: "A plain file name, optionally in folders separated by `/`; case is kept.",
    }),
});

const definitionSummary = z
  .object({ name: z.string(), initializers: z.number().int() })
  .openapi("SessionTemplateSummary");
const storedFile = z
  .object({
    name: z.string(),
    size: z.number().int(),
    contentType: z.string(),
    uploadedAt: z.string(),
    sheets: z.array(z.string()).optional(),
  })
  .openapi("InitializerFile");

const T = "/api/v3/{datasourceId}/Admin/Templates";
const S = "/api/v3/{datasourceId}/Admin/SessionTemplates";
const F = "/api/v3/{datasourceId}/Admin/InitializerFiles";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const bytes = { type: "string" as const, format: "binary" };

export const adminRoutes = {
  listTemplates: {
    operationId: "listTemplates",
    method: "get",
    path: T,
    summary: "List the data source's templates, all or those a tag filter matches",
    security,
    request: { params: dataSourceParamsSchema, query: templateListQuerySchema },
    responses: {
      200: {
        description: "The metadata of every template the filter matches, ordered by id.",
        content: { "application/json": { schema: z.object({ templates: z.array(templateMeta) }) } },
      },
      ...problems(400, 401, 403, 404),
    },
  },
  putTemplate: {
    operationId: "putTemplate",
    method: "put",
    path: `${T}/{templateId}`,
    summary: "Upload or replace a template",
    description:
      "A `meta` part (TemplateMeta as JSON; its `files` are filled in from the file parts) " +
      "and either one `file` part for all languages or one `file:{culture}` part per language.",
    security,
    request: {
      params: templateParams,
      body: {
        required: true,
        content: {
          "multipart/form-data": {
            schema: z.object({
              meta: z.string().openapi({ description: "TemplateMeta as JSON." }),
              file: z.string().openapi({ format: "binary" }).optional(),
            }),
          },
        },
      },
    },
    responses: {
      200: {
        description: "Replaced.",
        content: { "application/json": { schema: templateMeta } },
      },
      201: {
        description: "Created.",
        content: { "application/json": { schema: templateMeta } },
      },
      ...problems(400, 401, 403, 404, 413, 415),
    },
  },
  getTemplate: {
    operationId: "getTemplate",
    method: "get",
    path: `${T}/{templateId}`,
    summary: "A template's metadata",
    security,
    request: { params: templateParams },
    responses: {
      200: {
        description: "The metadata.",
        content: { "application/json": { schema: templateMeta } },
      },
      ...problems(401, 403, 404),
    },
  },
  getTemplateFile: {
    operationId: "getTemplateFile",
    method: "get",
    path: `${T}/{templateId}/Files/{language}`,
    summary: "A template's .docx for one language, or `all` for the all-languages file",
    security,
    request: {
      params: templateParams.extend({
        language: z.string().openapi({ param: { name: "language", in: "path" } }),
      }),
    },
    responses: {
      200: { description: "The .docx.", content: { [DOCX]: { schema: bytes } } },
      ...problems(401, 403, 404),
    },
  },
  deleteTemplate: {
    operationId: "deleteTemplate",
    method: "delete",
    path: `${T}/{templateId}`,
    summary: "Delete a template and its files",
    security,
    request: { params: templateParams },
    responses: { 204: { description: "Deleted." }, ...problems(401, 403, 404) },
  },

  listSessionTemplates: {
    operationId: "listSessionTemplates",
    method: "get",
    path: S,
    summary: "List the data source's session templates",
    security,
    request: { params: dataSourceParamsSchema },
    responses: {
      200: {
        description: "Name and last change of each definition.",
        content: {
          "application/json": {
            schema: z.object({
              sessionTemplates: z.array(z.object({ name: z.string(), updatedAt: z.string() })),
            }),
          },
        },
      },
      ...problems(401, 403, 404),
    },
  },
  putSessionTemplate: {
    operationId: "putSessionTemplate",
    method: "put",
    path: `${S}/{name}`,
    summary: "Upload or replace a session-template definition",
    description: "A primedocsConnectSessionTemplate document; see docs/session-templates.md.",
    security,
    request: {
      params: nameParams,
      body: { required: true, content: { "application/xml": { schema: { type: "string" } } } },
    },
    responses: {
      200: {
        description: "Replaced.",
        content: { "application/json": { schema: definitionSummary } },
      },
      201: {
        description: "Created.",
        content: { "application/json": { schema: definitionSummary } },
      },
      ...problems(400, 401, 403, 404, 413, 415),
    },
  },
  getSessionTemplate: {
    operationId: "getSessionTemplate",
    method: "get",
    path: `${S}/{name}`,
    summary: "A session-template definition as uploaded",
    security,
    request: { params: nameParams },
    responses: {
      200: {
        description: "The definition.",
        content: { "application/xml": { schema: { type: "string" } } },
      },
      ...problems(401, 403, 404),
    },
  },
  deleteSessionTemplate: {
    operationId: "deleteSessionTemplate",
    method: "delete",
    path: `${S}/{name}`,
    summary: "Delete a session-template definition",
    security,
    request: { params: nameParams },
    responses: { 204: { description: "Deleted." }, ...problems(401, 403, 404) },
  },

  listInitializerFiles: {
    operationId: "listInitializerFiles",
    method: "get",
    path: F,
    summary: "List the files CSV and Excel initializers can read",
    security,
    request: { params: dataSourceParamsSchema },
    responses: {
      200: {
        description: "The files (at most 1,000; `truncated` says when there are more).",
        content: {
          "application/json": {
            schema: z.object({ files: z.array(storedFile), truncated: z.boolean() }),
          },
        },
      },
      ...problems(401, 403, 404),
    },
  },
  putInitializerFile: {
    operationId: "putInitializerFile",
    method: "put",
    path: `${F}/{fileName}`,
    summary: "Upload or replace an initializer file",
    description: "The file's bytes as the body. An `.xlsx` must be a readable workbook.",
    security,
    request: {
      params: fileParams,
      body: { required: true, content: { "application/octet-stream": { schema: bytes } } },
    },
    responses: {
      200: { description: "Replaced.", content: { "application/json": { schema: storedFile } } },
      201: { description: "Created.", content: { "application/json": { schema: storedFile } } },
      ...problems(400, 401, 403, 404, 413),
    },
  },
  getInitializerFile: {
    operationId: "getInitializerFile",
    method: "get",
    path: `${F}/{fileName}`,
    summary: "An initializer file's bytes",
    security,
    request: { params: fileParams },
    responses: {
      200: { description: "The file.", content: { "application/octet-stream": { schema: bytes } } },
      ...problems(401, 403, 404),
    },
  },
  deleteInitializerFile: {
    operationId: "deleteInitializerFile",
    method: "delete",
    path: `${F}/{fileName}`,
    summary: "Delete an initializer file",
    security,
    request: { params: fileParams },
    responses: { 204: { description: "Deleted." }, ...problems(401, 403, 404) },
  },
} satisfies Record<string, RouteConfig>;
