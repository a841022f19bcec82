import { describe, expect, it } from "vitest";

import { MAX_NAME_LENGTH, MAX_XML_DEPTH } from "../../src/connect/limits.ts";
import { parseConnectXml } from "../../src/connect/parse-xml.ts";
import { connectOf, connectXml, issuesOf, malformedIssue } from "./results.ts";

const encoder = new TextEncoder();

describe("parseConnectXml: malformed XML", () => {
  const cases: [string, string | Uint8Array, string, number, number][] = [
    [
      "an element that is never closed",
      '<primedocsConnect>\n  <Forms>\n    <Value Key="A">text',
      "unclosed-element",
      3,
      5,
    ],
    [
      "an unclosed Value",
      connectXml('<Forms><Value Key="A">x</Forms>'),
      "mismatched-close-tag",
      1,
      42,
    ],
    [
      "a mismatched close tag",
      "<primedocsConnect>\n<Forms></Data>\n</primedocsConnect>",
      "mismatched-close-tag",
      2,
      8,
    ],
    [
      "a close tag with a longer name",
      "<primedocsConnect></primedocsConnectX>",
      "mismatched-close-tag",
      1,
      19,
    ],
    ["a second root element", "<primedocsConnect/>\n<primedocsConnect/>", "multiple-roots", 2, 1],
    ["bytes after the root", "<primedocsConnect/>\n  junk", "content-after-root", 2, 3],
    ["text before the root", "hello<primedocsConnect/>", "text-before-root", 1, 1],
    ["an empty payload", "  \n", "missing-root", 2, 1],
    [
      "an unknown entity",
      connectXml('<Forms>\n<Value Key="A">a&nbsp;b</Value></Forms>'),
      "invalid-reference",
      2,
      17,
    ],
    [
      "a bare ampersand",
      connectXml('<Forms><Value Key="A">a & b</Value></Forms>'),
      "invalid-reference",
      1,
      43,
    ],
    [
      "a reference to NUL",
      connectXml('<Forms><Value Key="A">&#0;</Value></Forms>'),
      "invalid-reference",
      1,
      41,
    ],
    [
      "a reference to a surrogate",
      connectXml("<Forms>&#xD800;</Forms>"),
      "invalid-reference",
      1,
      26,
    ],
    [
      "a reference beyond Unicode",
      connectXml("<Forms>&#99999999999;</Forms>"),
      "invalid-reference",
      1,
      26,
    ],
    [
      "a capital X in a hex reference",
      connectXml("<Forms>&#X41;</Forms>"),
      "invalid-reference",
      1,
      26,
    ],
    [
      "an unknown entity in an attribute",
      connectXml('<Template Id="&foo;"/>'),
      "invalid-reference",
      1,
      33,
    ],
    [
      "a DOCTYPE that defines entities",
      '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>\n<primedocsConnect>&lol2;</primedocsConnect>',
      "doctype-not-allowed",
      2,
      1,
    ],
    ["a DOCTYPE inside the root", connectXml("<!DOCTYPE x>"), "doctype-not-allowed", 1, 19],
    [
      "a processing instruction",
      '<?xml-stylesheet href="a"?><primedocsConnect/>',
      "processing-instruction-not-allowed",
      1,
      1,
    ],
    [
      "a processing instruction inside",
      connectXml("<?php echo 1 ?>"),
      "processing-instruction-not-allowed",
      1,
      19,
    ],
    [
      "an XML declaration that is not first",
      ' <?xml version="1.0"?><primedocsConnect/>',
      "invalid-xml-declaration",
      1,
      2,
    ],
    [
      "an XML declaration without version",
      "<?xml encoding='utf-8'?><primedocsConnect/>",
      "invalid-xml-declaration",
      1,
      1,
    ],
    [
      "a declared encoding other than UTF-8",
      '<?xml version="1.0" encoding="ISO-8859-1"?><primedocsConnect/>',
      "unsupported-encoding",
      1,
      1,
    ],
    [
      "an attribute without quotes",
      "<primedocsConnect>\n<Template Id=abc/>",
      "unquoted-attribute",
      2,
      14,
    ],
    [
      "an attribute without a value",
      "<primedocsConnect>\n<Template Id/>",
      "unquoted-attribute",
      2,
      13,
    ],
    [
      "a duplicate attribute",
      connectXml('<Forms><Value Key="A" Key="B"/></Forms>'),
      "duplicate-attribute",
      1,
      41,
    ],
    [
      "< inside an attribute value",
      connectXml('<Forms><Value Key="a<b"/></Forms>'),
      "lt-in-attribute-value",
      1,
      39,
    ],
    [
      "attributes without space between them",
      connectXml('<DocumentLanguage Code="en"Id="x"/>'),
      "syntax-error",
      1,
      46,
    ],
    ["]]> in text", connectXml("<Forms>]]></Forms>"), "syntax-error", 1, 26],
    [
      "a CDATA section that is never closed",
      connectXml("<Forms><![CDATA[x</Forms>"),
      "syntax-error",
      1,
      26,
    ],
    ["CDATA outside the root", "<![CDATA[x]]><primedocsConnect/>", "syntax-error", 1, 1],
    ["-- inside a comment", connectXml("<!-- a -- b -->"), "invalid-comment", 1, 26],
    ["a comment that is never closed", connectXml("<!-- a"), "invalid-comment", 1, 19],
    ["a control character", connectXml("<Forms>\u0001</Forms>"), "invalid-character", 1, 26],
    ["a lone surrogate", connectXml("<Forms>\uD800</Forms>"), "invalid-character", 1, 26],
    ["< followed by a space", connectXml("< Forms/>"), "invalid-name", 1, 20],
    ["an element name starting with a digit", connectXml("<1Forms/>"), "invalid-name", 1, 20],
    ["a start tag cut off at the end", "<primedocsConnect", "syntax-error", 1, 1],
    ["an attribute value cut off at the end", '<primedocsConnect a="x', "syntax-error", 1, 21],
  ];

  it.each(cases)("rejects %s with its line and column", (_label, xml, code, line, column) => {
    expect(malformedIssue(parseConnectXml(xml))).toMatchObject({ code, line, column, path: "" });
  });

  it("rejects invalid UTF-8 with the position of the first bad byte", () => {
    const bytes = encoder.encode(connectXml('\n<Forms><Value Key="A">ab</Value></Forms>'));
    const bad = new Uint8Array([...bytes.subarray(0, 42), 0xc3, 0x28, ...bytes.subarray(42)]);
    expect(malformedIssue(parseConnectXml(bad))).toMatchObject({
      code: "invalid-encoding",
      line: 2,
      column: 24,
    });
    const overlong = new Uint8Array([...encoder.encode("<primedocsConnect>"), 0xc0, 0xaf]);
    expect(malformedIssue(parseConnectXml(overlong))).toMatchObject({
      code: "invalid-encoding",
      line: 1,
      column: 19,
    });
  });

  it("rejects nesting one level deeper than the limit", () => {
    const depth = MAX_XML_DEPTH + 1;
    const xml = "<a>".repeat(depth) + "</a>".repeat(depth);
    expect(malformedIssue(parseConnectXml(xml))).toMatchObject({
      code: "too-deep",
      line: 1,
      column: 3 * MAX_XML_DEPTH + 1,
    });
  });

  it("rejects an element or attribute name longer than the limit without repeating it", () => {
    const long = "N".repeat(MAX_NAME_LENGTH + 1);
    for (const xml of [connectXml(`<${long}/>`), connectXml(`<Forms ${long}="1"/>`)]) {
      const issue = malformedIssue(parseConnectXml(xml));
      expect(issue).toMatchObject({ code: "name-too-long", line: 1, path: "" });
      expect(issue.message.length).toBeLessThan(100);
    }
    const longest = parseConnectXml(connectXml(`<${"N".repeat(MAX_NAME_LENGTH)}/>`));
    expect(issuesOf(longest, "invalid").map((i) => i.code)).toEqual(["unknown-element"]);
  });

  it("rejects a depth bomb quickly", () => {
    const xml = "<a>".repeat(100_000);
    const started = Date.now();
    expect(malformedIssue(parseConnectXml(xml)).code).toBe("too-deep");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("counts columns in characters, not UTF-16 units", () => {
    expect(malformedIssue(parseConnectXml(connectXml("😀😀&x;"))).column).toBe(21);
  });

  it("rejects every truncation of a payload as malformed, without hanging", () => {
    const xml = `<?xml version="1.0"?><!-- c --><primedocsConnect><Forms><Value Key="A" >a &amp; b<![CDATA[<x>]]>&#x41;</Value></Forms><Commands><OnSuccess><ShowDialog Title='t' Message="m"/></OnSuccess></Commands></primedocsConnect>`;
    expect(connectOf(parseConnectXml(xml)).forms.A).toEqual({ kind: "value", text: "a & b<x>A" });
    for (let end = 0; end < xml.length; end++) {
      const result = parseConnectXml(xml.slice(0, end));
      expect(result.ok ? "ok" : result.kind).toBe("malformed");
    }
  });

  it("answers every single-character corruption of a payload with a result, never a crash", () => {
    const xml = connectXml(
      `<Template Id="30b55516-80b5-41d7-801b-b31d6da376ac"/><Forms><Value Key="A">x &lt; y</Value><!-- n --><Object Key="B"><Value Key="C"><![CDATA[z]]></Value></Object></Forms>`,
    );
    const replacements = "<>&;\"'/!?-[]= \n\u0000\uD800x#";
    let seed = 7;
    for (let round = 0; round < 3000; round++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      const at = seed % xml.length;
      const replacement = replacements.charAt(seed % replacements.length);
      const corrupted = xml.slice(0, at) + replacement + xml.slice(at + 1);
      const result = parseConnectXml(corrupted);
      expect(typeof result.ok).toBe("boolean");
    }
  });

  it("counts lines after CR LF line ends", () => {
    const xml = "<primedocsConnect>\r\n<Forms>\r\n&bad;</Forms></primedocsConnect>";
    expect(malformedIssue(parseConnectXml(xml))).toMatchObject({ line: 3, column: 1 });
  });
});
