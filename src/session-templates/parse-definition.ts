/**
 * Session-template definitions, XML form → model (spec §8; format in
 * docs/session-templates.md). Read with the Connect payload's strict reader; the base
 * Connect is checked by the Connect rules themselves, and every problem is listed with its
 * path, line and column.
 */
import { emptyCommands, type Command, type PayloadIssue } from "../connect/model.ts";
import { ROOT_ELEMENT, readRoot } from "../connect/parse-xml.ts";
import { readXmlCommands } from "../connect/xml-commands.ts";
import { readXml, type XmlElement } from "../connect/xml-reader.ts";
import { ALL_FEATURES, XmlWalk, attribute, type ReaderFeatures } from "../connect/xml-walk.ts";
import { NAME_PATTERN, type SessionTemplateDefinition } from "./model.ts";
import { readInitializers } from "./parse-initializers.ts";

export const DEFINITION_ROOT = "primedocsConnectSessionTemplate";
const ROOT_CHILDREN = [ROOT_ELEMENT, "Initializers", "Initialization"];
/** After initialisation nothing is generated yet and nobody waits for a download. */
const INITIALIZATION_GROUPS = ["OnSuccess", "OnError"];

export type DefinitionResult =
  | { ok: true; definition: SessionTemplateDefinition }
  | { ok: false; kind: "malformed" | "invalid"; issues: PayloadIssue[] };

/**
 * `features` are the data source's, when a definition is uploaded: its commands (base and
 * Initialization) are then checked as a Connect payload's are at session creation. A stored
 * definition is read without them, so a later change of configuration cannot hide it; the
 * start checks the base Connect again (start.ts).
 */
export function parseDefinition(
  input: Uint8Array | string,
  features: ReaderFeatures = ALL_FEATURES,
): DefinitionResult {
  const read = readXml(input);
  if (!read.ok) {
    // The shared reader names the Connect root; a definition has its own.
    const issue =
      read.issue.code === "missing-root"
        ? {
            ...read.issue,
            message: `The definition has no root element; send <${DEFINITION_ROOT}>.`,
          }
        : read.issue;
    return { ok: false, kind: "malformed", issues: [issue] };
  }

  const walk = new XmlWalk(read.document, features);
  const root = read.document.root;
  const definition: SessionTemplateDefinition = {
    name: "",
    connect: {
      template: null,
      documentLanguage: null,
      forms: {},
      data: {},
      commands: emptyCommands(),
    },
    initializers: [],
    onSuccess: [],
    onError: [],
  };
  if (root.name !== DEFINITION_ROOT) {
    walk.report("unknown-root", root, `The root element must be <${DEFINITION_ROOT}>.`);
    return { ok: false, kind: "invalid", issues: walk.issues.finish() };
  }

  walk.checkAttributes(root, ["Name"]);
  walk.refuseText(root);
  definition.name = readName(walk, root);

  const seen = new Set<string>();
  for (const child of root.children) {
    if (!ROOT_CHILDREN.includes(child.name)) {
      walk.unknownChild(child, ROOT_CHILDREN);
      continue;
    }
    if (seen.has(child.name)) walk.reportRepeated(child);
    seen.add(child.name);
    if (child.name === ROOT_ELEMENT) definition.connect = readRoot(walk, child);
    else if (child.name === "Initializers") definition.initializers = readInitializers(walk, child);
    else Object.assign(definition, readInitialization(walk, child));
  }
  if (!seen.has(ROOT_ELEMENT)) {
    walk.report("missing-target", root, `A definition needs a <${ROOT_ELEMENT}> base.`);
  }

  if (!walk.issues.isEmpty) return { ok: false, kind: "invalid", issues: walk.issues.finish() };
  return { ok: true, definition };
}

function readName(walk: XmlWalk, root: XmlElement): string {
  const name = attribute(root, "Name");
  if (name === undefined) {
    walk.report("missing-attribute", root, "The definition needs a Name attribute.");
    return "";
  }
  if (!NAME_PATTERN.test(name)) {
    const message = `Name "${name}" must be 1–100 letters, digits, _, . or -, starting with a letter or digit.`;
    walk.report("invalid-value", root, message);
  }
  return name;
}

/** `{Param.X}`: request parameters reach initializers only, never the commands. */
const PARAM_PLACEHOLDER = /\{Param\.[^{}\s]+\}/;

/**
 * `<Initialization>`: `OnSuccess` and `OnError`, with InvokeUrl and ShowDialog only. The
 * commands see Forms and Data; a `{Param.X}` placeholder would be sent literally, so it is
 * refused here.
 */
function readInitialization(
  walk: XmlWalk,
  element: XmlElement,
): { onSuccess: Command[]; onError: Command[] } {
  const groups: XmlElement[] = [];
  for (const group of element.children) {
    if (!INITIALIZATION_GROUPS.includes(group.name)) {
      walk.unknownChild(group, INITIALIZATION_GROUPS);
      continue;
    }
    groups.push(group);
    for (const command of group.children) {
      if (command.name === "DownloadFile") {
        const message =
          "DownloadFile cannot run after initialisation: nobody waits for a file. Use InvokeUrl.";
        walk.report("unsupported-command", command, message);
      }
      for (const target of command.children) {
        if (target.name === "Document") {
          const message = "No document exists yet after initialisation; send the <Report/>.";
          walk.report("document-target-not-allowed", target, message);
        }
      }
    }
    refuseParamPlaceholders(walk, group);
  }
  // Only the allowed groups go on: the others are reported above with the right list.
  const commands = readXmlCommands(walk, { ...element, children: groups });
  return { onSuccess: commands.OnSuccess, onError: commands.OnError };
}

function refuseParamPlaceholders(walk: XmlWalk, element: XmlElement): void {
  const texts = [element.text, ...Object.values(element.attributes)];
  const found = texts.find((t) => t !== null && PARAM_PLACEHOLDER.test(t));
  if (found != null) {
    const reference = PARAM_PLACEHOLDER.exec(found)?.[0] ?? "{Param.…}";
    const message = `${reference}: Initialization commands see only {Forms.X} and {Data.X}; copy the parameter into Data.X with a Data.X request parameter instead.`;
    walk.report("invalid-value", element, message);
  }
  for (const child of element.children) refuseParamPlaceholders(walk, child);
}
