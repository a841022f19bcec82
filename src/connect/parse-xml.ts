/**
 * Connect payload, XML form → Connect model (spec §2). Reading is strict and stops at the
 * first malformed spot; the rule checks then walk the whole tree and list every problem.
 */
import {
  emptyCommands,
  emptyValues,
  type Commands,
  type Connect,
  type ParseResult,
  type TemplateRef,
  type Values,
} from "./model.ts";
import { isCultureTag, lowerCaseGuid, parseBoolean, splitTagGroup } from "./rules.ts";
import { readXmlCommands } from "./xml-commands.ts";
import { readXml, type XmlElement } from "./xml-reader.ts";
import { readXmlValues } from "./xml-values.ts";
import {
  ALL_FEATURES,
  NO_ATTRIBUTES,
  XmlWalk,
  attribute,
  type ReaderFeatures,
} from "./xml-walk.ts";

export const ROOT_ELEMENT = "primedocsConnect";
const ROOT_CHILDREN = ["Template", "DocumentLanguage", "Forms", "Data", "Commands"];
/** Placeholders while reading, so that absent sections cost nothing until the end. */
const NO_VALUES: Values = emptyValues();
const NO_COMMANDS: Commands = emptyCommands();

/** Parses a Connect payload sent as XML (UTF-8 bytes or text). */
export function parseConnectXml(
  input: Uint8Array | string,
  features: ReaderFeatures = ALL_FEATURES,
): ParseResult {
  const read = readXml(input);
  if (!read.ok) return { ok: false, kind: "malformed", issues: [read.issue] };

  const walk = new XmlWalk(read.document, features);
  const connect = readRoot(walk, read.document.root);
  if (!walk.issues.isEmpty) return { ok: false, kind: "invalid", issues: walk.issues.finish() };
  return { ok: true, connect };
}

/** Reads a `primedocsConnect` element; session-template definitions embed one. */
export function readRoot(walk: XmlWalk, root: XmlElement): Connect {
  const connect: Connect = {
    template: null,
    documentLanguage: null,
    forms: NO_VALUES,
    data: NO_VALUES,
    commands: NO_COMMANDS,
  };
  if (root.name !== ROOT_ELEMENT) {
    walk.report(
      "unknown-root",
      root,
      `The root element must be <${ROOT_ELEMENT}>, not <${root.name}>.`,
    );
    return connect;
  }
  walk.checkAttributes(root, NO_ATTRIBUTES);
  walk.refuseText(root);

  let seen = 0;
  for (const child of root.children) {
    const bit = ROOT_CHILDREN.indexOf(child.name);
    if (bit < 0) {
      const unsupported = unsupportedRootChild(child.name);
      if (unsupported === null) walk.unknownChild(child, ROOT_CHILDREN);
      else walk.report("unsupported-element", child, unsupported);
      continue;
    }
    // A repeated element is still checked, so that its own problems are listed too.
    const repeated = (seen & (1 << bit)) !== 0;
    seen |= 1 << bit;
    if (repeated) walk.reportRepeated(child);
    switch (child.name) {
      case "Template": {
        const template = readTemplate(walk, child);
        if (!repeated) connect.template = template;
        break;
      }
      case "DocumentLanguage": {
        const language = readLanguage(walk, child);
        if (!repeated) connect.documentLanguage = language;
        break;
      }
      case "Forms":
      case "Data": {
        walk.checkAttributes(child, NO_ATTRIBUTES);
        const values = readXmlValues(walk, child);
        if (repeated) break;
        if (child.name === "Forms") connect.forms = values;
        else connect.data = values;
        break;
      }
      default: {
        const commands = readXmlCommands(walk, child);
        if (!repeated) connect.commands = commands;
      }
    }
  }
  if (connect.forms === NO_VALUES) connect.forms = emptyValues();
  if (connect.data === NO_VALUES) connect.data = emptyValues();
  if (connect.commands === NO_COMMANDS) connect.commands = emptyCommands();
  return connect;
}

