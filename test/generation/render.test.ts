import { beforeEach, describe, expect, it } from "vitest";

import { clearTemplateCache, renderDocx, templateCacheStats } from "../../src/generation/render.ts";
import type { DocumentValues } from "../../src/generation/values.ts";
import { readZip } from "../../src/generation/zip-reader.ts";
import {
  collection,
  demoFile,
  docxWithBody,
  OFFER_ID,
  paragraphs,
  partsOf,
  SAMPLE_ID,
  sampleValues,
  value,
} from "./docx-helpers.ts";

function render(template: Uint8Array, values = sampleValues()): Uint8Array {
  const result = renderDocx(template, values);
  if (!result.ok) {
    throw new Error(JSON.stringify(result.problems));
  }
  return result.bytes;
}

describe("renderDocx", () => {
  beforeEach(() => {
    clearTemplateCache();
  });

  it("fills the sample template with the sample script's values", () => {
    const docx = render(demoFile(SAMPLE_ID, "es-ES"));

    const text = paragraphs(docx);
    expect(text[0]).toBe("Factura 1234");
    expect(text).toContain("Observaciones");
    expect(text).toContain("Sample Note");
  });

  it("fills a tag that Word split over two runs", () => {
    const docx = render(demoFile(SAMPLE_ID, "en-GB"));

    expect(paragraphs(docx)).toContain("We refer to From Sample Script.");
    expect(partsOf(docx)["word/document.xml"]).not.toContain("{Forms.Sub");
  });

  it("fills a content control bound to Forms.Subject and keeps its run formatting", () => {
    const docx = render(demoFile(SAMPLE_ID, "de-CH"));
    const xml = partsOf(docx)["word/document.xml"] ?? "";

    expect(paragraphs(docx)).toContain("Betreff: From Sample Script");
    const control = /<w:sdtContent>(.*?)<\/w:sdtContent>/.exec(xml)?.[1] ?? "";
    expect(control).toBe(
      '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">From Sample Script</w:t></w:r>',
    );
    expect(xml).toContain('<w:tag w:val="Forms.Subject"/>');
    expect(xml).not.toContain("showingPlcHdr");
  });

  it("fills fields in the header and the footer", () => {
    const docx = render(demoFile(SAMPLE_ID, "fr-CH"));

    expect(paragraphs(docx, "word/header1.xml")).toEqual(["Demo AG · Facture 1234"]);
    expect(paragraphs(docx, "word/footer1.xml")[0]).toMatch(/^From Sample Script · Demo AG/);
  });

  it("repeats a table row for every item of a collection", () => {
    const values = {
      forms: { ValidUntil: value("31.12.2025"), Delivery: value("Post") },
      data: {
        CustomerName: value("ACME AG"),
        Total: value("350.00"),
        Positions: collection([
          { Description: "Consulting", Quantity: "2", Price: "200.00" },
          { Description: "Travel", Quantity: "1", Price: "150.00" },
        ]),
      },
    };

    const text = paragraphs(render(demoFile(OFFER_ID, "*"), values));

    expect(text).toEqual(expect.arrayContaining(["Consulting", "2", "200.00", "Travel", "150.00"]));
    expect(text.indexOf("Consulting")).toBeLessThan(text.indexOf("Travel"));
    expect(text).toContain("Total: 350.00");
  });

  it("shows a yes/no section for true and hides it for false or a missing value", () => {
    const terms = "Es gelten unsere AGB. / Our general terms apply.";
    const offer = demoFile(OFFER_ID, "*");
    const withTerms = (flag: string | null): DocumentValues => ({
      forms: flag === null ? {} : { IncludeTerms: value(flag) },
      data: {},
    });

    expect(paragraphs(render(offer, withTerms("true")))).toContain(terms);
    expect(paragraphs(render(offer, withTerms("false")))).not.toContain(terms);
    expect(paragraphs(render(offer, withTerms(null)))).not.toContain(terms);
  });

  it("shows an inverted section when the value is off", () => {
    const template = docxWithBody(["{^Forms.Flag}off{/Forms.Flag}{#Forms.Flag}on{/Forms.Flag}"]);
    const flag = (text: string): DocumentValues => ({ forms: { Flag: value(text) }, data: {} });

    expect(paragraphs(render(template, flag("No")))).toEqual(["off"]);
    expect(paragraphs(render(template, flag("yes")))).toEqual(["on"]);
  });

  it("fills tags in the document properties", () => {
    const types = partsOf(docxWithBody([]))["[Content_Types].xml"] ?? "";
    const core =
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{Forms.Subject}</dc:title></cp:coreProperties>';
    const override =
      '<Override PartName="/docProps/core.xml" ' +
      'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>';
    const template = docxWithBody([], {
      "[Content_Types].xml": types.replace("</Types>", override),
      "docProps/core.xml": core,
    });

    const docx = render(template, { forms: { Subject: value("A & B") }, data: {} });

    expect(partsOf(docx)["docProps/core.xml"]).toContain("<dc:title>A &amp; B</dc:title>");
  });

  it("prints nothing for a missing value, never 'undefined'", () => {
    const docx = render(demoFile(SAMPLE_ID, "en-GB"), { forms: {}, data: {} });
    const xml = Object.values(partsOf(docx)).join("");

    expect(paragraphs(docx)[0]).toBe("Invoice ");
    expect(xml).not.toContain("undefined");
    expect(xml).not.toMatch(/\{(Forms|Data)\./);
  });

  it("walks dotted paths through objects and never into prototypes", () => {
    const template = docxWithBody([
      "{Data.Customer.Name}|{Data.Customer.constructor}|{Forms.toString}",
    ]);
    const values: DocumentValues = {
      forms: {},
      data: { Customer: { kind: "object", values: { Name: value("ACME AG") } } },
    };

    expect(paragraphs(render(template, values))).toEqual(["ACME AG||"]);
  });

  it("escapes values, so markup in a value stays text", () => {
    const hostile = '<script>alert(1)</script></w:t></w:r><w:p>&"';
    const values = { forms: { Subject: value(hostile) }, data: {} };

    const docx = render(demoFile(SAMPLE_ID, "en-GB"), values);

    expect(paragraphs(docx)).toContain(`We refer to ${hostile}.`);
    expect(partsOf(docx)["word/document.xml"]).not.toContain("<script>");
  });

  it("drops characters XML cannot carry and warns naming the field", () => {
    const values = {
      forms: { Subject: value("A\u0000B\u0008C\uFFFFD\uD800E") },
      data: { Positions: collection([{ Description: "x\u001Fy" }]) },
    };

    const result = renderDocx(demoFile(SAMPLE_ID, "en-GB"), values);

    expect(result.ok && paragraphs(result.bytes)).toContain("We refer to ABCDE.");
    expect(result.ok && result.warnings).toEqual([
      "Forms.Subject: dropped 4 characters that XML cannot carry",
      "Data.Positions[0].Description: dropped 1 character that XML cannot carry",
    ]);
  });

  it("turns newlines of a multi-line value into line breaks", () => {
    const values = { forms: { Notes: value("first\nsecond") }, data: {} };

    const docx = render(demoFile(SAMPLE_ID, "en-GB"), values);

    expect(paragraphs(docx)).toContain("first\nsecond");
    expect(partsOf(docx)["word/document.xml"]).toContain("<w:br/>");
  });

  it("turns Windows (CRLF) and old Mac (CR) line ends into line breaks too, leaving no CR", () => {
    const values = { forms: { Notes: value("one\r\ntwo\rthree") }, data: {} };

    const docx = render(demoFile(SAMPLE_ID, "en-GB"), values);

    expect(paragraphs(docx)).toContain("one\ntwo\nthree");
    expect(partsOf(docx)["word/document.xml"]).not.toContain("\r");
  });

  it("compiles a template once and renders it again with other values", () => {
    const template = demoFile(SAMPLE_ID, "en-GB");
    const first = render(template);
    const second = render(template, {
      forms: { Subject: value("Second") },
      data: { InvoiceNumber: value("99") },
    });
    clearTemplateCache();
    const fresh = render(template, {
      forms: { Subject: value("Second") },
      data: { InvoiceNumber: value("99") },
    });

    expect(paragraphs(first)[0]).toBe("Invoice 1234");
    expect(paragraphs(second)[0]).toBe("Invoice 99");
    expect(second).toEqual(fresh);
  });

  it("serves later documents from the cache, keyed by content", () => {
    const template = demoFile(SAMPLE_ID, "it-CH");
    render(template);
    render(template.slice());
    render(template, sampleValues());

    expect(templateCacheStats()).toMatchObject({ entries: 1, hits: 2, misses: 1 });
  });

  it("never serves another template's content for a reused cache key", () => {
    const german = renderDocx(demoFile(SAMPLE_ID, "de-CH"), sampleValues(), { cacheKey: "k" });
    const english = renderDocx(demoFile(SAMPLE_ID, "en-GB"), sampleValues(), { cacheKey: "k" });

    expect(german.ok && paragraphs(german.bytes)[0]).toBe("Rechnung 1234");
    expect(english.ok && paragraphs(english.bytes)[0]).toBe("Invoice 1234");
  });

  it("copies the compressed bytes of parts without tags unchanged", () => {
    const template = demoFile(SAMPLE_ID, "en-GB");
    const before = readZip(template);
    const after = readZip(render(template));
    if (!before.ok || !after.ok) {
      throw new Error("unreadable archive");
    }
    const styles = (entries: typeof before.entries) =>
      entries.find((e) => e.name === "word/styles.xml")?.compressed;

    expect(after.entries.map((e) => e.name)).toEqual(before.entries.map((e) => e.name));
    expect(styles(after.entries)).toEqual(styles(before.entries));
  });

  it("reports a broken template as a failure value", () => {
    const result = renderDocx(new TextEncoder().encode("not a zip"), sampleValues());

    expect(result).toMatchObject({ ok: false, reason: "invalid-template" });
  });
});
