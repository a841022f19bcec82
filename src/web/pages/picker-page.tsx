/** The template picker: every template the session offers, by name, tags and languages. */
import type { TemplateMeta } from "../../templates/model.ts";
import { MESSAGES } from "../messages.ts";
import { Layout, type PageFrame } from "./layout.tsx";

export interface PickerProps {
  frame: PageFrame;
  /** The connect page's address without a template, to add the pick to. */
  connectHref: string;
  templates: TemplateMeta[];
}

export function PickerPage(props: PickerProps) {
  const ui = props.frame.ui;
  const m = MESSAGES[ui];
  return (
    <Layout frame={props.frame} title={m.pickerTitle}>
      <p>{m.pickerIntro}</p>
      <ul class="templates">
        {props.templates.map((template) => (
          <li>
            <h2 id={`t-${template.id}`}>{template.name[ui]}</h2>
            <p class="hint">
              {m.tags}: {template.tags.join(", ")} · {m.languages}: {template.languages.join(", ")}
            </p>
            <a
              class="button"
              href={`${props.connectHref}&templateId=${template.id}`}
              aria-describedby={`t-${template.id}`}
            >
              {m.choose}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
