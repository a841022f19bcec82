/**
 * The Worker's HTTP surface: identity endpoints, the session API (and its `/webapi` alias),
 * and the OpenAPI document. Cross-cutting concerns live here; each area's routes live in
 * their own module.
 */
import { OpenAPIHono } from "@hono/zod-openapi";

import { registerOpenApi } from "./api/openapi.ts";
import { ConfigurationError } from "./config/runtime.ts";
import { allowedMethods } from "./http/allowed-methods.ts";
import type { AppEnv } from "./http/app-env.ts";
import { demoContent } from "./http/demo-content.ts";
import { canonicalPath } from "./http/paths.ts";
import { problem, problemResponse } from "./http/problem.ts";
import { requestLog } from "./http/request-log.ts";
import { ADMIN_SCOPE, CONNECT_SCOPE } from "./identity/principal.ts";
import { requireBearer } from "./identity/require-bearer.ts";
import { identityRoutes } from "./identity/routes.ts";
import { adminInitializerFiles } from "./routes/admin-initializer-files.ts";
import { adminTemplates } from "./routes/admin-templates.ts";
import { executions } from "./routes/executions.ts";
import { sessionTemplates } from "./routes/session-templates.ts";
import { sessions } from "./routes/sessions.ts";
import { webApp } from "./web/routes.tsx";

export const app = new OpenAPIHono<AppEnv>({
  getPath: (req) => canonicalPath(new URL(req.url).pathname),
});

app.use(requestLog);
app.use("/api/*", async (c, next) => {
  await next();
  // After the handler: many answers are built as plain Responses, problems included.
  c.res.headers.set("cache-control", "no-store");
});
app.use("/api/v3/:datasourceId/connect/*", requireBearer(CONNECT_SCOPE));
app.use("/api/v3/:datasourceId/admin/*", requireBearer(ADMIN_SCOPE));
app.use("/api/*", demoContent);
app.use("/app/web/*", demoContent);

app.route("/", identityRoutes);
app.route("/", sessions);
// Before executions: `…/Session/Template/execute` names a template, not a session's Execute.
app.route("/", sessionTemplates);
app.route("/", executions);
app.route("/", adminTemplates);
app.route("/", adminInitializerFiles);
app.route("/", webApp);

registerOpenApi(app.openAPIRegistry);
app.doc31("/openapi.json", (c) => ({
  openapi: "3.1.0",
  info: {
    title: "Connect Session API",
    version: "3",
    description:
      "Create pre-filled document sessions and run them. Every path also answers under " +
      "the /webapi prefix, and static path segments match in any case.",
  },
  servers: [{ url: new URL(c.req.url).origin }],
}));

app.get("/health", (c) => c.json({ ok: true }));

app.notFound((c) => {
  const allowed = allowedMethods(app.routes, canonicalPath(new URL(c.req.url).pathname));
  if (allowed.length === 0) return problemResponse(problem("not-found", "No such endpoint."));

  const allow = allowed.join(", ");
  const detail = `This endpoint takes ${allow}.`;
  return problemResponse(problem("method-not-allowed", detail), { allow });
});

app.onError((err, c) => {
  const configuration = err instanceof ConfigurationError;
  console.error(
    JSON.stringify({
      event: "unexpected-error",
      requestId: c.var.requestId,
      error: err.name,
      message: err.message,
    }),
  );
  const detail = configuration
    ? "The service is not configured correctly; the operator has been told."
    : "Something unexpected went wrong; the request was not completed.";
  return problemResponse(problem("internal", detail));
});
