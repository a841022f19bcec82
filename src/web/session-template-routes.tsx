/**
 * A session template started from a link (spec §8): `/app/web/session/template/{Name}?…`
 * creates the session for the signed-in person, with the link's `Forms.*`, `Data.*` and other
 * parameters, and forwards the browser to the web app's connect page.
 */
import { Hono } from "hono";

import { findDataSource, type DataSource } from "../config/config.ts";
import { runtimeOf } from "../config/runtime.ts";
import { startSessionTemplate, type StartResult } from "../session-templates/start.ts";
import { MESSAGES } from "./messages.ts";
import { Dialogs } from "./pages/dialogs.tsx";
import { MessagePage } from "./pages/layout.tsx";
import { webActor, type WebUser } from "./user-session.ts";
import { frameOf, requireUser } from "./web-context.ts";
import type { WebEnv } from "./web-env.ts";

/** Query parameters that steer the web app and never reach the initializers. */
const WEB_PARAMETERS = new Set(["datasourceid", "lang"]);

export const sessionTemplateRoutes = new Hono<WebEnv>();

sessionTemplateRoutes.get("/app/web/session/template/:name", requireUser, async (c) => {
  const user = c.var.user;
  const name = c.req.param("name");
  const m = MESSAGES[c.var.ui];
  // The language links on a failure page repeat the same start, parameters included: without
  // them a click would start the template with none.
  const url = new URL(c.req.url);
  const frame = await frameOf(c, `${url.pathname}${url.search}`);

  const params = new Map<string, string>();
  for (const [key, value] of url.searchParams) {
    if (!WEB_PARAMETERS.has(key.toLowerCase())) params.set(key, value);
  }

  // The link's data source, or else each of the person's until one holds the template.
  for (const dataSource of dataSourcesOf(c.env, user, c.req.query("datasourceId"))) {
    const started = await startSessionTemplate(c.env, {
      dataSource,
      name,
      params,
      owner: webActor(user).clientId,
      actor: webActor(user),
    });
    if (!started.ok && started.reason === "not-found") continue;
    if (started.ok) {
      const target = `/app/web/connect?sessionId=${started.sessionId}&datasourceId=${dataSource.id}`;
      return c.redirect(target, 303);
    }

    const detail =
      started.reason === "initializer-failed"
        ? started.failed.message
        : started.reason === "invalid-parameters"
          ? started.problems.join(" ")
          : started.issues.map((i) => i.message).join(" ");
    c.status(failedStartStatus(started));
    // The definition's own words for a failure: ShowDialog commands of Initialization/OnError.
    const dialogs = started.reason === "initializer-failed" ? started.dialogs : [];
    return c.html(
      <MessagePage
        frame={frame}
        title={m.sessionTemplateFailedTitle}
        text={m.sessionTemplateFailedText(detail)}
      >
        <Dialogs dialogs={dialogs} ui={c.var.ui} />
      </MessagePage>,
    );
  }

  c.status(404);
  return c.html(
    <MessagePage
      frame={frame}
      title={m.notFoundTitle}
      text={m.sessionTemplateNotFoundText(name)}
    />,
  );
});

/**
 * The same statuses as the API (session-templates.md): 400 for a link whose parameters are
 * not valid, 422 for what the definition cannot produce, 502 for a failing source, 504 for
 * one that did not answer.
 */
function failedStartStatus(
  started: Exclude<StartResult, { ok: true } | { reason: "not-found" }>,
): 400 | 422 | 502 | 504 {
  if (started.reason === "invalid-parameters") return 400;
  if (started.reason === "unsupported-feature") return 422;
  if (started.failure === "upstream") return 502;
  if (started.failure === "timeout") return 504;
  return 422;
}

function dataSourcesOf(env: Env, user: WebUser, wanted: string | undefined): DataSource[] {
  const ids = wanted ? [wanted.toLowerCase()] : user.dataSources;
  const config = runtimeOf(env).config;
  return ids
    .filter((id) => user.dataSources.includes(id))
    .map((id) => findDataSource(config, id))
    .filter((d): d is DataSource => d !== undefined);
}
