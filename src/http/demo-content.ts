/**
 * Local development starts with demo content: templates (catalog/demo-seed.ts) and session
 * templates with their data (session-templates/demo-seed.ts). This middleware seeds both,
 * once per isolate, before the first API or web-app request; only when ENVIRONMENT is
 * `development`, so a deployment never seeds anything.
 */
import { createMiddleware } from "hono/factory";

import { seedDemoTemplates } from "../catalog/demo-seed.ts";
import { runtimeOf } from "../config/runtime.ts";
import { seedDemoSessionTemplates } from "../session-templates/demo-seed.ts";

export const demoContent = createMiddleware<{ Bindings: Env }>(async (c, next) => {
  const runtime = runtimeOf(c.env);
  if (runtime.development) {
    const ids = runtime.config.dataSources.map((d) => d.id);
    await seedDemoTemplates(c.env, ids);
    // The HTTP demo initializer calls this Worker's own demo endpoint, wherever it answers.
    await seedDemoSessionTemplates(c.env, ids, new URL(c.req.url).origin);
  }
  await next();
});
