/**
 * Reading a JSON body's text: UTF-8 bytes to the value `JSON.parse` returns, or one
 * `malformed-json` issue that says where the text breaks. Shared by session create and
 * Execute, so both place a syntax error the same way (docs/connect-payload.md).
 */
import type { PayloadIssue } from "./model.ts";

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; issue: PayloadIssue };

/** V8 names the UTF-16 offset of the offending character: "… in JSON at position 7 …". */
const AT_POSITION = /\bat position (\d+)\b/;
/** The position V8 writes into its message: " at position 7" and " (line 1 column 8)". */
const POSITION_SUFFIX = / at position \d+(?: \(line \d+ column \d+\))?/;
/** V8's words when the text stops inside a value; the parser stood at its very end. */
const END_OF_INPUT = "Unexpected end of JSON input";

export function readJsonText(bytes: Uint8Array): JsonTextResult {
  let text: string;
  try {
    // A UTF-8 byte-order mark is removed here; positions count from after it.
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return malformed("The body is not valid UTF-8.", null);
  }

  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const message = error instanceof Error ? error.message : "The body is not valid JSON.";
    const offset = errorOffset(message, text.length);
    if (offset === null) return malformed(message, null);
    // V8 appends its own offset and column in UTF-16 units; line and column say it in
    // characters, so the message leaves the position to them instead of contradicting them.
    return malformed(message.replace(POSITION_SUFFIX, ""), positionAt(text, offset));
  }
}

/**
 * The offset a `JSON.parse` message names, the text's end when it ran out, or null when the
 * message says neither (other runtimes, or V8's "Unexpected token" with a quoted excerpt).
 */
function errorOffset(message: string, length: number): number | null {
  const named = AT_POSITION.exec(message)?.[1];
  if (named !== undefined) return Math.min(Number(named), length);
  return message.startsWith(END_OF_INPUT) ? length : null;
}

/**
 * 1-based line and column of a UTF-16 offset, counted as for XML payloads: a CR LF, a lone
 * CR and an LF each end a line, and columns count characters (code points).
 */
function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0d || code === 0x0a) {
      if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a && i + 1 < offset) i++;
      line++;
      column = 1;
      continue;
    }
    // The high half of a surrogate pair counts; its low half is the same character.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < offset) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    column++;
  }
  return { line, column };
}

function malformed(
  message: string,
  position: { line: number; column: number } | null,
): JsonTextResult {
  return {
    ok: false,
    issue: {
      path: "",
      line: position?.line ?? null,
      column: position?.column ?? null,
      code: "malformed-json",
      message,
    },
  };
}
