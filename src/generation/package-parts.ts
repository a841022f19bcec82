/**
 * Which parts of a Word package carry template text, read from `[Content_Types].xml`
 * (ECMA-376 Part 2 §10.1.2): the main document, headers, footers, footnotes, comments and
 * the document properties, the same set docxtemplater templates. Everything else (styles,
 * images, themes) is copied to the output untouched.
 */
import { attributeOf, findElements } from "./xml-scan.ts";

const WML = "application/vnd.openxmlformats-officedocument.wordprocessingml";
const MAIN_TYPES = [
  `${WML}.document.main+xml`,
  `${WML}.template.main+xml`,
  "application/vnd.ms-word.document.macroEnabled.main+xml",
  "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
];
/** Parts with WordprocessingML body content, where content controls can live. */
const STORY_TYPES = [
  ...MAIN_TYPES,
  `${WML}.header+xml`,
  `${WML}.footer+xml`,
  `${WML}.footnotes+xml`,
  `${WML}.comments+xml`,
];
const PROPERTY_TYPES = [
  `${WML}.settings+xml`,
  "application/vnd.openxmlformats-package.core-properties+xml",
  "application/vnd.openxmlformats-officedocument.extended-properties+xml",
  "application/vnd.openxmlformats-officedocument.custom-properties+xml",
];

export const CONTENT_TYPES_PART = "[Content_Types].xml";
export const ROOT_RELATIONSHIPS_PART = "_rels/.rels";

export interface TemplatedPart {
  name: string;
  /** True for body-like parts (document, headers, footers, notes, comments). */
  story: boolean;
}

export interface PackageLayout {
  /** The main document part, or null when the package has none. */
  main: string | null;
  templated: TemplatedPart[];
}

/** Classifies the package's entries by their content type. */
export function packageLayout(contentTypesXml: string, entryNames: string[]): PackageLayout {
  const overrides = new Map<string, string>();
  for (const element of findElements(contentTypesXml, "Override", 0)) {
    const part = attributeOf(contentTypesXml, element.start, "PartName");
    const type = attributeOf(contentTypesXml, element.start, "ContentType");
    if (part !== null && type !== null) {
      overrides.set(decodePartName(part), type);
    }
  }
  const defaults = new Map<string, string>();
  for (const element of findElements(contentTypesXml, "Default", 0)) {
    const extension = attributeOf(contentTypesXml, element.start, "Extension");
    const type = attributeOf(contentTypesXml, element.start, "ContentType");
    if (extension !== null && type !== null) {
      defaults.set(extension.toLowerCase(), type);
    }
  }

  let main: string | null = null;
  const templated: TemplatedPart[] = [];
  for (const name of entryNames) {
    const extension = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
    const type = overrides.get(name.toLowerCase()) ?? defaults.get(extension) ?? "";
    if (MAIN_TYPES.includes(type)) {
      main ??= name;
    }
    if (STORY_TYPES.includes(type) || PROPERTY_TYPES.includes(type)) {
      templated.push({ name, story: STORY_TYPES.includes(type) });
    }
  }
  return { main, templated };
}

/** `/word/document.xml` → `word/document.xml`, lower case (OPC part names ignore case). */
function decodePartName(partName: string): string {
  const withoutSlash = partName.startsWith("/") ? partName.slice(1) : partName;
  try {
    return decodeURIComponent(withoutSlash).toLowerCase();
  } catch {
    return withoutSlash.toLowerCase();
  }
}
