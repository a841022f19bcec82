/**
 * `Commands` in XML: the handler groups and the three commands the service runs, each with
 * its target (`Document` or `Report`), headers and `field-<Attribute>` bindings.
 */
import {
  HANDLER_GROUPS,
  emptyCommands,
  type Command,
  type CommandTarget,
  type Commands,
  type FieldBindings,
  type HandlerGroup,
} from "./model.ts";
import {
  BINDABLE_ATTRIBUTES,
  invokeUrlMethod,
  isCommandType,
  isFieldReference,
  headerNameProblem,
  headerValueProblem,
  isHeaderValue,
  unsupportedCommandMessage,
  tooManyCommandsMessage,
  urlProblem,
  type CommandType,
} from "./rules.ts";
import { MAX_COMMANDS } from "./limits.ts";
import type { XmlElement } from "./xml-reader.ts";
import { NO_ATTRIBUTES, attribute, attributeNames, type XmlWalk } from "./xml-walk.ts";

const GROUP_NAMES: readonly string[] = HANDLER_GROUPS;
const FIELD_PREFIX = "field-";

/** Plain attributes and child elements per command, besides its Document/Report target. */
const COMMAND_SHAPES: Readonly<Record<CommandType, { attributes: string[]; children: string[] }>> =
  {
    DownloadFile: { attributes: ["FileName"], children: ["Document", "Report"] },
    InvokeUrl: { attributes: ["Url", "Method"], children: ["Header", "Document", "Report"] },
    ShowDialog: { attributes: ["Title", "Message"], children: ["Document", "Report"] },
  };

export function readXmlCommands(walk: XmlWalk, element: XmlElement): Commands {
  walk.checkAttributes(element, NO_ATTRIBUTES);
  walk.refuseText(element);
  const commands = emptyCommands();
  const seen = new Set<HandlerGroup>();
  for (const child of element.children) {
    if (!isHandlerGroup(child.name)) {
      walk.unknownChild(child, GROUP_NAMES);
      continue;
    }
    const repeated = seen.has(child.name);
    seen.add(child.name);
    if (repeated) walk.reportRepeated(child);
    const group = readGroup(walk, child, child.name);
    if (!repeated) commands[child.name] = group;
  }
  const count = HANDLER_GROUPS.reduce((sum, group) => sum + commands[group].length, 0);
  if (count > MAX_COMMANDS) {
    walk.report("too-many-commands", element, tooManyCommandsMessage(count));
  }
  return commands;
}

function isHandlerGroup(name: string): name is HandlerGroup {
  return GROUP_NAMES.includes(name);
}

function readGroup(walk: XmlWalk, element: XmlElement, group: HandlerGroup): Command[] {
  walk.checkAttributes(element, NO_ATTRIBUTES);
  walk.refuseText(element);
  const commands: Command[] = [];
  for (const child of element.children) {
    if (!isCommandType(child.name)) {
      walk.report("unsupported-command", child, unsupportedCommandMessage(child.name));
      continue;
    }
    const command = readCommand(walk, child, child.name, group);
    if (command !== null) commands.push(command);
  }
  return commands;
}

/** Reads one command; returns null when it has a problem (already reported). */
function readCommand(
  walk: XmlWalk,
  element: XmlElement,
  type: CommandType,
  group: HandlerGroup,
): Command | null {
  const shape = COMMAND_SHAPES[type];
  const before = walk.issues.items.length;
  const fieldBindings = readBindings(walk, element, type, shape.attributes);
  walk.refuseText(element);

  const headers: { name: string; value: string }[] = [];
  let target: CommandTarget | null = null;
  let targets = 0;
  for (const child of element.children) {
    if (!shape.children.includes(child.name)) {
      walk.unknownChild(child, shape.children);
    } else if (child.name === "Header") {
      const header = readHeader(walk, child);
      if (header !== null) headers.push(header);
    } else {
      targets += 1;
      const read = readTarget(walk, child, group);
      if (targets === 1) target = read;
      else
        walk.report(
          "multiple-targets",
          child,
          `<${type}> acts on one target; keep either <Document/> or <Report/>.`,
        );
    }
  }
  // ShowDialog may just show its text; the others must know what to download or send.
  if (targets === 0 && type !== "ShowDialog") {
    walk.report(
      "missing-target",
      element,
      `<${type}> needs a <Document/> or <Report/> child saying what it acts on.`,
    );
  }

  const text = (name: string): string | undefined => attribute(element, name);
  const required = (name: string): string => {
    const value = text(name);
    if (value === undefined && fieldBindings[name] === undefined) {
      walk.report(
        "missing-attribute",
        element,
        `<${type}> needs a ${name} attribute (or field-${name}).`,
      );
    }
    return value ?? "";
  };

  let command: Command | null = null;
  if (type === "DownloadFile") {
    if (target !== null)
      command = { type, fileName: text("FileName") ?? null, target, fieldBindings };
  } else if (type === "InvokeUrl") {
    const url = required("Url");
    const problem = text("Url") === undefined ? null : urlProblem(url);
    if (problem !== null) walk.report("invalid-url", element, problem);
    // A bound Url comes from a field; the literal is then only a fallback, left to Execute.
    const refusal =
      problem === null && text("Url") !== undefined && fieldBindings["Url"] === undefined
        ? walk.features.invokeUrlRefusal(url)
        : null;
    if (refusal !== null) walk.report(refusal.code, element, refusal.message);
    const rawMethod = text("Method") ?? "POST";
    const method = invokeUrlMethod(rawMethod);
    if (method === null) {
      walk.report(
        "invalid-method",
        element,
        `Method "${rawMethod}" is not allowed; use POST, PUT or PATCH.`,
      );
    } else if (target !== null) {
      command = { type, url, method, headers, target, fieldBindings };
    }
  } else {
    command = {
      type,
      title: required("Title"),
      message: required("Message"),
      target,
      fieldBindings,
    };
  }
  return walk.issues.items.length === before ? command : null;
}

