/**
 * The readable form of a demo template: catalog metadata plus, per document language,
 * the header, body and footer as a few block and inline kinds. `build.ts` turns these into
 * `.docx` files; nothing here knows WordprocessingML.
 */
import type { TemplateMeta } from "../../src/templates/model.ts";

/**
 * A piece of paragraph text. A plain string may hold `{Forms.X}` tags; `split` writes its
 * pieces as separate runs, the way Word splits a tag after an edit; `control` is an inline
 * content control bound to a field, showing `placeholder` until it is filled.
 */
export type Inline =
  string | { strong: string } | { split: string[] } | { control: string; placeholder: string };

export type Block =
  | { paragraph: Inline[]; style?: "Title" | "Heading1" }
  /** A table with a header row and one row repeated by a loop over `loop` (a collection). */
  | { table: { loop: string; header: string[]; cells: string[] } }
  /** A block-level content control whose content is one paragraph. */
  | { blockControl: string; placeholder: string };

export interface DemoContent {
  header: Inline[];
  body: Block[];
  footer: Inline[];
}

export interface DemoTemplateSource {
  meta: Omit<TemplateMeta, "files">;
  /**
   * Content per file: culture tag → content for one file per language, or only `"*"` for
   * one file that serves every language of the template.
   */
  content: Record<string, DemoContent>;
}
