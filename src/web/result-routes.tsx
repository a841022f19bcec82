/**
 * After Generate: the result page (download, dialogs, deliveries, or the failure in words)
 * and the download of the stored answer body; after Cancel: the Cancelled page with the
 * dialogs of OnCancel and OnExit. Each checks the signed-in person, the session and that the
 * execution belongs to it.
 */
import { Hono } from "hono";

import { readAnswerBody, readReport } from "../execution/store.ts";
import { isGuid } from "../sessions/session-id.ts";
import { sessionStub } from "../sessions/session-service.ts";
import { readAnswerRecord } from "./answer-record.ts";
import { connectHref, executionHref, sessionNotFoundPage } from "./connect-view.tsx";
import { MESSAGES } from "./messages.ts";
import { Dialogs } from "./pages/dialogs.tsx";
import { MessagePage } from "./pages/layout.tsx";
import { ResultPage } from "./pages/result-page.tsx";
import { findUserSession, type FoundSession } from "./session-lookup.ts";
import { frameOf, requireUser, type WebContext } from "./web-context.ts";
import type { WebEnv } from "./web-env.ts";

export const resultRoutes = new Hono<WebEnv>();

resultRoutes.use("/app/web/result", requireUser);
resultRoutes.use("/app/web/download", requireUser);
resultRoutes.use("/app/web/cancelled", requireUser);

resultRoutes.get("/app/web/result", async (c) => {
  const execution = await findExecution(c);
  if (!execution) return sessionNotFoundPage(c);
  const { found, executionId, report, answer } = execution;

  const query = `sessionId=${found.session.sessionId}&datasourceId=${found.dataSource.id}&executionId=${executionId}`;
  const downloadable = answer.httpStatus === 200 && answer.bodyKey !== null;
  const frame = await frameOf(c, `/app/web/result?${query}`);
  return c.html(
    <ResultPage
      frame={frame}
      ok={answer.httpStatus < 400}
      failure={report.message}
      downloadHref={downloadable ? `/app/web/download?${query}` : null}
      dialogs={report.dialogs}
      deliveries={report.commands
        .filter((command) => command.type === "InvokeUrl")
        .map((command) => ({ ok: command.status === "Success", message: command.message }))}
      backHref={connectHref(found)}
    />,
  );
});

resultRoutes.get("/app/web/download", async (c) => {
  const execution = await findExecution(c);
  const key = execution?.answer.httpStatus === 200 ? execution.answer.bodyKey : null;
  const body = key ? await readAnswerBody(c.env.FILES, key) : null;
  if (!execution || !body) return sessionNotFoundPage(c);

  const headers = new Headers(execution.answer.headers);
  headers.set("cache-control", "no-store");
  return new Response(body, { status: 200, headers });
});

// ShowDialog commands of OnCancel and OnExit are shown here, as after Generate.
resultRoutes.get("/app/web/cancelled", async (c) => {
  const execution = await findReport(c);
  if (execution?.report.status !== "Cancelled") return sessionNotFoundPage(c);
  const { found, executionId, report } = execution;

  const m = MESSAGES[c.var.ui];
  const frame = await frameOf(c, executionHref("/app/web/cancelled", found, executionId));
  return c.html(
    <MessagePage frame={frame} title={m.cancelledTitle} text={m.cancelledText}>
      <Dialogs dialogs={report.dialogs} ui={c.var.ui} />
    </MessagePage>,
  );
});

/** The execution the query names, with its report; null unless all of it is the person's. */
async function findReport(c: WebContext) {
  const found: FoundSession | null = await findUserSession(
    c.env,
    c.var.user,
    c.req.query("sessionId"),
    c.req.query("datasourceId"),
  );
  const executionId = (c.req.query("executionId") ?? "").toLowerCase();
  if (!found || !isGuid(executionId)) return null;
  c.set("sessionId", found.session.sessionId);
  c.set("frameAncestors", found.dataSource.frameAncestors);

  const access = { owner: null, dataSource: found.dataSource.id };
  const known = await sessionStub(c.env, found.session.sessionId).hasExecution(access, executionId);
  if (!known.ok || !known.known) return null;

  const report = await readReport(c.env.FILES, found.session.sessionId, executionId);
  if (!report) return null;
  return { found, executionId, report };
}

/** A Generate execution: its report and the record of the answer the person downloads. */
async function findExecution(c: WebContext) {
  const execution = await findReport(c);
  if (!execution) return null;
  const { found, executionId } = execution;
  const answer = await readAnswerRecord(c.env.FILES, found.session.sessionId, executionId);
  if (!answer) return null;
  return { ...execution, answer };
}
