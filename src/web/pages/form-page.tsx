/**
 * The template's form: fields pre-filled from the session, the Data values the template uses
 * (read-only), the document language, and the generate and cancel buttons. It also says how
 * long the session stays open, and the script keeps it open while the page is.
 */
import type { TemplateMeta } from "../../templates/model.ts";
import { languageLabel } from "../document-language.ts";
import type { EnteredValues, FieldError } from "../form-values.ts";
import { MESSAGES } from "../messages.ts";
import { controlId, errorText, FormField } from "./form-field.tsx";
import { Layout, type PageFrame } from "./layout.tsx";

export interface SessionRef {
  sessionId: string;
  dataSourceId: string;
}

export interface FormProps {
  frame: PageFrame;
  session: SessionRef;
  template: TemplateMeta;
  entered: EnteredValues;
  errors: Record<string, FieldError>;
  language: string;
  languageError: boolean;
  /** The posted form belonged to a template the session no longer offers; this is its successor. */
  templateChanged: boolean;
  /** Label (or id) and value as text, for the template's data fields the session has. */
  data: [string, string][];
  expiresAt: string;
  tokens: { generate: string; cancel: string; keepAlive: string };
}

export function FormPage(props: FormProps) {
  const { frame, template, session } = props;
  const ui = frame.ui;
  const m = MESSAGES[ui];
  const hasErrors = props.languageError || Object.keys(props.errors).length > 0;
  const keepAlive = `/app/web/keep-alive?sessionId=${session.sessionId}&datasourceId=${session.dataSourceId}`;

  return (
    <Layout frame={frame} title={template.name[ui]}>
      <p class="hint" data-keep-alive={keepAlive} data-token={props.tokens.keepAlive}>
        {m.expiresNote}{" "}
        <time datetime={props.expiresAt} data-local="">
          {props.expiresAt.slice(11, 16)} UTC
        </time>
      </p>
      {props.templateChanged && (
        <p class="error" role="alert">
          {m.templateChanged}
        </p>
      )}
      {hasErrors && !props.templateChanged && (
        // Focused on load (autofocus, no script needed), so keyboard and screen-reader users
        // land on what went wrong; each entry links to its field.
        <div class="error-summary" id="error-summary" role="alert" tabindex={-1} autofocus>
          <p class="error">{m.formHasErrors}</p>
          <ul>
            {template.formFields.flatMap((field) => {
              const error = props.errors[field.id];
              if (error === undefined) return [];
              return (
                <li>
                  <a href={`#${controlId(field)}`}>
                    {field.label[ui]}: {errorText(m, error)}
                  </a>
                </li>
              );
            })}
            {props.languageError && (
              <li>
                <a href="#document-language">
                  {m.documentLanguage}: {m.errorLanguage}
                </a>
              </li>
            )}
          </ul>
        </div>
      )}
      {props.data.length > 0 && (
        <section aria-labelledby="data-heading">
          <h2 id="data-heading">{m.dataHeading}</h2>
          <dl class="data">
            {props.data.map(([label, value]) => (
              <>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </>
            ))}
          </dl>
        </section>
      )}
      <form
        method="post"
        action="/app/web/connect/generate"
        novalidate
        data-language-switch="/app/web/connect/switch-language"
      >
        <input type="hidden" name="sessionId" value={session.sessionId} />
        <input type="hidden" name="datasourceId" value={session.dataSourceId} />
        <input type="hidden" name="templateId" value={template.id} />
        <input type="hidden" name="csrf" value={props.tokens.generate} />
        {template.formFields.map((field) => (
          <FormField
            field={field}
            value={props.entered[field.id] ?? ""}
            error={props.errors[field.id]}
            ui={ui}
          />
        ))}
        <label for="document-language">{m.documentLanguage}</label>
        <select
          id="document-language"
          name="language"
          aria-invalid={props.languageError ? "true" : undefined}
          aria-describedby={props.languageError ? "document-language-error" : undefined}
        >
          {template.languages.map((language) => (
            <option value={language} selected={language === props.language}>
              {languageLabel(language, ui)}
            </option>
          ))}
        </select>
        {props.languageError && (
          <p class="error" id="document-language-error">
            {m.errorLanguage}
          </p>
        )}
        {/* Cancel sits next to Create but submits its own form (its own CSRF purpose) through
            the form attribute; Enter in a field still submits Create, the first button of
            this form. */}
        <div class="actions">
          <button type="submit">{m.generate}</button>
          <button type="submit" form="cancel-form" class="secondary">
            {m.cancel}
          </button>
        </div>
      </form>
      <form id="cancel-form" method="post" action="/app/web/connect/cancel">
        <input type="hidden" name="sessionId" value={session.sessionId} />
        <input type="hidden" name="datasourceId" value={session.dataSourceId} />
        <input type="hidden" name="csrf" value={props.tokens.cancel} />
      </form>
    </Layout>
  );
}
