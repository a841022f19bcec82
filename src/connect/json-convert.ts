/**
 * Between the JSON form and the Connect model, both ways. API responses that show a
 * session's content (for example `GET …/Input` with `{forms, data}`) use `toJsonValues` and
 * `connectToJson`, so they have exactly the shape that `json-schema.ts` accepts.
 */
import type { CommandJson, ConnectPayloadJson, JsonValue, JsonValues } from "./json-schema.ts";
import {
  HANDLER_GROUPS,
  emptyValues,
  type Command,
  type CommandTarget,
  type Commands,
  type Connect,
  type FieldBindings,
  type FieldValue,
  type HandlerGroup,
  type TemplateRef,
  type Values,
} from "./model.ts";
import { splitTagGroup } from "./rules.ts";

/** JSON handler group names, by model group. */
const JSON_GROUPS: Readonly<Record<HandlerGroup, "onSuccess" | "onError" | "onCancel" | "onExit">> =
  {
    OnSuccess: "onSuccess",
    OnError: "onError",
    OnCancel: "onCancel",
    OnExit: "onExit",
  };

/** JSON binding names (camelCase) and the model's (the XML attribute names). */
const BINDING_NAMES: readonly (readonly [json: string, model: string])[] = [
  ["fileName", "FileName"],
  ["url", "Url"],
  ["title", "Title"],
  ["message", "Message"],
];

/** Builds the model from a payload the schema accepted. */
export function connectFromJson(payload: ConnectPayloadJson): Connect {
  const commands: Commands = { OnSuccess: [], OnError: [], OnCancel: [], OnExit: [] };
  for (const group of HANDLER_GROUPS) {
    commands[group] = (payload.commands?.[JSON_GROUPS[group]] ?? []).map(commandFromJson);
  }
  return {
    template: templateFromJson(payload.template),
    documentLanguage: payload.documentLanguage ?? null,
    forms: valuesFromJson(payload.forms ?? {}),
    data: valuesFromJson(payload.data ?? {}),
    commands,
  };
}

function templateFromJson(template: ConnectPayloadJson["template"]): TemplateRef | null {
  if (template?.id !== undefined) return { kind: "id", id: template.id.toLowerCase() };
  const filter = template?.tagFilter;
  if (filter === undefined) return null;
  return {
    kind: "tags",
    // The schema has checked every group, so none splits to null.
    anyOf: filter.tags.map((tag) => splitTagGroup(tag) ?? []),
    allowTemplatePicker: filter.allowTemplatePicker ?? false,
  };
}

export function valuesFromJson(json: JsonValues): Values {
  const values = emptyValues();
  for (const [key, value] of Object.entries(json)) values[key] = fieldFromJson(value);
  return values;
}

function fieldFromJson(value: JsonValue): FieldValue {
  if (typeof value === "string") return { kind: "value", text: value };
  if (Array.isArray(value)) return { kind: "collection", items: value.map(valuesFromJson) };
  return { kind: "object", values: valuesFromJson(value) };
}

function commandFromJson(json: CommandJson): Command {
  const target = targetFromJson(json.target, json.conversion);
  const fieldBindings = bindingsFromJson(json.fieldBindings);
  switch (json.type) {
    case "DownloadFile":
      return {
        type: json.type,
        fileName: json.fileName ?? null,
        target: target ?? REPORT,
        fieldBindings,
      };
    case "InvokeUrl":
      return {
        type: json.type,
        url: json.url ?? "",
        method: json.method ?? "POST",
        headers: (json.headers ?? []).map(({ name, value }) => ({ name, value })),
        target: target ?? REPORT,
        fieldBindings,
      };
    case "ShowDialog":
      return {
        type: json.type,
        title: json.title ?? "",
        message: json.message ?? "",
        target,
        fieldBindings,
      };
  }
}

const REPORT: CommandTarget = { kind: "report" };

function targetFromJson(
  target: "document" | "report" | undefined,
  conversion: "Pdf" | undefined,
): CommandTarget | null {
  if (target === undefined) return null;
  return target === "report"
    ? { kind: "report" }
    : { kind: "document", conversion: conversion ?? null };
}

