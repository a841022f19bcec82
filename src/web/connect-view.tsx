/**
 * Renders the connect page for a found session: the form of the chosen template, the picker,
 * or a page saying why there is neither. Shared by the page itself and by a Generate post
 * whose fields need correcting.
 */
import { matchTemplates } from "../catalog/catalog-service.ts";
import type { TemplateMeta } from "../templates/model.ts";
import { dataRows } from "./data-display.ts";
import { preselectedLanguage } from "./document-language.ts";
import { initialEntries, type EnteredValues, type FieldError } from "./form-values.ts";
import { MESSAGES } from "./messages.ts";
import { FormPage } from "./pages/form-page.tsx";
import { MessagePage } from "./pages/layout.tsx";
import { PickerPage } from "./pages/picker-page.tsx";
import type { FoundSession } from "./session-lookup.ts";
import { chooseTemplate } from "./template-choice.ts";
import { csrfFor, frameOf, type WebContext } from "./web-context.ts";

export function connectHref(found: FoundSession): string {
  return `/app/web/connect?sessionId=${found.session.sessionId}&datasourceId=${found.dataSource.id}`;
}

/** A page about one execution of the session: the result after Generate, or Cancelled. */
export function executionHref(path: string, found: FoundSession, executionId: string): string {
  return `${path}?sessionId=${found.session.sessionId}&datasourceId=${found.dataSource.id}&executionId=${executionId}`;
}

/** The template the session offers under this pick, or a rendered page instead of a form. */
export async function templateFor(
  c: WebContext,
  found: FoundSession,
  pickedId: string | null,
): Promise<TemplateMeta | Response> {
  const connect = found.session.connect;
  const matches = await matchTemplates(c.env, found.dataSource.id, connect.template);
  const choice = chooseTemplate(matches, connect.template, pickedId);
  const here = connectHref(found);
  const frame = await frameOf(c, here);
  const m = MESSAGES[c.var.ui];

  switch (choice.kind) {
    case "form":
      return choice.template;
    case "picker":
      return c.html(<PickerPage frame={frame} connectHref={here} templates={choice.templates} />);
    case "ambiguous":
      return c.html(
        <MessagePage frame={frame} title={m.ambiguousTitle} text={m.ambiguousText} />,
        409,
      );
    case "none":
      return c.html(
        <MessagePage frame={frame} title={m.noTemplateTitle} text={m.noTemplateText} />,
        404,
      );
  }
}

export interface FormState {
  entered: EnteredValues;
  errors: Record<string, FieldError>;
  language: string;
  languageError: boolean;
  templateChanged: boolean;
}

export function initialState(found: FoundSession, template: TemplateMeta): FormState {
  const connect = found.session.connect;
  return {
    entered: initialEntries(template.formFields, connect.forms),
    errors: {},
    language: preselectedLanguage(
      template,
      connect.documentLanguage,
      found.dataSource.defaultLanguage,
    ),
    languageError: false,
    templateChanged: false,
  };
}

export async function renderForm(
  c: WebContext,
  found: FoundSession,
  template: TemplateMeta,
  state: FormState,
  status: 200 | 409 | 422,
): Promise<Response> {
  const { session } = found;
  const jti = c.var.user.jti;
  const id = session.sessionId;
  const frame = await frameOf(c, `${connectHref(found)}&templateId=${template.id}`);
  return c.html(
    <FormPage
      frame={frame}
      session={{ sessionId: id, dataSourceId: found.dataSource.id }}
      template={template}
      entered={state.entered}
      errors={state.errors}
      language={state.language}
      languageError={state.languageError}
      templateChanged={state.templateChanged}
      data={dataRows(template, session.connect.data, c.var.ui)}
      expiresAt={new Date(session.expiresAt).toISOString()}
      tokens={{
        generate: await csrfFor(c, jti, `generate:${id}`),
        cancel: await csrfFor(c, jti, `cancel:${id}`),
        keepAlive: await csrfFor(c, jti, `keep-alive:${id}`),
      }}
    />,
    status,
  );
}

export async function sessionNotFoundPage(c: WebContext): Promise<Response> {
  const m = MESSAGES[c.var.ui];
  const url = new URL(c.req.url);
  const here = c.req.method === "GET" ? `${url.pathname}${url.search}` : "/app/web/";
  const frame = await frameOf(c, here);
  return c.html(
    <MessagePage frame={frame} title={m.sessionNotFoundTitle} text={m.sessionNotFoundText} />,
    404,
  );
}

/**
 * A session whose Cancel ran takes no Generate or Cancel (docs/api.md): whoever opens its
 * link again learns that it was cancelled. Language links lead to the session link, which
 * shows this page again.
 */
export async function sessionCancelledPage(
  c: WebContext,
  found: FoundSession,
  status: 200 | 409,
): Promise<Response> {
  const m = MESSAGES[c.var.ui];
  const frame = await frameOf(c, connectHref(found));
  return c.html(
    <MessagePage frame={frame} title={m.cancelledTitle} text={m.cancelledText} />,
    status,
  );
}

export async function expiredFormPage(c: WebContext, back: string): Promise<Response> {
  const m = MESSAGES[c.var.ui];
  const frame = await frameOf(c, back);
  return c.html(
    <MessagePage frame={frame} title={m.expiredFormTitle} text={m.expiredFormText} />,
    403,
  );
}
