/**
 * What the connect page shows for a session (spec §5 step 1, web app): the form of the one
 * template, a picker, or why neither. Pure over the templates the session's reference matched.
 */
import type { TemplateRef } from "../connect/model.ts";
import type { TemplateMeta } from "../templates/model.ts";

export type TemplateChoice =
  | { kind: "form"; template: TemplateMeta }
  | { kind: "picker"; templates: TemplateMeta[] }
  | { kind: "ambiguous" }
  | { kind: "none" };

/**
 * `pickedId` is the person's pick from the picker; it counts only among the matches. A
 * picker appears when the session names no template, or its tag filter allows one.
 */
export function chooseTemplate(
  matches: TemplateMeta[],
  ref: TemplateRef | null,
  pickedId: string | null,
): TemplateChoice {
  const picked = pickedId?.toLowerCase();
  const mayPick = ref === null || (ref.kind === "tags" && ref.allowTemplatePicker);
  if (picked && mayPick) {
    const template = matches.find((t) => t.id === picked);
    if (template) return { kind: "form", template };
  }

  const [only] = matches;
  if (only === undefined) return { kind: "none" };
  if (matches.length === 1) return { kind: "form", template: only };
  return mayPick ? { kind: "picker", templates: matches } : { kind: "ambiguous" };
}
