/**
 * Characters that XML 1.0 cannot carry (XML 1.0 §2.2 `Char`): C0 controls other than tab,
 * line feed and carriage return, unpaired surrogates, U+FFFE and U+FFFF. Word refuses a
 * document that holds one, so they are dropped from values and the caller is told.
 */

const NOT_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export interface CleanText {
  text: string;
  /** How many characters were dropped. */
  dropped: number;
}

/** `text` without the characters XML 1.0 cannot carry. */
export function dropNonXmlChars(text: string): CleanText {
  let dropped = 0;
  const clean = text.replace(NOT_XML_CHAR, () => {
    dropped += 1;
    return "";
  });
  return { text: clean, dropped };
}
