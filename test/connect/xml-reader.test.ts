import { describe, expect, it } from "vitest";

import { MAX_XML_DEPTH } from "../../src/connect/limits.ts";
import { parseConnectXml } from "../../src/connect/parse-xml.ts";
import { codesAndPaths, connectOf, connectXml, issuesOf, malformedIssue } from "./results.ts";

const encoder = new TextEncoder();

/** The text of Forms value `key` in a payload that must parse. */
function formText(xml: string | Uint8Array, key = "A"): string {
  const value = connectOf(parseConnectXml(xml)).forms[key];
  if (value?.kind !== "value") throw new Error(`no value ${key}`);
  return value.text;
}

function formsXml(inner: string): string {
  return connectXml(`<Forms>${inner}</Forms>`);
}

describe("parseConnectXml: reading XML", () => {
  it("keeps whitespace inside Value text exactly", () => {
    const text = "  two  spaces\n\tand a tab  ";
    expect(formText(formsXml(`<Value Key="A">${text}</Value>`))).toBe(text);
  });

  it("reads an empty Value as empty text", () => {
    expect(formText(formsXml('<Value Key="A"/>'))).toBe("");
    expect(formText(formsXml('<Value Key="A"></Value>'))).toBe("");
  });

  it("decodes the five entities and character references in text", () => {
    const xml = formsXml(
      '<Value Key="A">Tom &amp; Jerry &lt;3 &gt; &quot;x&quot; &apos;y&apos; &#x263A;&#9731;&#x1F600;</Value>',
    );
    expect(formText(xml)).toBe(`Tom & Jerry <3 > "x" 'y' ☺☃😀`);
  });

  it("decodes a reference only once", () => {
    expect(formText(formsXml('<Value Key="A">&amp;lt; &amp;#65;</Value>'))).toBe("&lt; &#65;");
  });

  it("takes CDATA literally and joins it with the text around it and comments", () => {
    const xml = formsXml('<Value Key="A">a<!-- note -->b<![CDATA[<b>&amp;</b>]]>c</Value>');
    expect(formText(xml)).toBe("ab<b>&amp;</b>c");
  });

  it("decodes entities in attribute values and normalises literal whitespace there", () => {
    const xml = connectXml(
      '<Commands><OnSuccess><ShowDialog Title="A &amp; B &quot;x&quot;" Message="one\ntwo\tthree&#10;four"/></OnSuccess></Commands>',
    );
    const [dialog] = connectOf(parseConnectXml(xml)).commands.OnSuccess;
    expect(dialog).toMatchObject({ title: 'A & B "x"', message: "one two three\nfour" });
  });

  it("reads CR LF and lone CR as LF in text, but keeps &#13;", () => {
    expect(formText(formsXml(`<Value Key="A">a\r\nb\rc&#13;d</Value>`))).toBe("a\nb\nc\rd");
  });

  it("accepts a UTF-8 byte-order mark in bytes and in text", () => {
    const xml = formsXml('<Value Key="A">ä</Value>');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(xml)]);
    expect(formText(bytes)).toBe("ä");
    expect(formText(`\uFEFF${xml}`)).toBe("ä");
  });

  it("accepts the XML declaration, also after a BOM", () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?>\n${formsXml('<Value Key="A">x</Value>')}`;
    expect(formText(xml)).toBe("x");
    expect(formText(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode(xml)]))).toBe("x");
    expect(
      formText(`<?xml version='1.0' standalone='yes' ?>${formsXml('<Value Key="A">y</Value>')}`),
    ).toBe("y");
  });

  it("accepts comments and whitespace before and after the root", () => {
    const xml = `<!-- before -->\n${formsXml('<Value Key="A">x</Value>')}\n<!-- after -->\n  `;
    expect(formText(xml)).toBe("x");
  });

  it("reads comments that start with > or -> where txml alone would stop early", () => {
    expect(formText(formsXml('<Value Key="A">x<!-->-->y<!--->-->z</Value>'))).toBe("xyz");
  });

  it("treats link and input as ordinary elements, not HTML void elements", () => {
    const issues = issuesOf(parseConnectXml(formsXml("<link></link><input/>")), "invalid");
    expect(codesAndPaths(issues)).toEqual([
      { code: "unknown-element", path: "/primedocsConnect/Forms/link[1]" },
      { code: "unknown-element", path: "/primedocsConnect/Forms/input[1]" },
    ]);
    expect(malformedIssue(parseConnectXml(connectXml("<link>"))).code).toBe("mismatched-close-tag");
  });

  it("reports script and style as unknown elements, whatever they contain", () => {
    const xml = formsXml('<script><![CDATA[</script>]]></script><style/><Value Key="B">b</Value>');
    expect(codesAndPaths(issuesOf(parseConnectXml(xml), "invalid"))).toEqual([
      { code: "unknown-element", path: "/primedocsConnect/Forms/script[1]" },
      { code: "unknown-element", path: "/primedocsConnect/Forms/style[1]" },
    ]);
  });

  it("reports attributes that start with _ or : by name without misreading the others", () => {
    const xml = formsXml(`<Value _Key="x" Key="A" :x="Key='evil'">v</Value>`);
    const issues = issuesOf(parseConnectXml(xml), "invalid");
    expect(issues.map((issue) => issue.message)).toEqual([
      expect.stringContaining("unknown attribute _Key"),
      expect.stringContaining("unknown attribute :x"),
    ]);
  });

  it("accepts elements nested as deep as the limit", () => {
    const names = Array.from({ length: MAX_XML_DEPTH - 3 }, (_, i) => `Object Key="K${i}"`);
    const inner = names.map((name) => `<${name}>`).join("") + "</Object>".repeat(names.length);
    expect(connectOf(parseConnectXml(formsXml(inner))).forms.K0?.kind).toBe("object");
  });
});
