import { describe, expect, it } from "vitest";

import { readJsonText } from "../../src/connect/json-text.ts";

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function positionOf(text: string): { line: number | null; column: number | null } {
  const read = readJsonText(bytes(text));
  if (read.ok) throw new Error("expected malformed JSON");
  expect(read.issue).toMatchObject({ path: "", code: "malformed-json" });
  return { line: read.issue.line, column: read.issue.column };
}

describe("readJsonText", () => {
  it("returns the value of valid JSON, a UTF-8 byte-order mark removed", () => {
    expect(readJsonText(bytes('\uFEFF{"a":"b"}'))).toEqual({ ok: true, value: { a: "b" } });
  });

  it("gives the 1-based line and column of the offset the parser names", () => {
    expect(positionOf('{"a":1,}')).toEqual({ line: 1, column: 8 });
    expect(positionOf('{\n  "a": 1\n  "b": 2}')).toEqual({ line: 3, column: 3 });
  });

  it("counts a CR LF as one line end and columns in characters, not UTF-16 units", () => {
    expect(positionOf('{\r\n"a":"😀",}')).toEqual({ line: 2, column: 9 });
    expect(positionOf('{"a":1}\r\n\r\n  x')).toEqual({ line: 3, column: 3 });
  });

  it("leaves the position to line and column, so the message cannot contradict them", () => {
    const read = readJsonText(bytes('{"a":"😀😀", x}'));
    expect(read).toMatchObject({
      ok: false,
      issue: { line: 1, column: 12, message: "Expected double-quoted property name in JSON" },
    });
  });

  it("points after the last character when the input ends too early", () => {
    expect(positionOf('{"a":\n  [1,')).toEqual({ line: 2, column: 6 });
    expect(positionOf("")).toEqual({ line: 1, column: 1 });
  });

  it("leaves line and column null when the parser's message names no position", () => {
    expect(positionOf('{"a": }')).toEqual({ line: null, column: null });
  });

  it("refuses bytes that are not UTF-8, without a position", () => {
    const read = readJsonText(new Uint8Array([0x7b, 0xff, 0x7d]));
    expect(read).toEqual({
      ok: false,
      issue: {
        path: "",
        line: null,
        column: null,
        code: "malformed-json",
        message: "The body is not valid UTF-8.",
      },
    });
  });
});
