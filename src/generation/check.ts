/**
 * The upload check for a template file (spec §7: a template with syntax errors is
 * rejected at upload with the location of each error). Runs the same preparation as
 * generation, so whatever passes here also compiles there, and then reads the other parts.
 */
import { copiedPartProblems, prepareTemplate } from "./prepare.ts";
import type { TemplateProblem } from "./template-problems.ts";

/**
 * Every problem found in the `.docx`; an empty list means the template is usable. Beyond
 * what generation prepares, the parts it copies unread are checked too: a broken style or
 * relationships part would make every generated document one that Word refuses.
 */
export function checkTemplateDocx(bytes: Uint8Array): TemplateProblem[] {
  const result = prepareTemplate(bytes);
  return result.ok ? copiedPartProblems(result.template) : result.problems;
}
