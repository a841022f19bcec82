/**
 * Response and parameter schemas of the session API. They check what goes in (path params)
 * and describe what comes out; the OpenAPI document is generated from them (src/api/openapi.ts).
 */
import { z } from "@hono/zod-openapi";

import { connectPayloadSchema, valuesSchema } from "../connect/json-schema.ts";

export const guidSchema = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

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

export { connectPayloadSchema };
