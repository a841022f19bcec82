/**
 * Mapping values out of a JSON or XML answer (spec §8: "mapped by path"). JSON paths are
 * dotted with array steps (`customer.name`, `lines[0].amount`, `lines[].amount`); XML paths
 * are element steps from the root element (`Customer/Name`, `Customer/@Id`,
 * `Lines/Line[]/Amount`, `Line[2]` 1-based). `[]` makes every element one collection item.
 * Pure.
 */
import type { XmlElement } from "../connect/xml-reader.ts";
import type { Mapping } from "../session-templates/model.ts";
import type { ValuesBuilder } from "../session-templates/values.ts";

export type Tree = { kind: "json"; value: unknown } | { kind: "xml"; root: XmlElement };

/** Fills the builder from `tree` by each mapping; a path that finds nothing fills nothing. */
export function mapTree(tree: Tree, mappings: readonly Mapping[], builder: ValuesBuilder): void {
  for (const mapping of mappings) {
    const [head, tail] = splitEach(mapping.from);
    if (tail === null) {
      const text = textAt(tree, nodesAt(tree, [rootOf(tree)], head)[0]);
      if (text !== null && !mapping.to.collection) builder.set(mapping.to, text);
      continue;
    }
    const items = nodesAt(tree, [rootOf(tree)], head);
    for (const [index, item] of items.entries()) {
      const text = textAt(tree, tail === "" ? item : nodesAt(tree, [item], tail)[0]);
      if (text !== null) builder.setItem(mapping.to, index, text);
    }
  }
}

/** `lines[].amount` → [`lines[]`, `amount`]; `a.b` → [`a.b`, null]. */
function splitEach(path: string): [string, string | null] {
  const at = path.indexOf("[]");
  if (at < 0) return [path, null];
  const rest = path.slice(at + 2).replace(/^[./]/, "");
  return [path.slice(0, at + 2), rest];
}

function rootOf(tree: Tree): unknown {
  return tree.kind === "json" ? tree.value : tree.root;
}

/** Every node a path reaches from `start`; `[]` (only last in `path`) spreads a list. */
function nodesAt(tree: Tree, start: unknown[], path: string): unknown[] {
  const steps = tree.kind === "json" ? jsonSteps(path) : xmlSteps(path);
  let nodes = start;
  for (const step of steps) {
    nodes = nodes.flatMap((node) =>
      tree.kind === "json" ? jsonStep(node, step) : xmlStep(node, step),
    );
  }
  return nodes;
}

type Step = { name: string | null; index: number | "each" | null };

function jsonSteps(path: string): Step[] {
  const steps: Step[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d*)\]/g)) {
    if (match[1] !== undefined) steps.push({ name: match[1], index: null });
    else steps.push({ name: null, index: match[2] === "" ? "each" : Number(match[2]) });
  }
  return steps;
}

function jsonStep(node: unknown, step: Step): unknown[] {
  if (step.name !== null) {
    if (typeof node !== "object" || node === null || Array.isArray(node)) return [];
    return Object.hasOwn(node, step.name) ? [(node as Record<string, unknown>)[step.name]] : [];
  }
  if (!Array.isArray(node)) return [];
  if (step.index === "each") return node as unknown[];
  const item: unknown = typeof step.index === "number" ? node[step.index] : undefined;
  return item === undefined ? [] : [item];
}

function xmlSteps(path: string): Step[] {
  return path
    .split("/")
    .filter((s) => s !== "")
    .map((segment) => {
      const match = /^([^[\]]+)(?:\[(\d*)\])?$/.exec(segment);
      const index = match?.[2];
      return {
        name: match?.[1] ?? segment,
        index: index === undefined ? null : index === "" ? "each" : Number(index) - 1,
      };
    });
}

function xmlStep(node: unknown, step: Step): unknown[] {
  if (!isElement(node) || step.name === null) return [];
  if (step.name.startsWith("@")) {
    const value = node.attributes[step.name.slice(1)];
    return typeof value === "string" ? [value] : [];
  }
  const matches = node.children.filter((c) => localName(c.name) === step.name);
  if (step.index === null) return matches.slice(0, 1);
  if (step.index === "each") return matches;
  const one = matches[step.index];
  return one === undefined ? [] : [one];
}

/** The text a node carries: a JSON scalar, or a leaf element's trimmed text. */
function textAt(tree: Tree, node: unknown): string | null {
  if (typeof node === "string") return node;
  if (tree.kind === "json") {
    return typeof node === "number" || typeof node === "boolean" ? String(node) : null;
  }
  return isElement(node) && node.children.length === 0 ? node.text.trim() : null;
}

function isElement(node: unknown): node is XmlElement {
  return typeof node === "object" && node !== null && "children" in node && "attributes" in node;
}

/** Answers may use a namespace prefix (`ns:Name`); paths name elements without it. */
function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}
