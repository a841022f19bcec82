/**
 * Resolves `{datasourceId}` from the path. An id that is not configured, or that the caller
 * may not use, is the same `404`: callers learn nothing about other companies' data sources.
 */
import { createMiddleware } from "hono/factory";

import { findDataSource } from "../config/config.ts";
import { runtimeOf } from "../config/runtime.ts";
import type { AppEnv } from "../http/app-env.ts";
import { problem, problemResponse } from "../http/problem.ts";

export const requireDataSource = createMiddleware<AppEnv>(async (c, next) => {
  const id = (c.req.param("datasourceId") ?? "").toLowerCase();
  const dataSource = findDataSource(runtimeOf(c.env).config, id);
  const principal = c.var.principal;

  if (!dataSource || !principal.dataSources.includes(dataSource.id)) {
    return problemResponse(
      problem("unknown-data-source", `Data source '${id}' is not known here.`),
    );
  }
  c.set("dataSource", dataSource);
  await next();
});