/** Why a primedocs desktop element is refused (spec §2, [ours]), or null if it is not one. */
function unsupportedRootChild(name: string): string | null {
  switch (name) {
    case "Author":
      return "<Author> is not supported: the person who generates the document signs in to the web app, and their profile is used. Remove it.";
    case "Outlook":
      return "<Outlook> is not supported: the service does not drive Outlook. Remove it, and use DownloadFile or InvokeUrl to deliver the document.";
    default:
      return null;
  }
}

function readTemplate(walk: XmlWalk, element: XmlElement): TemplateRef | null {
  for (const name in element.attributes) {
    if (name === "Version") {
      const message = `Template Version="${attribute(element, name) ?? ""}" is not supported: sessions always use the published template. Remove the attribute.`;
      walk.report("unsupported-attribute", element, message);
    } else if (name !== "Id") {
      walk.unknownAttribute(element, name, ["Id"]);
    }
  }
  for (const name of element.strayAttributes) walk.unknownAttribute(element, name, ["Id"]);
  walk.refuseText(element);

  let tagFilter: XmlElement | null = null;
  for (const child of element.children) {
    if (child.name !== "TagFilter") {
      walk.unknownChild(child, ["TagFilter"]);
    } else if (tagFilter === null) {
      tagFilter = child;
    } else {
      walk.reportRepeated(child);
      readTagFilter(walk, child);
    }
  }

  const id = attribute(element, "Id");
  if (id !== undefined && tagFilter !== null) {
    walk.report(
      "conflicting-template-selection",
      element,
      "<Template> has both an Id and a <TagFilter>; keep one of them.",
    );
    readTagFilter(walk, tagFilter);
    return null;
  }
  if (id !== undefined) {
    const guid = lowerCaseGuid(id);
    if (guid !== null) return { kind: "id", id: guid };
    walk.report(
      "invalid-guid",
      element,
      `Template Id "${id}" is not a GUID; write it as 30b55516-80b5-41d7-801b-b31d6da376ac.`,
    );
    return null;
  }
  if (tagFilter !== null) return readTagFilter(walk, tagFilter);
  walk.report(
    "missing-template-selection",
    element,
    "<Template> needs an Id attribute or a <TagFilter>; leave <Template> out to let the person pick any template.",
  );
  return null;
}

function readTagFilter(walk: XmlWalk, element: XmlElement): TemplateRef | null {
  walk.checkAttributes(element, ["AllowTemplatePicker"]);
  walk.refuseText(element);
  const rawPicker = attribute(element, "AllowTemplatePicker");
  const allowTemplatePicker = rawPicker === undefined ? false : parseBoolean(rawPicker);
  if (allowTemplatePicker === null) {
    walk.report(
      "invalid-boolean",
      element,
      `AllowTemplatePicker must be "true" or "false", not "${rawPicker ?? ""}".`,
    );
  }

  const anyOf: string[][] = [];
  for (const child of element.children) {
    if (child.name !== "Tag") {
      walk.unknownChild(child, ["Tag"]);
      continue;
    }
    walk.checkAttributes(child, NO_ATTRIBUTES);
    walk.refuseChildren(child);
    const group = splitTagGroup(child.text);
    if (group === null) {
      walk.report(
        "invalid-tag",
        child,
        `<Tag>${child.text}</Tag> has an empty tag; separate non-empty tags with ";".`,
      );
    } else {
      anyOf.push(group);
    }
  }
  if (!element.children.some((child) => child.name === "Tag")) {
    walk.report(
      "empty-tag-filter",
      element,
      "<TagFilter> needs at least one <Tag>; leave <Template> out to offer every template.",
    );
  }
  return allowTemplatePicker === null ? null : { kind: "tags", anyOf, allowTemplatePicker };
}

function readLanguage(walk: XmlWalk, element: XmlElement): string | null {
  walk.checkAttributes(element, ["Code"]);
  walk.refuseText(element);
  walk.refuseChildren(element);
  const code = attribute(element, "Code");
  if (code === undefined) {
    walk.report(
      "missing-attribute",
      element,
      '<DocumentLanguage> needs a Code attribute, such as Code="de-CH".',
    );
    return null;
  }
  if (!isCultureTag(code)) {
    walk.report(
      "invalid-culture",
      element,
      `"${code}" is not a culture tag; write a language with an optional region, such as de-CH or en.`,
    );
    return null;
  }
  return code;
}
