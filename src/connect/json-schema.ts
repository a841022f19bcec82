/**
 * The Connect payload as JSON (spec §2, [ours]): one zod schema that both validates request
 * bodies and feeds the OpenAPI document. Each rule check adds an issue whose `params.code`
 * is one of our issue codes, so XML and JSON report the same problems the same way.
 */
import { z } from "@hono/zod-openapi";

import type { InvalidCode } from "./issues.ts";
import { MAX_COMMANDS } from "./limits.ts";
import {
  CULTURE_PATTERN_SOURCE,
  FIELD_REFERENCE_PATTERN_SOURCE,
  GUID_PATTERN_SOURCE,
  INVOKE_URL_METHODS,
  KEY_PATTERN_SOURCE,
  isCultureTag,
  isFieldReference,
  isGuid,
  headerNameProblem,
  isHeaderValue,
  keyProblem,
  splitTagGroup,
  tooManyCommandsMessage,
  urlProblem,
} from "./rules.ts";

/** A value: text, an object of values, or a collection (array) of such objects. */
export type JsonValue = string | JsonValues | JsonValues[];
export interface JsonValues {
  [key: string]: JsonValue;
}

type Ctx = z.core.$RefinementCtx;

/** Adds an issue carrying our code; `json-issues.ts` turns it into a PayloadIssue. */
function addIssue(ctx: Ctx, code: InvalidCode, message: string, path?: PropertyKey[]): void {
  ctx.addIssue({ code: "custom", message, params: { code }, ...(path ? { path } : {}) });
}

/** A string schema checked by `problem`, which returns a message or null. */
export function checkedString(code: InvalidCode, problem: (value: string) => string | null) {
  return z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message !== null) addIssue(ctx, code, message);
  });
}

const keySchema = checkedString("invalid-key", keyProblem).openapi({ pattern: KEY_PATTERN_SOURCE });

export const valueSchema: z.ZodType<JsonValue> = z
  .union([z.string(), z.lazy(() => valuesSchema), z.array(z.lazy(() => valuesSchema))])
  .openapi("ConnectValue", {
    description:
      "A string is a Value (text kept exactly as sent), an object is an Object, an array of objects is an ObjectCollection.",
  });

export const valuesSchema: z.ZodType<JsonValues> = z
  .record(keySchema, valueSchema)
  .openapi("ConnectValues", { description: "Field values by key, in the order sent." });

/** One `Tag` of a tag filter; also the admin list's `tag` query parameter. */
export const tagSchema = checkedString("invalid-tag", (tag) =>
  splitTagGroup(tag) === null
    ? `"${tag}" has an empty tag; separate non-empty tags with ";".`
    : null,
).openapi({ description: 'One alternative; ";" separates tags that must all be present.' });

const tagFilterSchema = z
  .strictObject({
    tags: z.array(tagSchema).superRefine((tags, ctx) => {
      if (tags.length === 0) {
        addIssue(
          ctx,
          "empty-tag-filter",
          "tagFilter needs at least one tag; leave template out to offer every template.",
        );
      }
    }),
    allowTemplatePicker: z.boolean().optional(),
  })
  .openapi("ConnectTagFilter", {
    description: "Templates having all tags of any one entry match.",
  });

const guidSchema = checkedString("invalid-guid", (id) =>
  isGuid(id) ? null : `"${id}" is not a GUID; write it as 30b55516-80b5-41d7-801b-b31d6da376ac.`,
).openapi({ format: "uuid", pattern: GUID_PATTERN_SOURCE });

const templateSchema = z
  .strictObject({ id: guidSchema.optional(), tagFilter: tagFilterSchema.optional() })
  .superRefine((template, ctx) => {
    if (template.id !== undefined && template.tagFilter !== undefined) {
      addIssue(
        ctx,
        "conflicting-template-selection",
        "template has both an id and a tagFilter; keep one of them.",
      );
    } else if (template.id === undefined && template.tagFilter === undefined) {
      addIssue(
        ctx,
        "missing-template-selection",
        "template needs an id or a tagFilter; leave template out to let the person pick.",
      );
    }
  })
  .openapi("ConnectTemplate", { description: "Exactly one of id and tagFilter." });

/** A culture tag (`de-CH`, `en`). The Execute body words its own check (src/api/schemas.ts). */
const cultureSchema = checkedString("invalid-culture", (code) =>
  isCultureTag(code)
    ? null
    : `"${code}" is not a culture tag; write a language with an optional region, such as de-CH or en.`,
).openapi({ pattern: CULTURE_PATTERN_SOURCE, example: "de-CH" });

const fieldReferenceSchema = checkedString("invalid-field-binding", (reference) =>
  isFieldReference(reference)
    ? null
    : `"${reference}" must name a field as Forms.<Key> or Data.<Key>.`,
).openapi({ pattern: FIELD_REFERENCE_PATTERN_SOURCE, example: "Forms.Subject" });

