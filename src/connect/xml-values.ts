/**
 * `Forms` and `Data` in XML: `Value`, `Object` and `ObjectCollection` of `Item`s, read into
 * the model's value tree. Objects and items may nest further (the model allows it and
 * templates loop over nested collections); the XML depth limit bounds the nesting.
 */
import { emptyValues, type FieldValue, type Values } from "./model.ts";
import { keyProblem } from "./rules.ts";
import type { XmlElement } from "./xml-reader.ts";
import { NO_ATTRIBUTES, attribute, type XmlWalk } from "./xml-walk.ts";

const ENTRY_ELEMENTS = ["Value", "Object", "ObjectCollection"];

function isEntryElement(name: string): boolean {
  return name === "Value" || name === "Object" || name === "ObjectCollection";
}
const KEY_ONLY = ["Key"];

/** Reads the entries of `Forms`, `Data`, an `Object` or an `Item` (its attributes aside). */
export function readXmlValues(walk: XmlWalk, container: XmlElement): Values {
  walk.refuseText(container);
  const values = emptyValues();
  for (const child of container.children) {
    if (!isEntryElement(child.name)) {
      walk.unknownChild(child, ENTRY_ELEMENTS);
      continue;
    }
    walk.checkAttributes(child, KEY_ONLY);
    const key = readKey(walk, child);
    const value = readEntry(walk, child);
    if (key === null) continue;
    if (key in values) {
      const message = `The key "${key}" is already used in this <${container.name}>; each key may appear once.`;
      walk.report("duplicate-key", child, message);
      continue;
    }
    values[key] = value;
  }
  return values;
}

function readEntry(walk: XmlWalk, element: XmlElement): FieldValue {
  switch (element.name) {
    case "Value":
      walk.refuseChildren(element);
      return { kind: "value", text: element.text };
    case "Object":
      return { kind: "object", values: readXmlValues(walk, element) };
    default:
      return { kind: "collection", items: readItems(walk, element) };
  }
}

function readItems(walk: XmlWalk, collection: XmlElement): Values[] {
  walk.refuseText(collection);
  const items: Values[] = [];
  for (const child of collection.children) {
    if (child.name !== "Item") {
      walk.unknownChild(child, ["Item"]);
      continue;
    }
    walk.checkAttributes(child, NO_ATTRIBUTES);
    items.push(readXmlValues(walk, child));
  }
  return items;
}

function readKey(walk: XmlWalk, element: XmlElement): string | null {
  const key = attribute(element, "Key");
  if (key === undefined) {
    walk.report(
      "missing-attribute",
      element,
      `<${element.name}> needs a Key attribute naming the field.`,
    );
    return null;
  }
  const problem = keyProblem(key);
  if (problem !== null) {
    walk.report("invalid-key", element, problem);
    return null;
  }
  return key;
}
