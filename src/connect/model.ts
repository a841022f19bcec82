/**
 * The Connect model: the typed value that a Connect payload (XML or JSON) parses into.
 * Spec: docs/spec/connect-session.md §2. Everything downstream (sessions, generation,
 * commands) works on these types, never on XML.
 */

/** A value tree for `Forms` or `Data`, keyed by field id, in the order it was sent. */
export type Values = Record<string, FieldValue>;

export type FieldValue =
  | { kind: "value"; text: string }
  | { kind: "object"; values: Values }
  | { kind: "collection"; items: Values[] };

/**
 * Template selection. `TagFilter` is an OR of AND-groups: each `Tag` element is one
 * alternative; inside it `;` separates tags that must all be present.
 */
export type TemplateRef =
  { kind: "id"; id: string } | { kind: "tags"; anyOf: string[][]; allowTemplatePicker: boolean };

export const HANDLER_GROUPS = ["OnSuccess", "OnError", "OnCancel", "OnExit"] as const;
export type HandlerGroup = (typeof HANDLER_GROUPS)[number];

/** What a command acts on: the generated document (OnSuccess only) or the report. */
export type CommandTarget = { kind: "document"; conversion: "Pdf" | null } | { kind: "report" };

/**
 * `field-<Attribute>="Forms.X"` bindings: the attribute's whole value comes from that field.
 * Keyed by attribute name (`FileName`, `Url`, `Title`, `Message`, …), value is `Forms.X`/`Data.X`.
 */
export type FieldBindings = Record<string, string>;

export type Command =
  | {
      type: "DownloadFile";
      fileName: string | null;
      target: CommandTarget;
      fieldBindings: FieldBindings;
    }
  | {
      type: "InvokeUrl";
      url: string;
      method: "POST" | "PUT" | "PATCH";
      headers: { name: string; value: string }[];
      target: CommandTarget;
      fieldBindings: FieldBindings;
    }
  | {
      type: "ShowDialog";
      title: string;
      message: string;
      target: CommandTarget | null;
      fieldBindings: FieldBindings;
    };

export type Commands = Record<HandlerGroup, Command[]>;

export interface Connect {
  /** Absent: the web app offers every template of the data source (spec §5). */
  template: TemplateRef | null;
  /** Culture tag as sent (`de-CH`); compared case-insensitively. Null: template default. */
  documentLanguage: string | null;
  forms: Values;
  data: Values;
  commands: Commands;
}

/** One problem found in a payload. Line and column are 1-based; null for JSON input. */
export interface PayloadIssue {
  path: string;
  line: number | null;
  column: number | null;
  code: string;
  message: string;
}

export type ParseResult =
  | { ok: true; connect: Connect }
  | { ok: false; kind: "malformed" | "invalid"; issues: PayloadIssue[] };

/**
 * An empty value tree. It has no prototype, so every key is plain data: no key a payload
 * sends (and no lookup of a missing one, such as `toString`) can reach `Object.prototype`.
 */
export function emptyValues(): Values {
  // A `__proto__: null` literal, unlike Object.create(null), stays a fast object in V8.
  // SAFETY: the literal sets the prototype and has no own keys; TypeScript types it as a key.
  return { __proto__: null } as unknown as Values;
}

export function emptyCommands(): Commands {
  return { OnSuccess: [], OnError: [], OnCancel: [], OnExit: [] };
}
