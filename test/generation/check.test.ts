import { unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { checkTemplateDocx } from "../../src/generation/check.ts";
import { MAX_TEMPLATED_XML_BYTES } from "../../src/generation/prepare.ts";
import { buildDemoTemplates } from "../../demo/templates/build.ts";
import { docxWithBody, W_NS } from "./docx-helpers.ts";

/** Index of the first occurrence of `needle` in `haystack`; the test data puts it there. */
function findBytes(haystack: Uint8Array, needle: Uint8Array): number {
  return haystack.findIndex((_, i) => needle.every((b, j) => haystack[i + j] === b));
}

describe("checkTemplateDocx", () => {
  it("finds no problem in the demo templates", () => {
    for (const bytes of Object.values(buildDemoTemplates().files)) {
      expect(checkTemplateDocx(bytes)).toEqual([]);
    }
  });

  it("reports bytes that are not a ZIP archive", () => {
    expect(checkTemplateDocx(new TextEncoder().encode("%PDF-1.7"))).toEqual([
      expect.objectContaining({ code: "zip-not-a-zip", part: null }),
    ]);
  });

  it("reports a package without word/document.xml", () => {
    const problems = checkTemplateDocx(docxWithBody([], { "word/document.xml": null }));

    expect(problems).toEqual([
      expect.objectContaining({ code: "missing-document", part: "word/document.xml" }),
    ]);
  });

  it("reports a part that is not well-formed XML, with its offset", () => {
    const document = `<w:document ${W_NS}><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>`;

    const problems = checkTemplateDocx(docxWithBody([], { "word/document.xml": document }));

    expect(problems).toEqual([
      expect.objectContaining({
        code: "malformed-xml",
        part: "word/document.xml",
        offset: document.indexOf("</w:r>"),
      }),
    ]);
  });

  it("reports a main document part whose root element is not w:document, at that element", () => {
    const document = `<?xml version="1.0"?><!-- x --><w:ftr ${W_NS}><w:p/></w:ftr>`;

    const problems = checkTemplateDocx(docxWithBody([], { "word/document.xml": document }));

    expect(problems).toEqual([
      {
        code: "wrong-root",
        message: "word/document.xml must have <w:document> as its root element, not <w:ftr>",
        part: "word/document.xml",
        tag: null,
        offset: document.indexOf("<w:ftr"),
      },
    ]);
  });

  it("reports a main document part with no root element", () => {
    const problems = checkTemplateDocx(
      docxWithBody([], { "word/document.xml": `<?xml version="1.0"?>` }),
    );

    expect(problems).toEqual([
      expect.objectContaining({ code: "wrong-root", part: "word/document.xml", offset: 0 }),
    ]);
  });

  it("refuses templated parts that together inflate past the compile cap, before inflating", () => {
    const half = "x".repeat(MAX_TEMPLATED_XML_BYTES / 2);
    const docx = docxWithBody([half], {
      "word/footer1.xml": `<w:ftr ${W_NS}><w:p><w:r><w:t>${half}</w:t></w:r></w:p></w:ftr>`,
    });

    expect(checkTemplateDocx(docx)).toEqual([
      expect.objectContaining({ code: "templated-too-large", part: null }),
    ]);
    expect(checkTemplateDocx(docx)[0]?.message).toContain(
      `more than the ${MAX_TEMPLATED_XML_BYTES}`,
    );
  });

  it("accepts parts that are only copied beyond the compile cap, within the archive's cap", () => {
    const image = new Uint8Array(MAX_TEMPLATED_XML_BYTES * 2).fill(7);
    const entries = unzipSync(docxWithBody(["Hallo {Forms.Subject}"]));
    const docx = zipSync({ ...entries, "word/media/image1.png": image });

    expect(checkTemplateDocx(docx)).toEqual([]);
  });

  it("reports every templated part that is not well-formed, not only the first", () => {
    const problems = checkTemplateDocx(
      docxWithBody([], {
        "word/document.xml": `<w:document ${W_NS}><w:body><w:p></w:body></w:document>`,
        "word/footer1.xml": `<w:ftr ${W_NS}><w:p><w:r><w:t>a &nbsp; b</w:t></w:r></w:p></w:ftr>`,
      }),
    );

    expect(problems.map((p) => [p.code, p.part])).toEqual([
      ["malformed-xml", "word/document.xml"],
      ["malformed-xml", "word/footer1.xml"],
    ]);
  });

  it("reports an unknown entity, a bare & and a reference to a forbidden character", () => {
    const part = (text: string) =>
      `<w:document ${W_NS}><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;
    const problemsOf = (text: string) =>
      checkTemplateDocx(docxWithBody([], { "word/document.xml": part(text) }));

    for (const [text, bad] of [
      ["Caf&eacute;", "&eacute;"],
      ["AT&T", "&T"],
      ["a &#0; b", "&#0;"],
      ["a &#xFFFE; b", "&#xFFFE;"],
    ] as const) {
      const problems = problemsOf(text);

      expect(problems).toEqual([
        expect.objectContaining({
          code: "malformed-xml",
          part: "word/document.xml",
          offset: part(text).indexOf(bad),
        }),
      ]);
      expect(problems[0]?.message).toContain(bad);
    }
  });

  it("accepts the predefined entities and character references to allowed characters", () => {
    const text = "&lt;&gt;&amp;&quot;&apos; &#9;&#x1F600;&#xE000;";
    const document = `<w:document ${W_NS}><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`;

    expect(checkTemplateDocx(docxWithBody([], { "word/document.xml": document }))).toEqual([]);
  });

  it("reports a bad reference inside an attribute value", () => {
    const document = `<w:document ${W_NS}><w:body><w:p><w:pPr><w:pStyle w:val="A&B"/></w:pPr></w:p></w:body></w:document>`;

    expect(checkTemplateDocx(docxWithBody([], { "word/document.xml": document }))).toEqual([
      expect.objectContaining({ code: "malformed-xml", offset: document.indexOf("&B") }),
    ]);
  });

  it("reports a part that generation copies unchanged when it is not well-formed XML", () => {
    const problems = checkTemplateDocx(
      docxWithBody(["{Forms.Subject}"], {
        "word/styles.xml": `<w:styles ${W_NS}><w:style></w:styles>`,
        "word/_rels/document.xml.rels": "<Relationships><Relationship Id=",
      }),
    );

    expect(problems).toEqual([
      expect.objectContaining({ code: "malformed-xml", part: "word/_rels/document.xml.rels" }),
      expect.objectContaining({ code: "malformed-xml", part: "word/styles.xml" }),
    ]);
  });

  it("reports a copied part whose bytes do not match its CRC", () => {
    const logo = new TextEncoder().encode("logo bytes");
    // Stored, not deflated, so the bytes can be found and one of them changed.
    const docx = zipSync({
      ...unzipSync(docxWithBody([])),
      "word/media/logo.bin": [logo, { level: 0 }],
    });
    const at = findBytes(docx, logo);
    expect(at).toBeGreaterThan(0);
    docx[at] = (docx[at] ?? 0) ^ 0xff;

    expect(checkTemplateDocx(docx)).toEqual([
      expect.objectContaining({ code: "corrupt-part", part: "word/media/logo.bin" }),
    ]);
  });

  it("reads a UTF-16 custom XML part by its byte-order mark", () => {
    const item = "\ufeff<root>Caf\u00e9 &amp; more</root>";
    const utf16 = new Uint8Array(item.length * 2);
    for (let i = 0; i < item.length; i++) {
      utf16[2 * i] = item.charCodeAt(i) & 0xff;
      utf16[2 * i + 1] = item.charCodeAt(i) >> 8;
    }
    const docx = zipSync({ ...unzipSync(docxWithBody([])), "customXml/item1.xml": utf16 });

    expect(checkTemplateDocx(docx)).toEqual([]);
  });

  it("reports an unclosed loop with its part and tag", () => {
    const problems = checkTemplateDocx(docxWithBody(["Intro", "{#Data.Positions}{Description}"]));

    expect(problems).toEqual([
      expect.objectContaining({
        code: "unclosed_loop",
        part: "word/document.xml",
        tag: "Data.Positions",
        offset: 5,
      }),
    ]);
  });

  it("reports a loop closed by another tag", () => {
    const problems = checkTemplateDocx(docxWithBody(["{#Forms.A}x{/Forms.B}"]));

    expect(problems).toEqual([
      expect.objectContaining({
        code: "closing_tag_does_not_match_opening_tag",
        part: "word/document.xml",
        offset: 0,
      }),
    ]);
  });

  it("reports an unclosed tag", () => {
    const problems = checkTemplateDocx(docxWithBody(["Dear {Forms.Name"]));

    expect(problems).toEqual([
      expect.objectContaining({ code: "unclosed_tag", part: "word/document.xml", offset: 5 }),
    ]);
  });

  it("reports every error of a part, each at its tag", () => {
    const problems = checkTemplateDocx(docxWithBody(["Hello {Forms.A", "{#Data.X}", "{/Data.Y}"]));

    expect(problems.map((p) => [p.code, p.offset])).toEqual([
      ["unclosed_tag", 6],
      ["closing_tag_does_not_match_opening_tag", 14],
    ]);
  });

  it("rejects raw XML tags and tags that are not field paths", () => {
    const problems = checkTemplateDocx(docxWithBody(["{@Forms.Xml}", "{Forms.Sub ject}"]));

    expect(problems).toEqual([
      expect.objectContaining({ code: "scopeparser_compilation_failed", tag: "@Forms.Xml" }),
      expect.objectContaining({ code: "scopeparser_compilation_failed", tag: "Forms.Sub ject" }),
    ]);
    expect(problems[0]?.message).toContain("is not a field path");
  });

  it("reports errors in headers with the header's part name", () => {
    const header =
      '<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
      "<w:p><w:r><w:t>{#Forms.Open}</w:t></w:r></w:p></w:hdr>";

    const problems = checkTemplateDocx(docxWithBody(["ok"], { "word/header1.xml": header }));

    expect(problems).toEqual([
      expect.objectContaining({ code: "unclosed_loop", part: "word/header1.xml" }),
    ]);
  });
});
