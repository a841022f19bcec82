/**
 * Word content controls (`<w:sdt>`) bound to fields, the way primedocs templates bind them
 * (spec §7): a control whose tag names a field (`<w:tag w:val="Forms.Subject"/>`) gets its
 * content replaced by that field's tag, `{Forms.Subject}`, so docxtemplater fills it like
 * any other tag. Runs once per template when it is compiled, never per document.
 */
import { attributeOf, type ElementRange, findElement, findElements } from "./xml-scan.ts";

/** What a control's tag must look like to be filled: `Forms.X`, `Data.X`, `Data.X.Y`. */
const FIELD_PATH = /^(Forms|Data)(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** Controls whose content is not text (check boxes, pictures, building blocks) stay as they are. */
const UNSUPPORTED_KINDS = [
  "<w14:checkbox",
  "<w:picture",
  "<w:docPartObj",
  "<w:group",
  "<w:equation",
];
/** Row- and cell-level controls hold table structure, not a paragraph or a run. */
const TABLE_CONTENT = ["<w:tc", "<w:tr"];

const SHOWING_PLACEHOLDER = /<w:showingPlcHdr\b[^>]*\/>/g;
/** A data binding would make Word refresh the content from a custom XML part on opening. */
const DATA_BINDING = /<w:dataBinding\b[^>]*\/>/g;
const PLACEHOLDER_STYLE = /<w:rStyle\s+w:val="PlaceholderText"\s*\/>/g;

export interface BoundControls {
  xml: string;
  /** Field paths of the controls that were bound, in document order. */
  fields: string[];
}

/** Replaces the content of every field-bound content control in a part by its field's tag. */
export function bindContentControls(xml: string): BoundControls {
  if (!xml.includes("<w:sdt")) {
    return { xml, fields: [] };
  }
  const fields: string[] = [];
  return { xml: rewrite(xml, 0, xml.length, fields), fields };
}

function rewrite(xml: string, from: number, to: number, fields: string[]): string {
  let result = "";
  let at = from;
  for (const sdt of findElements(xml, "w:sdt", from, to)) {
    result += xml.slice(at, sdt.start) + rewriteControl(xml, sdt, fields);
    at = sdt.end;
  }
  return result + xml.slice(at, to);
}

function rewriteControl(xml: string, sdt: ElementRange, fields: string[]): string {
  // The first sdtContent belongs to this control: nested controls live inside it.
  const content = findElement(xml, "w:sdtContent", sdt.contentStart, sdt.contentEnd);
  if (content === null) {
    return xml.slice(sdt.start, sdt.end);
  }
  const properties = findElement(xml, "w:sdtPr", sdt.contentStart, content.start);
  const field = properties === null ? null : boundField(xml, properties);
  if (properties === null || field === null || !isTextContent(xml, content)) {
    return (
      xml.slice(sdt.start, content.contentStart) +
      rewrite(xml, content.contentStart, content.contentEnd, fields) +
      xml.slice(content.contentEnd, sdt.end)
    );
  }

  fields.push(field);
  const propertiesXml = xml.slice(properties.start, properties.end);
  const placeholderShown = propertiesXml.includes("<w:showingPlcHdr");
  return (
    xml.slice(sdt.start, properties.start) +
    propertiesXml.replace(SHOWING_PLACEHOLDER, "").replace(DATA_BINDING, "") +
    xml.slice(properties.end, content.contentStart) +
    fieldContent(xml, content, field, placeholderShown) +
    xml.slice(content.contentEnd, sdt.end)
  );
}

function boundField(xml: string, properties: ElementRange): string | null {
  const propertiesXml = xml.slice(properties.start, properties.end);
  if (UNSUPPORTED_KINDS.some((kind) => propertiesXml.includes(kind))) {
    return null;
  }
  const tag = findElement(xml, "w:tag", properties.contentStart, properties.contentEnd);
  const value = tag === null ? null : attributeOf(xml, tag.start, "w:val");
  const path = value?.trim() ?? "";
  return FIELD_PATH.test(path) ? path : null;
}

function isTextContent(xml: string, content: ElementRange): boolean {
  const inner = xml.slice(content.contentStart, content.contentEnd);
  return !TABLE_CONTENT.some((tag) => new RegExp(`${tag}[\\s>/]`).test(inner));
}

/**
 * One run holding the tag, formatted like the control's first run; inside a paragraph
 * formatted like its first paragraph when the control is block-level.
 */
function fieldContent(
  xml: string,
  content: ElementRange,
  field: string,
  placeholderShown: boolean,
): string {
  const paragraph = findElement(xml, "w:p", content.contentStart, content.contentEnd);
  const scope = paragraph ?? content;
  const run = findElement(xml, "w:r", scope.contentStart, scope.contentEnd);
  let runProperties = run === null ? "" : leadingChild(xml, run, "w:rPr");
  if (placeholderShown) {
    runProperties = runProperties.replace(PLACEHOLDER_STYLE, "");
  }
  const textRun = `<w:r>${runProperties}<w:t xml:space="preserve">{${field}}</w:t></w:r>`;
  if (paragraph === null) {
    return textRun;
  }
  return `<w:p>${leadingChild(xml, paragraph, "w:pPr")}${textRun}</w:p>`;
}

/** The serialized child element `name` if it is the parent's first child, else "". */
function leadingChild(xml: string, parent: ElementRange, name: string): string {
  const child = findElement(xml, name, parent.contentStart, parent.contentEnd);
  if (child === null || xml.slice(parent.contentStart, child.start).trim() !== "") {
    return "";
  }
  return xml.slice(child.start, child.end);
}
