/**
 * Admin API for the template catalog (spec §7): upload or replace, list, fetch metadata and
 * files, delete. Requires the admin scope; an upload is checked before anything is stored.
 *
 *   PUT    /api/v3/{ds}/Admin/Templates/{id}           multipart: `meta` (JSON) + `file` or `file:{lang}`
 *   GET    /api/v3/{ds}/Admin/Templates?tag=…      list, all or those a tag filter matches
 *   GET    /api/v3/{ds}/Admin/Templates/{id}           metadata
 *   GET    /api/v3/{ds}/Admin/Templates/{id}/Files/{lang|all}
 *   DELETE /api/v3/{ds}/Admin/Templates/{id}
 */
import { Hono } from "hono";

import { templateListQuerySchema } from "../api/openapi-admin.ts";
import {
  DOCX_TYPE,
  deleteTemplate,
  getTemplate,
  matchTemplates,
  readTemplateFile,
  uploadTemplate,
} from "../catalog/catalog-service.ts";
import { jsonPointer } from "../connect/json-bounds.ts";
import type { PayloadIssue, TemplateRef } from "../connect/model.ts";
import { splitTagGroup } from "../connect/rules.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readBoundedBytes } from "../http/body.ts";
import { problem, problemResponse } from "../http/problem.ts";
import { isGuid } from "../sessions/session-id.ts";
import { ALL_LANGUAGES_FILE } from "../templates/model.ts";
import { requireDataSource } from "./data-source-guard.ts";

/** An upload holds a few `.docx` files; 32 MiB leaves room for images in templates. */
const MAX_TEMPLATE_UPLOAD_BYTES = 32 * 1024 * 1024;

export const adminTemplates = new Hono<AppEnv>();
const BASE = "/api/v3/:datasourceId/admin/templates";

adminTemplates.use(BASE, requireDataSource);
adminTemplates.use(`${BASE}/*`, requireDataSource);

adminTemplates.get(BASE, async (c) => {
  const query = templateListQuerySchema.safeParse({ tag: c.req.queries("tag") });
  if (!query.success) {
    const errors = query.error.issues.map((i) => {
      const code: unknown = i.code === "custom" ? i.params?.code : undefined;
      return issue(
        jsonPointer(i.path),
        typeof code === "string" ? code : "invalid-query",
        i.message,
      );
    });
    return problemResponse(problem("invalid-request", "The tag filter is not valid.", errors));
  }

  // The same matching as a Connect TagFilter (spec §2): no `tag` lists every template.
  const tags = query.data.tag;
  const ref: TemplateRef | null = tags
    ? { kind: "tags", anyOf: tags.map((t) => splitTagGroup(t) ?? []), allowTemplatePicker: false }
    : null;
  return c.json({ templates: await matchTemplates(c.env, c.var.dataSource.id, ref) });
});

adminTemplates.get(`${BASE}/:id`, async (c) => {
  const meta = await getTemplate(c.env, c.var.dataSource.id, c.req.param("id"));
  return meta ? c.json(meta) : templateNotFound();
});

adminTemplates.get(`${BASE}/:id/files/:language`, async (c) => {
  const meta = await getTemplate(c.env, c.var.dataSource.id, c.req.param("id"));
  const wanted = c.req.param("language");
  const entry = Object.entries(meta?.files ?? {}).find(([language]) =>
    wanted === "all" ? language === ALL_LANGUAGES_FILE : language.toLowerCase() === wanted,
  );
  const bytes = entry ? await readTemplateFile(c.env, entry[1]) : null;
  if (!bytes) return templateNotFound();
  return c.body(bytes, 200, { "content-type": DOCX_TYPE });
});

adminTemplates.put(`${BASE}/:id`, async (c) => {
  const id = c.req.param("id");
  if (!isGuid(id))
    return problemResponse(problem("invalid-request", "The template id must be a GUID."));
  if (!(c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return problemResponse(
      problem("unsupported-media-type", "Upload templates as multipart/form-data."),
    );
  }

  const body = await readBoundedBytes(c.req.raw, MAX_TEMPLATE_UPLOAD_BYTES, "a template upload");
  if (!body.ok) return problemResponse(body.problem);
  const form = await formOf(body.bytes, c.req.header("content-type") ?? "");
  if (!form) return problemResponse(problem("invalid-request", "The multipart body is broken."));

  const parts = await uploadParts(form);
  if (typeof parts === "string") return problemResponse(problem("invalid-request", parts));

  const outcome = await uploadTemplate(
    c.env,
    c.var.dataSource.id,
    { ...parts.meta, id },
    parts.files,
  );
  if (!outcome.ok) {
    const errors: PayloadIssue[] = [
      ...outcome.metaIssues.map((i) =>
        issue(`/meta/${i.path.replaceAll(".", "/")}`, "invalid-metadata", i.message),
      ),
      ...outcome.fileProblems.flatMap((f) =>
        f.problems.map((p) =>
          issue(`/file:${f.file}/${p.part ?? ""}`, p.code, describe(p.message, p.tag, p.offset)),
        ),
      ),
    ];
    return problemResponse(
      problem("invalid-template", `The template upload has ${errors.length} problem(s).`, errors),
    );
  }
  return c.json(outcome.meta, outcome.created ? 201 : 200);
});

adminTemplates.delete(`${BASE}/:id`, async (c) => {
  const gone = await deleteTemplate(c.env, c.var.dataSource.id, c.req.param("id"));
  return gone ? c.body(null, 204) : templateNotFound();
});

function templateNotFound(): Response {
  return problemResponse(problem("not-found", "No template with this id in this data source."));
}

async function formOf(
  bytes: Uint8Array<ArrayBuffer>,
  contentType: string,
): Promise<FormData | null> {
  try {
    return await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    return null;
  }
}

/** `meta` is the metadata JSON; `file` serves all languages, `file:{lang}` one language. */
async function uploadParts(
  form: FormData,
): Promise<
  { meta: Record<string, unknown>; files: Map<string, Uint8Array<ArrayBuffer>> } | string
> {
  const metaPart = form.get("meta");
  const metaText = typeof metaPart === "string" ? metaPart : await metaPart?.text();
  if (!metaText) return "The upload needs a `meta` part holding the template's metadata as JSON.";

  let meta: unknown;
  try {
    meta = JSON.parse(metaText);
  } catch {
    return "The `meta` part is not valid JSON.";
  }
  if (typeof meta !== "object" || meta === null || Array.isArray(meta)) {
    return "The `meta` part must be a JSON object.";
  }

  const files = new Map<string, Uint8Array<ArrayBuffer>>();
  for (const [name, value] of form.entries()) {
    if (name !== "file" && !name.startsWith("file:")) continue;
    if (typeof value === "string") return `Part '${name}' must be a file.`;
    const language = name === "file" ? ALL_LANGUAGES_FILE : name.slice("file:".length);
    files.set(language, new Uint8Array(await value.arrayBuffer()));
  }
  if (files.size === 0) return "The upload needs at least one `file` or `file:{language}` part.";
  return { meta: meta as Record<string, unknown>, files };
}

function issue(path: string, code: string, message: string): PayloadIssue {
  return { path, line: null, column: null, code, message };
}

function describe(
  message: string,
  tag: string | null | undefined,
  offset: number | null | undefined,
): string {
  const where = [tag ? `tag '${tag}'` : null, offset != null ? `offset ${offset}` : null].filter(
    Boolean,
  );
  return where.length > 0 ? `${message} (${where.join(", ")})` : message;
}
