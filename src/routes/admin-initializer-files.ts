/**
 * Admin API for the files CSV and Excel initializers read from R2 (docs/session-templates.md).
 * Requires the admin scope, like every `/Admin` route. Names may hold folders and keep their
 * case, so they are read from the canonical path rather than a route parameter.
 *
 *   PUT    /api/v3/{ds}/Admin/InitializerFiles/{name}   the file's bytes as the body
 *   GET    /api/v3/{ds}/Admin/InitializerFiles          list
 *   GET    /api/v3/{ds}/Admin/InitializerFiles/{name}   the file
 *   DELETE /api/v3/{ds}/Admin/InitializerFiles/{name}
 */
import { Hono, type Context } from "hono";

import type { AppEnv } from "../http/app-env.ts";
import { readBoundedBytes } from "../http/body.ts";
import { canonicalPath } from "../http/paths.ts";
import { problem, problemResponse } from "../http/problem.ts";
import {
  MAX_INITIALIZER_FILE_BYTES,
  deleteInitializerFile,
  getInitializerFile,
  listInitializerFiles,
  putInitializerFile,
} from "../initializers/file-store.ts";
import { requireDataSource } from "./data-source-guard.ts";

export const adminInitializerFiles = new Hono<AppEnv>();
const BASE = "/api/v3/:datasourceId/admin/initializerfiles";

adminInitializerFiles.use(BASE, requireDataSource);
adminInitializerFiles.use(`${BASE}/*`, requireDataSource);

adminInitializerFiles.get(BASE, async (c) => {
  return c.json(await listInitializerFiles(c.env.FILES, c.var.dataSource.id));
});

adminInitializerFiles.put(`${BASE}/*`, async (c) => {
  const body = await readBoundedBytes(c.req.raw, MAX_INITIALIZER_FILE_BYTES, "an initializer file");
  if (!body.ok) return problemResponse(body.problem);
  if (body.bytes.length === 0) {
    return problemResponse(problem("invalid-request", "The body is empty: send the file's bytes."));
  }
  const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const outcome = await putInitializerFile(
    c.env.FILES,
    c.var.dataSource.id,
    fileName(c),
    body.bytes,
    type,
  );
  if (!outcome.ok) {
    return problemResponse(problem("invalid-request", outcome.detail));
  }
  return c.json(outcome.file, outcome.created ? 201 : 200);
});

adminInitializerFiles.get(`${BASE}/*`, async (c) => {
  const object = await getInitializerFile(c.env.FILES, c.var.dataSource.id, fileName(c));
  if (object === null) return fileNotFound();
  return new Response(object.body, {
    headers: {
      "content-type": object.httpMetadata?.contentType ?? "application/octet-stream",
      "content-length": String(object.size),
    },
  });
});

adminInitializerFiles.delete(`${BASE}/*`, async (c) => {
  const gone = await deleteInitializerFile(c.env.FILES, c.var.dataSource.id, fileName(c));
  return gone ? c.body(null, 204) : fileNotFound();
});

/** Everything after `…/InitializerFiles/`, in the case it was sent. */
function fileName(c: Context<AppEnv>): string {
  const path = canonicalPath(new URL(c.req.url).pathname);
  const marker = "/admin/initializerfiles/";
  const at = path.indexOf(marker);
  return at === -1 ? "" : path.slice(at + marker.length);
}

function fileNotFound(): Response {
  return problemResponse(problem("not-found", "No initializer file with this name here."));
}