function bindingsFromJson(json: Partial<Record<string, string>> | undefined): FieldBindings {
  const bindings: FieldBindings = {};
  for (const [jsonName, modelName] of BINDING_NAMES) {
    const reference = json?.[jsonName];
    if (reference !== undefined) bindings[modelName] = reference;
  }
  return bindings;
}

/** The JSON form of a value tree, as responses show Forms and Data. */
export function toJsonValues(values: Values): JsonValues {
  const json: JsonValues = {};
  for (const [key, value] of Object.entries(values)) json[key] = fieldToJson(value);
  return json;
}

function fieldToJson(value: FieldValue): JsonValue {
  switch (value.kind) {
    case "value":
      return value.text;
    case "object":
      return toJsonValues(value.values);
    case "collection":
      return value.items.map(toJsonValues);
  }
}

/** The JSON form of a whole Connect; `parseConnectJson` reads it back to an equal value. */
export function connectToJson(connect: Connect): ConnectPayloadJson {
  const json: ConnectPayloadJson = {};
  if (connect.template !== null) json.template = templateToJson(connect.template);
  if (connect.documentLanguage !== null) json.documentLanguage = connect.documentLanguage;
  json.forms = toJsonValues(connect.forms);
  json.data = toJsonValues(connect.data);
  for (const group of HANDLER_GROUPS) {
    const commands = connect.commands[group];
    if (commands.length === 0) continue;
    json.commands ??= {};
    json.commands[JSON_GROUPS[group]] = commands.map(commandToJson);
  }
  return json;
}

function templateToJson(template: TemplateRef): NonNullable<ConnectPayloadJson["template"]> {
  if (template.kind === "id") return { id: template.id };
  return {
    tagFilter: {
      tags: template.anyOf.map((group) => group.join(";")),
      allowTemplatePicker: template.allowTemplatePicker,
    },
  };
}

function commandToJson(command: Command): CommandJson {
  const bound = command.fieldBindings;
  switch (command.type) {
    case "DownloadFile":
      return {
        type: command.type,
        ...(command.fileName === null ? {} : { fileName: command.fileName }),
        ...targetToJson(command.target),
        ...optionalBindings({ fileName: bound.FileName }),
      };
    case "InvokeUrl":
      return {
        type: command.type,
        ...boundText("url", command.url, bound.Url),
        method: command.method,
        ...(command.headers.length === 0 ? {} : { headers: command.headers.map(copyHeader) }),
        ...targetToJson(command.target),
        ...optionalBindings({ url: bound.Url }),
      };
    case "ShowDialog":
      return {
        type: command.type,
        ...boundText("title", command.title, bound.Title),
        ...boundText("message", command.message, bound.Message),
        ...(command.target === null ? {} : targetToJson(command.target)),
        ...optionalBindings({ title: bound.Title, message: bound.Message }),
      };
  }
}

function copyHeader(header: { name: string; value: string }): { name: string; value: string } {
  return { name: header.name, value: header.value };
}

/** A text that a binding fills is left out when empty: the parsers read its absence as "". */
function boundText<K extends string>(
  name: K,
  text: string,
  binding: string | undefined,
): Partial<Record<K, string>> {
  if (text === "" && binding !== undefined) return {};
  // SAFETY: a computed key widens to `string`; `name` is exactly K.
  return { [name]: text } as Partial<Record<K, string>>;
}

function targetToJson(target: CommandTarget): {
  target: "document" | "report";
  conversion?: "Pdf";
} {
  if (target.kind === "report" || target.conversion === null) return { target: target.kind };
  return { target: target.kind, conversion: target.conversion };
}

/** `{fieldBindings}` with the bound names only, or nothing when none is bound. */
function optionalBindings<T extends Record<string, string | undefined>>(
  candidates: T,
): { fieldBindings?: Partial<T> } {
  const bound: Partial<T> = {};
  let found = false;
  for (const [name, reference] of Object.entries(candidates)) {
    if (reference === undefined) continue;
    Object.assign(bound, { [name]: reference });
    found = true;
  }
  return found ? { fieldBindings: bound } : {};
}
