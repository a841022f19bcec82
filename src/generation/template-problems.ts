/**
 * Template problems as values: what an upload check or a failed compile reports, one entry
 * per error with where it is. Maps docxtemplater's errors (a `MultiError` whose
 * `properties.errors` each carry `id`, `explanation`, `xtag`, `file`, `offset`).
 */

export interface TemplateProblem {
  /** docxtemplater's error id (`unclosed_loop`, …) or ours (`broken-zip`, …). */
  code: string;
  message: string;
  /** Part name inside the package (`word/document.xml`); null for the package itself. */
  part: string | null;
  /** The tag involved, without delimiters, when there is one. */
  tag: string | null;
  /** Character offset in the part's text (its `w:t` contents joined), when known. */
  offset: number | null;
}

export function packageProblem(
  code: string,
  message: string,
  part: string | null = null,
): TemplateProblem {
  return { code, message, part, tag: null, offset: null };
}

/**
 * The problems inside a docxtemplater error, or null when `error` is not one (then it is
 * unexpected and should propagate).
 */
export function problemsFromDocxtemplater(error: unknown): TemplateProblem[] | null {
  const properties = propertiesOf(error);
  if (properties === null || typeof properties.id !== "string") {
    return null;
  }
  const inner = properties.errors;
  if (!Array.isArray(inner)) {
    return [toProblem(properties)];
  }
  return inner.map((e: unknown) => toProblem(propertiesOf(e) ?? {}));
}

function toProblem(properties: Record<string, unknown>): TemplateProblem {
  const id = typeof properties.id === "string" ? properties.id : "template_error";
  let message = typeof properties.explanation === "string" ? properties.explanation : id;
  const root = properties.rootError;
  if (root instanceof Error) {
    message = `${message}: ${root.message}`;
  }
  return {
    code: id,
    message,
    part: typeof properties.file === "string" ? properties.file : null,
    tag: typeof properties.xtag === "string" ? properties.xtag : null,
    offset: offsetOf(properties.offset),
  };
}

/** docxtemplater gives one offset, or a pair for errors spanning two tags: keep the first. */
function offsetOf(offset: unknown): number | null {
  if (typeof offset === "number") {
    return offset;
  }
  if (Array.isArray(offset) && typeof offset[0] === "number") {
    return offset[0];
  }
  return null;
}

function propertiesOf(error: unknown): Record<string, unknown> | null {
  if (typeof error !== "object" || error === null || !("properties" in error)) {
    return null;
  }
  const properties = error.properties;
  if (typeof properties !== "object" || properties === null) {
    return null;
  }
  // SAFETY: a non-null object; every field is checked before use.
  return properties as Record<string, unknown>;
}
