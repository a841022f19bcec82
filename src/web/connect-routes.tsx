/**
 * The session link's pages: the connect page (picker or form), Generate, Cancel and the
 * keep-alive ping. Each handler finds the session for the signed-in person, checks the CSRF
 * token of a post, calls one domain function and maps its result to a page or a redirect.
 */
import { Hono } from "hono";

import { runExecution } from "../execution/run-execution.ts";
import { isoDate } from "../sessions/lifetime.ts";
import { storeAnswerRecord } from "./answer-record.ts";
import {
  connectHref,
  executionHref,
  expiredFormPage,
  initialState,
  renderForm,
  sessionCancelledPage,
  sessionNotFoundPage,
  templateFor,
} from "./connect-view.tsx";
import { acceptedLanguage } from "./document-language.ts";
import { parseFormPost } from "./form-values.ts";
import { findUserSession, type FoundSession } from "./session-lookup.ts";
import { webActor } from "./user-session.ts";
import { csrfValid, formOf, requireUser, type WebContext } from "./web-context.ts";
import type { WebEnv } from "./web-env.ts";

export const connectRoutes = new Hono<WebEnv>();

connectRoutes.use("/app/web/connect", requireUser);
connectRoutes.use("/app/web/connect/*", requireUser);
connectRoutes.use("/app/web/keep-alive", requireUser);

connectRoutes.get("/app/web/connect", async (c) => {
  const found = await findUserSession(
    c.env,
    c.var.user,
    c.req.query("sessionId"),
    c.req.query("datasourceId"),
  );
  if (!found) return sessionNotFoundPage(c);
  c.set("sessionId", found.session.sessionId);
  c.set("frameAncestors", found.dataSource.frameAncestors);
  if (found.session.cancelled) return sessionCancelledPage(c, found, 200);

  const template = await templateFor(c, found, c.req.query("templateId") ?? null);
  if (template instanceof Response) return template;
  return renderForm(c, found, template, initialState(found, template), 200);
});

connectRoutes.post("/app/web/connect/generate", async (c) => {
  const posted = await postedSession(c, "generate");
  if (posted instanceof Response) return posted;
  const { form, found } = posted;
  const sessionId = found.session.sessionId;
  // Before the fields are judged: a cancelled session takes no Create, so asking the person
  // to correct them would only lead to this page one submit later.
  if (found.session.cancelled) return sessionCancelledPage(c, found, 409);

  const template = await templateFor(c, found, form.templateId ?? null);
  if (template instanceof Response) return template;
  const parsed = parseFormPost(template.formFields, form);
  const language = acceptedLanguage(template, form.language ?? "");
  // A form posted for a template the session no longer offers (the catalog changed under the
  // page) is not generated with another template: the person sees that template's form with
  // what they entered for fields of the same id, and decides again.
  const templateChanged = template.id !== form.templateId?.toLowerCase();
  if (templateChanged || language === null || Object.keys(parsed.errors).length > 0) {
    const state = {
      entered: parsed.entered,
      errors: templateChanged ? {} : parsed.errors,
      language: language ?? template.defaultLanguage,
      languageError: !templateChanged && language === null,
      templateChanged,
    };
    return renderForm(c, found, template, state, templateChanged ? 409 : 422);
  }

  const outcome = await runExecution(c.env, {
    sessionId,
    access: { owner: null, dataSource: found.dataSource.id },
    kind: "execute",
    idempotency: null,
    choice: { templateId: template.id, language, forms: parsed.values },
    actor: webActor(c.var.user),
    dataSource: found.dataSource,
    // The person pressed Generate: they get the document even when no DownloadFile asks.
    deliverDocument: true,
  });
  if (outcome.kind === "cancelled") return sessionCancelledPage(c, found, 409);
  if (outcome.kind !== "answered") return sessionNotFoundPage(c);

  await storeAnswerRecord(c.env.FILES, sessionId, outcome.executionId, outcome.answer);
  return c.redirect(executionHref("/app/web/result", found, outcome.executionId), 303);
});

// The page script posts the form here when the person switches the UI language (`?lang=`,
// which the language middleware reads and remembers), so what they typed survives the switch.
// Nothing is generated and no field is judged yet; Generate checks them as always.
connectRoutes.post("/app/web/connect/switch-language", async (c) => {
  // The switch is part of filling in the form, so it carries the Generate token.
  const posted = await postedSession(c, "generate");
  if (posted instanceof Response) return posted;
  const { form, found } = posted;
  if (found.session.cancelled) return sessionCancelledPage(c, found, 409);

  const template = await templateFor(c, found, form.templateId ?? null);
  if (template instanceof Response) return template;
  const templateChanged = template.id !== form.templateId?.toLowerCase();
  const state = {
    entered: parseFormPost(template.formFields, form).entered,
    errors: {},
    language: acceptedLanguage(template, form.language ?? "") ?? template.defaultLanguage,
    languageError: false,
    templateChanged,
  };
  return renderForm(c, found, template, state, templateChanged ? 409 : 200);
});

connectRoutes.post("/app/web/connect/cancel", async (c) => {
  const posted = await postedSession(c, "cancel");
  if (posted instanceof Response) return posted;
  const { found } = posted;
  const sessionId = found.session.sessionId;

  const outcome = await runExecution(c.env, {
    sessionId,
    access: { owner: null, dataSource: found.dataSource.id },
    kind: "cancel",
    idempotency: null,
    choice: { templateId: null, language: null, forms: null },
    actor: webActor(c.var.user),
    dataSource: found.dataSource,
  });
  if (outcome.kind === "cancelled") return sessionCancelledPage(c, found, 409);
  if (outcome.kind !== "answered") return sessionNotFoundPage(c);

  // Post/redirect/get, as after Generate: the Cancelled page has an address of its own, so its
  // language links and a reload keep the person there instead of leading back to the form.
  return c.redirect(executionHref("/app/web/cancelled", found, outcome.executionId), 303);
});

/** Opening the session renews it (spec §3), which is all the ping is for. */
connectRoutes.post("/app/web/keep-alive", async (c) => {
  const sessionId = (c.req.query("sessionId") ?? "").toLowerCase();
  const token = c.req.header("x-csrf-token");
  if (!(await csrfValid(c, c.var.user.jti, `keep-alive:${sessionId}`, token))) {
    return c.json({ open: false }, 403);
  }
  const found = await findUserSession(c.env, c.var.user, sessionId, c.req.query("datasourceId"));
  if (!found) return c.json({ open: false }, 404);
  return c.json({ open: true, expiresAt: isoDate(found.session.expiresAt) });
});

/**
 * The session a form post names, once the person may reach it and the form's CSRF token for
 * `purpose` holds; otherwise the page to answer with.
 */
async function postedSession(
  c: WebContext,
  purpose: "generate" | "cancel",
): Promise<{ form: Record<string, string | undefined>; found: FoundSession } | Response> {
  const form = await formOf(c);
  const found = await findUserSession(c.env, c.var.user, form.sessionId, form.datasourceId);
  if (!found) return sessionNotFoundPage(c);
  const sessionId = found.session.sessionId;
  c.set("sessionId", sessionId);
  c.set("frameAncestors", found.dataSource.frameAncestors);
  if (!(await csrfValid(c, c.var.user.jti, `${purpose}:${sessionId}`, form.csrf))) {
    return expiredFormPage(c, connectHref(found));
  }
  return { form, found };
}
