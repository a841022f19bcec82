/**
 * The upload check for a template file (spec §7: a template with syntax errors is
 * rejected at upload with the location of each error). Runs the same preparation as
 * generation, so whatever passes here also compiles there.
 */
import { prepareTemplate } from "./prepare.ts";
import type { TemplateProblem } from "./template-problems.ts";

/** Every problem found in the `.docx`; an empty list means the template is usable. */
export function checkTemplateDocx(bytes: Uint8Array): TemplateProblem[] {
  const result = prepareTemplate(bytes);
  return result.ok ? [] : result.problems;
}