const targetSchema = z.enum(["document", "report"]).openapi({
  description: "document: the generated file (onSuccess only); report: the execution report.",
});
const conversionSchema = z.enum(["Pdf"]).openapi({ description: "Only with target document." });

const headerSchema = z
  .strictObject({
    name: checkedString("invalid-header-name", headerNameProblem),
    value: checkedString("invalid-header-value", (value) =>
      isHeaderValue(value)
        ? null
        : "The header value may hold only visible ASCII characters, spaces and tabs.",
    ),
  })
  .openapi("ConnectHeader");

interface TargetFields {
  target?: "document" | "report";
  conversion?: "Pdf";
}

function checkConversion(command: TargetFields, ctx: Ctx): void {
  if (command.conversion !== undefined && command.target !== "document") {
    addIssue(ctx, "invalid-conversion", 'conversion applies only to target "document".', [
      "conversion",
    ]);
  }
}

/** A required text that a field binding may replace, as `field-<Attribute>` does in XML. */
function requireText(
  value: string | undefined,
  bound: string | undefined,
  name: string,
  ctx: Ctx,
): void {
  if (value === undefined && bound === undefined) {
    addIssue(ctx, "missing-property", `${name} is required (or fieldBindings.${name}).`, [name]);
  }
}

const downloadFileSchema = z
  .strictObject({
    type: z.literal("DownloadFile"),
    fileName: z.string().optional(),
    target: targetSchema,
    conversion: conversionSchema.optional(),
    fieldBindings: z.strictObject({ fileName: fieldReferenceSchema.optional() }).optional(),
  })
  .superRefine(checkConversion)
  .openapi("ConnectDownloadFile");

const invokeUrlSchema = z
  .strictObject({
    type: z.literal("InvokeUrl"),
    url: checkedString("invalid-url", urlProblem).optional(),
    method: z.enum(INVOKE_URL_METHODS).optional().openapi({ default: "POST" }),
    headers: z.array(headerSchema).optional(),
    target: targetSchema,
    conversion: conversionSchema.optional(),
    fieldBindings: z.strictObject({ url: fieldReferenceSchema.optional() }).optional(),
  })
  .superRefine((command, ctx) => {
    checkConversion(command, ctx);
    requireText(command.url, command.fieldBindings?.url, "url", ctx);
  })
  .openapi("ConnectInvokeUrl");

const showDialogSchema = z
  .strictObject({
    type: z.literal("ShowDialog"),
    title: z.string().optional(),
    message: z.string().optional(),
    target: targetSchema.optional(),
    conversion: conversionSchema.optional(),
    fieldBindings: z
      .strictObject({
        title: fieldReferenceSchema.optional(),
        message: fieldReferenceSchema.optional(),
      })
      .optional(),
  })
  .superRefine((command, ctx) => {
    checkConversion(command, ctx);
    requireText(command.title, command.fieldBindings?.title, "title", ctx);
    requireText(command.message, command.fieldBindings?.message, "message", ctx);
  })
  .openapi("ConnectShowDialog");

export const commandSchema = z
  .discriminatedUnion("type", [downloadFileSchema, invokeUrlSchema, showDialogSchema])
  .openapi("ConnectCommand");

/** A handler group other than onSuccess: no document exists there (spec §2, [doc]). */
function groupWithoutDocument(group: string) {
  return z.array(commandSchema).superRefine((commands, ctx) => {
    commands.forEach((command, index) => {
      if (command.target === "document") {
        const message = `target "document" is only available in onSuccess; in ${group} there is no document. Use "report".`;
        addIssue(ctx, "document-target-not-allowed", message, [index, "target"]);
      }
    });
  });
}

const commandsSchema = z
  .strictObject({
    onSuccess: z.array(commandSchema).optional(),
    onError: groupWithoutDocument("onError").optional(),
    onCancel: groupWithoutDocument("onCancel").optional(),
    onExit: groupWithoutDocument("onExit").optional(),
  })
  .superRefine((groups, ctx) => {
    const count = Object.values(groups).reduce((sum, group) => sum + group.length, 0);
    if (count > MAX_COMMANDS) addIssue(ctx, "too-many-commands", tooManyCommandsMessage(count));
  })
  .openapi("ConnectCommands", { description: "Commands per handler group, run in order." });

export const connectPayloadSchema = z
  .strictObject({
    template: templateSchema.optional(),
    documentLanguage: cultureSchema.optional(),
    forms: valuesSchema.optional(),
    data: valuesSchema.optional(),
    commands: commandsSchema.optional(),
  })
  .openapi("ConnectPayload", {
    description: "A Connect payload; the same content as the XML form (docs/connect-payload.md).",
  });

export type ConnectPayloadJson = z.infer<typeof connectPayloadSchema>;
export type CommandJson = z.infer<typeof commandSchema>;
