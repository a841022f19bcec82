/**
 * One structured log line per request (STYLE: logs are structured and scarce). It names the
 * request and session, never tokens, bodies or query strings. `REQUEST_LOG=errors` keeps only
 * answers of 400 and above: under `wrangler dev` every line goes through the terminal, which
 * costs more than the request itself, so the benchmark runs that way (docs/benchmarks.md).
 */
import { createMiddleware } from "hono/factory";

import type { AppEnv } from "./app-env.ts";

export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const requestId = c.req.header("cf-ray") ?? crypto.randomUUID();
  c.set("requestId", requestId);
  const started = Date.now();

  await next();

  if (c.env.REQUEST_LOG === "errors" && c.res.status < 400) return;
  // SAFETY: middleware order means these are unset for requests that failed before them.
  const vars = c.var as Partial<AppEnv["Variables"]>;

  console.log(
    JSON.stringify({
      event: "request",
      requestId,
      method: c.req.method,
      path: new URL(c.req.url).pathname,
      status: c.res.status,
      ms: Date.now() - started,
      sessionId: vars.sessionId,
      client: vars.principal?.clientId,
    }),
  );
});
