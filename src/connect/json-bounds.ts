/**
 * Bounds on a JSON Connect payload, checked before the schema sees it (STYLE §7): nesting
 * depth, entry count, string and property-name length. It also finds `__proto__` keys, which the schema
 * would drop without a word (zod never copies them), so they can be refused by name.
 */
import { MAX_JSON_DEPTH, MAX_JSON_ENTRIES, MAX_NAME_LENGTH, MAX_STRING_LENGTH } from "./limits.ts";
import type { PayloadIssue } from "./model.ts";

export interface JsonInspection {
  /** The first bound broken, if any; the payload is then `malformed`. */
  readonly limit: PayloadIssue | null;
  /** JSON pointers of every `__proto__` key. */
  readonly reservedKeys: readonly string[];
}

/** RFC 6901 JSON pointer for a path of keys and indexes. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  let pointer = "";
  for (const step of path) {
    pointer += "/" + String(step).replaceAll("~", "~0").replaceAll("/", "~1");
  }
  return pointer;
}

class LimitBroken extends Error {
  readonly issue: PayloadIssue;

  constructor(issue: PayloadIssue) {
    super(issue.message);
    this.issue = issue;
  }
}

export function inspectJson(value: unknown): JsonInspection {
  const reservedKeys: string[] = [];
  let entries = 0;

  const broken = (code: PayloadIssue["code"], path: PropertyKey[], message: string): never => {
    throw new LimitBroken({ path: jsonPointer(path), line: null, column: null, code, message });
  };
  const checkString = (text: string, path: PropertyKey[]): void => {
    if (text.length > MAX_STRING_LENGTH) {
      broken("string-too-long", path, `A string is longer than ${MAX_STRING_LENGTH} characters.`);
    }
  };
  // Recursion is bounded: it stops at MAX_JSON_DEPTH levels.
  const visit = (node: unknown, path: PropertyKey[], depth: number): void => {
    if (typeof node === "string") {
      checkString(node, path);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    if (depth > MAX_JSON_DEPTH) {
      broken(
        "too-deep",
        path,
        `Objects and arrays are nested more than ${MAX_JSON_DEPTH} levels deep.`,
      );
    }
    const items: [PropertyKey, unknown][] = Array.isArray(node)
      ? node.map((item: unknown, index) => [index, item])
      : Object.entries(node);
    entries += items.length;
    if (entries > MAX_JSON_ENTRIES) {
      broken(
        "too-many-entries",
        path,
        `The payload has more than ${MAX_JSON_ENTRIES} members and items.`,
      );
    }
    for (const [key, item] of items) {
      // Reported at its object: a path holding the name would repeat what is too long.
      if (typeof key === "string" && key.length > MAX_NAME_LENGTH) {
        broken(
          "name-too-long",
          path,
          `A property name is longer than ${MAX_NAME_LENGTH} characters.`,
        );
      }
      const itemPath = [...path, key];
      if (key === "__proto__") reservedKeys.push(jsonPointer(itemPath));
      visit(item, itemPath, depth + 1);
    }
  };

  try {
    visit(value, [], 1);
  } catch (err) {
    if (err instanceof LimitBroken) return { limit: err.issue, reservedKeys };
    throw err;
  }
  return { limit: null, reservedKeys };
}
