/**
 * Turns zod's issues for a JSON Connect payload (or another body built from its parts, such
 * as Execute's, in its own wording) into our PayloadIssues: JSON-pointer paths,
 * null line and column, our codes, and messages that say what to do. Rule checks in the
 * schema already carry our code in `params.code`; the rest are mapped here by kind.
 */
import type { z } from "@hono/zod-openapi";

import { isInvalidCode, type InvalidCode, type IssueList } from "./issues.ts";
import { jsonPointer } from "./json-bounds.ts";
import { unsupportedCommandMessage } from "./rules.ts";

type ZodIssue = z.core.$ZodIssue;

/**
 * The words a body's issues are phrased in: what the whole body is called, members refused
 * by name, and how an unknown member is explained. The Connect payload's are the default.
 */
export interface JsonWording {
  /** What a message calls the whole body, whose pointer is "". */
  whole: string;
  /** Members that name unsupported features, by pointer, refused with their own code. */
  unsupported: Readonly<Record<string, { code: InvalidCode; message: string }>>;
  /** The message for a member the schema does not know, named by its pointer. */
  unknownProperty: (pointer: string) => string;
}

/** JSON members that name primedocs desktop features, refused like their XML elements. */
const UNSUPPORTED_MEMBERS: JsonWording["unsupported"] = {
  "/author": {
    code: "unsupported-element",
    message:
      "author is not supported: the person who generates the document signs in, and their profile is used.",
  },
  "/outlook": {
    code: "unsupported-element",
    message:
      "outlook is not supported: the service does not drive Outlook; use DownloadFile or InvokeUrl.",
  },
  "/template/version": {
    code: "unsupported-attribute",
    message: "template.version is not supported: sessions always use the published template.",
  },
};

export const PAYLOAD_WORDING: JsonWording = {
  whole: "The payload",
  unsupported: UNSUPPORTED_MEMBERS,
  unknownProperty: (at) => `${at} is not a known property; remove it or check its spelling.`,
};

export function collectZodIssues(
  zodIssues: readonly ZodIssue[],
  input: unknown,
  issues: IssueList,
  wording: JsonWording = PAYLOAD_WORDING,
  base: readonly PropertyKey[] = [],
): void {
  for (const issue of zodIssues) {
    const path = [...base, ...issue.path];
    const pointer = jsonPointer(path);
    const subject = pointer === "" ? wording.whole : pointer;
    const add = (code: InvalidCode, message: string, at = pointer): void => {
      issues.add(code, at, null, null, message);
    };
    switch (issue.code) {
      case "custom": {
        const code: unknown = issue.params?.code;
        add(isInvalidCode(code) ? code : "invalid-value", issue.message);
        break;
      }
      case "unrecognized_keys":
        for (const key of issue.keys) {
          const at = jsonPointer([...path, key]);
          const known = wording.unsupported[at];
          if (known) add(known.code, known.message, at);
          else add("unknown-property", wording.unknownProperty(at), at);
        }
        break;
      case "invalid_type": {
        const value = valueAt(input, path);
        if (value === undefined) add("missing-property", `${subject} is required.`);
        else
          add(
            "invalid-type",
            `${subject} must be ${article(issue.expected)}, not ${describe(value)}.`,
          );
        break;
      }
      case "invalid_union":
        collectUnion(issue, path, input, issues, wording);
        break;
      case "invalid_key":
        collectZodIssues(issue.issues, input, issues, wording, path);
        break;
      case "invalid_value": {
        const allowed = issue.values.map((value) => JSON.stringify(value)).join(", ");
        const last = path.at(-1);
        const code =
          last === "method"
            ? "invalid-method"
            : last === "conversion"
              ? "invalid-conversion"
              : "invalid-value";
        add(code, `${subject} must be one of ${allowed}.`);
        break;
      }
      default:
        add("invalid-value", `${subject}: ${issue.message}`);
    }
  }
}

/**
 * A command whose `type` matches no command (zod's discriminated union), or a value that is
 * none of string, object, array: for values, the branch matching the input's JSON type
 * explains the problem best, so its issues are reported instead of the union's.
 */
function collectUnion(
  issue: Extract<ZodIssue, { code: "invalid_union" }>,
  path: PropertyKey[],
  input: unknown,
  issues: IssueList,
  wording: JsonWording,
): void {
  const pointer = jsonPointer(path);
  const subject = pointer === "" ? wording.whole : pointer;
  const value = valueAt(input, path);
  if ("discriminator" in issue) {
    if (value === undefined) {
      issues.add(
        "missing-property",
        pointer,
        null,
        null,
        `${subject} is required: DownloadFile, InvokeUrl or ShowDialog.`,
      );
    } else if (typeof value === "string") {
      issues.add("unsupported-command", pointer, null, null, unsupportedCommandMessage(value));
    } else {
      issues.add(
        "invalid-type",
        pointer,
        null,
        null,
        `${subject} must be a command name, not ${describe(value)}.`,
      );
    }
    return;
  }
  const branch =
    typeof value === "string"
      ? 0
      : Array.isArray(value)
        ? 2
        : typeof value === "object" && value !== null
          ? 1
          : -1;
  const branchIssues = issue.errors[branch];
  if (branchIssues !== undefined && branchIssues.length > 0) {
    collectZodIssues(branchIssues, input, issues, wording, path);
    return;
  }
  const message = `${subject} must be a string, an object of values, or an array of such objects, not ${describe(value)}.`;
  issues.add("invalid-value", pointer, null, null, message);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const step of path) {
    if (typeof node !== "object" || node === null || typeof step === "symbol") return undefined;
    if (!Object.hasOwn(node, step)) return undefined;
    // SAFETY: `node` is a non-null object that has `step` as an own key.
    node = (node as Record<string | number, unknown>)[step];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return article(typeof value);
}

function article(type: string): string {
  // Zod names a map of values a "record"; in JSON, and to the caller, it is an object.
  const word = type === "record" ? "object" : type;
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}
