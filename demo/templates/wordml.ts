/**
 * A minimal WordprocessingML writer for the demo templates: just the parts Word needs to
 * open a document with styles, one header and one footer. Output is plain strings; the
 * package (ZIP) is assembled in `build.ts`.
 */
import type { Block, DemoContent, Inline } from "./source.ts";

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The parts of one demo `.docx`, keyed by part name. */
export function documentParts(content: DemoContent): Record<string, string> {
  return {
    "[Content_Types].xml": contentTypes(),
    "_rels/.rels": rootRels(),
    "word/_rels/document.xml.rels": documentRels(),
    "word/document.xml": documentXml(content.body),
    "word/styles.xml": stylesXml(),
    "word/header1.xml": `${XML_DECL}<w:hdr ${W_NS}>${paragraph(content.header)}</w:hdr>`,
    "word/footer1.xml": `${XML_DECL}<w:ftr ${W_NS}>${paragraph(content.footer)}</w:ftr>`,
  };
}

function contentTypes(): string {
  const override = (part: string, type: string): string =>
    `<Override PartName="/word/${part}.xml" ContentType="${CT}.${type}+xml"/>`;
  return (
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override("document", "document.main") +
    override("styles", "styles") +
    override("header1", "header") +
    override("footer1", "footer") +
    "</Types>"
  );
}

function rootRels(): string {
  return (
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
    "</Relationships>"
  );
}

function documentRels(): string {
  return (
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId2" Type="${REL}/header" Target="header1.xml"/>` +
    `<Relationship Id="rId3" Type="${REL}/footer" Target="footer1.xml"/>` +
    "</Relationships>"
  );
}

function documentXml(body: Block[]): string {
  const section =
    '<w:sectPr><w:headerReference w:type="default" r:id="rId2"/>' +
    '<w:footerReference w:type="default" r:id="rId3"/>' +
    '<w:pgSz w:w="11906" w:h="16838"/>' +
    '<w:pgMar w:top="1417" w:right="1417" w:bottom="1134" w:left="1417" ' +
    'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>';
  return `${XML_DECL}<w:document ${W_NS}><w:body>${body.map(block).join("")}${section}</w:body></w:document>`;
}

function block(b: Block): string {
  if ("paragraph" in b) {
    return paragraph(b.paragraph, b.style);
  }
  if ("table" in b) {
    return table(b.table.loop, b.table.header, b.table.cells);
  }
  return (
    `<w:sdt><w:sdtPr><w:alias w:val="${escapeXml(b.blockControl)}"/>` +
    `<w:tag w:val="${escapeXml(b.blockControl)}"/><w:showingPlcHdr/></w:sdtPr>` +
    `<w:sdtContent>${paragraph([b.placeholder])}</w:sdtContent></w:sdt>`
  );
}

function paragraph(inlines: Inline[], style?: string): string {
  const pPr = style === undefined ? "" : `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>`;
  return `<w:p>${pPr}${inlines.map(inline).join("")}</w:p>`;
}

function inline(i: Inline): string {
  if (typeof i === "string") {
    return run(i);
  }
  if ("strong" in i) {
    return run(i.strong, "<w:rPr><w:b/></w:rPr>");
  }
  if ("split" in i) {
    return i.split.map((piece) => run(piece)).join("");
  }
  return (
    `<w:sdt><w:sdtPr><w:alias w:val="${escapeXml(i.control)}"/>` +
    `<w:tag w:val="${escapeXml(i.control)}"/><w:showingPlcHdr/><w:text/></w:sdtPr>` +
    `<w:sdtContent>${run(i.placeholder, '<w:rPr><w:rStyle w:val="PlaceholderText"/><w:b/></w:rPr>')}` +
    "</w:sdtContent></w:sdt>"
  );
}

function run(text: string, rPr = ""): string {
  return `<w:r>${rPr}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
}

/** A header row, then one row whose first and last cells open and close the loop. */
function table(loop: string, header: string[], cells: string[]): string {
  const cell = (content: string): string =>
    `<w:tc><w:tcPr><w:tcW w:w="0" w:type="auto"/></w:tcPr>${paragraph([content])}</w:tc>`;
  const last = cells.length - 1;
  const looped = cells.map((c, i) => {
    const open = i === 0 ? `{#${loop}}` : "";
    const close = i === last ? `{/${loop}}` : "";
    return cell(`${open}${c}${close}`);
  });
  const borders = ["top", "left", "bottom", "right", "insideH", "insideV"]
    .map((side) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`)
    .join("");
  return (
    `<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>${borders}</w:tblBorders></w:tblPr>` +
    `<w:tr>${header.map((h) => cell(h)).join("")}</w:tr><w:tr>${looped.join("")}</w:tr></w:tbl>`
  );
}

function stylesXml(): string {
  const style = (id: string, name: string, rPr: string, extra = ""): string =>
    `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="${name}"/>` +
    `<w:basedOn w:val="Normal"/>${extra}<w:rPr>${rPr}</w:rPr></w:style>`;
  return (
    `${XML_DECL}<w:styles ${W_NS}>` +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/>' +
    '<w:sz w:val="22"/></w:rPr></w:rPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>' +
    '<w:pPr><w:spacing w:after="120"/></w:pPr></w:style>' +
    style("Title", "Title", '<w:sz w:val="40"/>') +
    style(
      "Heading1",
      "heading 1",
      '<w:b/><w:sz w:val="28"/>',
      '<w:pPr><w:spacing w:before="240"/></w:pPr>',
    ) +
    '<w:style w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/>' +
    '<w:rPr><w:color w:val="808080"/></w:rPr></w:style>' +
    "</w:styles>"
  );
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