/** Checks the command's attributes and reads its `field-<Attribute>` bindings. */
function readBindings(
  walk: XmlWalk,
  element: XmlElement,
  type: CommandType,
  allowed: readonly string[],
): FieldBindings {
  const bindable = BINDABLE_ATTRIBUTES[type];
  const bindings: FieldBindings = {};
  for (const name of attributeNames(element)) {
    if (allowed.includes(name)) continue;
    if (!name.startsWith(FIELD_PREFIX)) {
      walk.unknownAttribute(element, name, allowed);
      continue;
    }
    const bound = name.slice(FIELD_PREFIX.length);
    if (!bindable.includes(bound)) {
      const message = `<${type}> has no attribute ${bound} that a field can fill; ${FIELD_PREFIX}… works for ${bindable.join(", ")}.`;
      walk.report("unknown-attribute", element, message);
      continue;
    }
    const reference = attribute(element, name) ?? "";
    if (!isFieldReference(reference)) {
      const message = `${name}="${reference}" must name a field as Forms.<Key> or Data.<Key>.`;
      walk.report("invalid-field-binding", element, message);
      continue;
    }
    bindings[bound] = reference;
  }
  return bindings;
}

export const PDF_UNAVAILABLE =
  'Conversion="Pdf" needs a document converter, and this data source has none configured. ' +
  "Remove the Conversion attribute to receive the Word document.";

function readTarget(walk: XmlWalk, element: XmlElement, group: HandlerGroup): CommandTarget | null {
  walk.refuseText(element);
  walk.refuseChildren(element);
  if (element.name === "Report") {
    walk.checkAttributes(element, NO_ATTRIBUTES);
    return { kind: "report" };
  }
  walk.checkAttributes(element, ["Conversion"]);
  const conversion = attribute(element, "Conversion");
  let ok = true;
  if (group !== "OnSuccess") {
    const message = `<Document/> is only available in <OnSuccess>; in <${group}> there is no document. Use <Report/>.`;
    walk.report("document-target-not-allowed", element, message);
    ok = false;
  }
  if (conversion !== undefined && conversion.toLowerCase() !== "pdf") {
    walk.report(
      "invalid-conversion",
      element,
      `Conversion="${conversion}" is not available; the only conversion is Pdf.`,
    );
    ok = false;
  } else if (conversion !== undefined && !walk.features.pdfConversion) {
    walk.report("conversion-unavailable", element, PDF_UNAVAILABLE);
    ok = false;
  }
  return ok ? { kind: "document", conversion: conversion === undefined ? null : "Pdf" } : null;
}

function readHeader(walk: XmlWalk, element: XmlElement): { name: string; value: string } | null {
  walk.checkAttributes(element, ["Name", "Value"]);
  walk.refuseText(element);
  walk.refuseChildren(element);
  const name = attribute(element, "Name");
  const value = attribute(element, "Value");
  if (name === undefined || value === undefined) {
    walk.report(
      "missing-attribute",
      element,
      '<Header> needs both Name and Value, such as <Header Name="X-Source" Value="crm"/>.',
    );
    return null;
  }
  const nameProblem = headerNameProblem(name);
  if (nameProblem !== null) {
    walk.report("invalid-header-name", element, nameProblem);
    return null;
  }
  if (!isHeaderValue(value)) {
    walk.report("invalid-header-value", element, headerValueProblem(name));
    return null;
  }
  return { name, value };
}
