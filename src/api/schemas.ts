/**
 * Response and parameter schemas of the session API. They check what goes in (path params)
 * and describe what comes out; the OpenAPI document is generated from them (src/api/openapi.ts).
 */
import { z } from "@hono/zod-openapi";

import { checkedString, connectPayloadSchema, valuesSchema } from "../connect/json-schema.ts";
import {
  CULTURE_PATTERN_SOURCE,
  GUID_PATTERN_SOURCE,
  isCultureTag,
  isGuid,
} from "../connect/rules.ts";

/** JSON Schema has no regex flags, so the pattern spells out both cases. */
export const guidSchema = z.string().regex(new RegExp(GUID_PATTERN_SOURCE));

export const sessionParamsSchema = z.object({
  datasourceId: guidSchema.openapi({ param: { name: "datasourceId", in: "path" } }),
  sessionId: guidSchema.openapi({ param: { name: "sessionId", in: "path" } }),
});

export const dataSourceParamsSchema = z.object({
  datasourceId: guidSchema.openapi({ param: { name: "datasourceId", in: "path" } }),
});

const expiresAtSchema = z
  .string()
  .openapi({ description: "When the session ends unless used again (ISO 8601, UTC)." });

export const createdSessionSchema = z
  .object({
    sessionId: guidSchema,
    url: z.string().openapi({ description: "The web-app link to hand to a person." }),
    expiresAt: expiresAtSchema,
  })
  .openapi("CreatedSession");

export const navigationSchema = z
  .object({
    sessionId: guidSchema,
    template: z
      .union([
        z.object({ id: guidSchema }),
        z.object({
          tagFilter: z.object({
            tags: z.array(z.string()),
            allowTemplatePicker: z.boolean(),
          }),
        }),
      ])
      .nullable()
      .openapi({ description: "The template by id, the tag filter, or null: any template." }),
    templates: z
      .array(
        z.object({
          id: guidSchema,
          name: z.object({ de: z.string(), fr: z.string(), it: z.string(), en: z.string() }),
          tags: z.array(z.string()),
          languages: z.array(z.string()),
          defaultLanguage: z.string(),
        }),
      )
      .openapi({ description: "The templates the reference selects, for a picker." }),
    documentLanguage: z.string().nullable(),
    expiresAt: expiresAtSchema,
  })
  .openapi("SessionNavigation");

export const inputSchema = z
  .object({
    sessionId: guidSchema,
    forms: valuesSchema,
    data: valuesSchema,
    expiresAt: expiresAtSchema,
  })
  .openapi("SessionInput");

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          line: z.number().int().nullable(),
          column: z.number().int().nullable(),
          code: z.string(),
          message: z.string(),
        }),
      )
      .optional(),
  })
  .openapi("Problem");

export const resultParamsSchema = sessionParamsSchema.extend({
  executionId: guidSchema.openapi({ param: { name: "executionId", in: "path" } }),
});

/**
 * The optional body the web app sends with Execute; it also checks that body. Its rule checks
 * carry our issue codes, as the Connect payload's do (src/connect/json-schema.ts).
 */
export const executeRequestSchema = z
  .strictObject({
    templateId: checkedString("invalid-guid", (id) =>
      isGuid(id)
        ? null
        : "templateId must be a GUID, such as 30b55516-80b5-41d7-801b-b31d6da376ac.",
    )
      .optional()
      .openapi({
        format: "uuid",
        pattern: GUID_PATTERN_SOURCE,
        description: "The template the person picked; must be one the session offers.",
      }),
    language: checkedString("invalid-culture", (code) =>
      isCultureTag(code) ? null : "language must be a culture tag, such as de-CH or en.",
    )
      .optional()
      .openapi({ pattern: CULTURE_PATTERN_SOURCE, example: "de-CH", description: "Culture tag." }),
    forms: valuesSchema.optional().openapi({ description: "Edited form values; they win." }),
  })
  .openapi("ExecuteRequest");

const fileEntrySchema = z.object({
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});

export const executionReportSchema = z
  .object({
    executionId: guidSchema,
    sessionId: guidSchema,
    status: z.enum(["Success", "Error", "Cancelled"]),
    createdOnUtc: z.string(),
    message: z.string(),
    template: z.object({ id: guidSchema, name: z.string() }).nullable(),
    language: z.string().nullable(),
    ranBy: z.object({
      clientId: z.string(),
      subject: z.string(),
      displayName: z.string().nullable(),
    }),
    commands: z.array(
      z.object({
        group: z.enum(["OnSuccess", "OnError", "OnCancel", "OnExit"]),
        type: z.enum(["DownloadFile", "InvokeUrl", "ShowDialog"]),
        position: z.number().int(),
        status: z.enum(["Success", "Error"]),
        durationMs: z.number(),
        message: z.string(),
      }),
    ),
    files: z.array(fileEntrySchema),
    dialogs: z.array(z.object({ title: z.string(), message: z.string() })),
    warnings: z.array(z.string()),
  })
  .openapi("ExecutionReport");

export { connectPayloadSchema };
