/**
 * The `<Initializers>` section of a session-template definition (spec §8): one element per
 * initializer, its options as attributes, `Map` children, and kind-specific children
 * (`Header`, `Body`, `Query`, `Parameter`). Every problem is reported with its location.
 */
import { isHeaderName, isHeaderValue, parseBoolean, urlProblem } from "../connect/rules.ts";
import type { XmlElement } from "../connect/xml-reader.ts";
import { NO_ATTRIBUTES, attribute, type XmlWalk } from "../connect/xml-walk.ts";
import {
  DEFAULT_INITIALIZER_TIMEOUT_MS,
  DEFAULT_SQL_MAX_ROWS,
  MAX_INITIALIZERS,
  MAX_INITIALIZER_TIMEOUT_SECONDS,
  MAX_SQL_MAX_ROWS,
} from "../initializers/limits.ts";
import { isInitializerFileName } from "../initializers/file-source.ts";
import { checkReadOnlySql } from "../initializers/sql-guard.ts";
import {
  INITIALIZER_ELEMENTS,
  type FileSource,
  type Initializer,
  type InitializerKind,
  type Mapping,
  type RowLookup,
} from "./model.ts";
import { parseTarget } from "./values.ts";

const COMMON = ["Required", "TimeoutSeconds"];
const FILE_ATTRIBUTES = ["File", "Url", "Header", "KeyColumn", "KeyValue"];
const SHAPES: Readonly<Record<InitializerKind, { attributes: string[]; children: string[] }>> = {
  http: { attributes: ["Url", "Method", "Format"], children: ["Header", "Body", "Map"] },
  sql: { attributes: ["Database", "MaxRows"], children: ["Query", "Parameter", "Map"] },
  csv: { attributes: [...FILE_ATTRIBUTES, "Delimiter", "Encoding"], children: ["Map"] },
  excel: { attributes: [...FILE_ATTRIBUTES, "Sheet"], children: ["Map"] },
};
const KINDS = Object.keys(INITIALIZER_ELEMENTS) as InitializerKind[];
const ELEMENT_NAMES = KINDS.map((k) => INITIALIZER_ELEMENTS[k]);

export function readInitializers(walk: XmlWalk, element: XmlElement): Initializer[] {
  walk.checkAttributes(element, NO_ATTRIBUTES);
  walk.refuseText(element);
  const list: Initializer[] = [];
  for (const child of element.children) {
    const kind = KINDS.find((k) => INITIALIZER_ELEMENTS[k] === child.name);
    if (kind === undefined) {
      walk.unknownChild(child, ELEMENT_NAMES);
      continue;
    }
    const initializer = readInitializer(walk, child, kind, list.length + 1);
    if (initializer !== null) list.push(initializer);
  }
  if (element.children.length > MAX_INITIALIZERS) {
    walk.report(
      "invalid-value",
      element,
      `A definition holds at most ${MAX_INITIALIZERS} initializers.`,
    );
  }
  return list;
}

function readInitializer(
  walk: XmlWalk,
  element: XmlElement,
  kind: InitializerKind,
  position: number,
): Initializer | null {
  const shape = SHAPES[kind];
  walk.checkAttributes(element, [...COMMON, ...shape.attributes]);
  walk.refuseText(element);
  for (const child of element.children) {
    if (!shape.children.includes(child.name)) walk.unknownChild(child, shape.children);
  }

  const base = {
    position,
    mappings: readMappings(walk, element, kind === "http"),
    required: readBoolean(walk, element, "Required", false),
    timeoutMs: readTimeout(walk, element),
  };
  switch (kind) {
    case "http":
      return readHttp(walk, element, base);
    case "sql":
      return readSql(walk, element, base);
    case "csv": {
      const delimiter = attribute(element, "Delimiter") ?? ",";
      if (delimiter.length !== 1) {
        walk.report("invalid-value", element, "Delimiter must be a single character.");
      }
      const encoding = attribute(element, "Encoding") ?? "utf-8";
      if (encoding !== "utf-8" && encoding !== "windows-1252") {
        walk.report("invalid-value", element, 'Encoding must be "utf-8" or "windows-1252".');
      }
      const encodingValue = encoding === "windows-1252" ? "windows-1252" : "utf-8";
      return { ...base, ...readTable(walk, element), kind, delimiter, encoding: encodingValue };
    }
    case "excel": {
      const sheet = attribute(element, "Sheet");
      if (sheet === undefined || sheet === "") {
        walk.report("missing-attribute", element, "<ExcelInitializer> needs a Sheet attribute.");
      }
      return { ...base, ...readTable(walk, element), kind, sheet: sheet ?? "" };
    }
  }
}

type Base = Pick<Initializer, "position" | "mappings" | "required" | "timeoutMs">;

function readHttp(walk: XmlWalk, element: XmlElement, base: Base): Initializer {
  const url = readUrl(walk, element, "Url", true);
  const method = attribute(element, "Method") ?? "GET";
  if (method !== "GET" && method !== "POST") {
    walk.report("invalid-method", element, 'Method must be "GET" or "POST".');
  }
  const format = attribute(element, "Format") ?? "json";
  if (format !== "json" && format !== "xml") {
    walk.report("invalid-value", element, 'Format must be "json" or "xml".');
  }

  const headers: { name: string; value: string }[] = [];
  let body: { contentType: string; text: string } | null = null;
  for (const child of element.children) {
    if (child.name === "Header") {
      walk.checkAttributes(child, ["Name", "Value"]);
      const name = attribute(child, "Name") ?? "";
      const value = attribute(child, "Value") ?? "";
      if (!isHeaderName(name))
        walk.report("invalid-header-name", child, "Name is not a header name.");
      if (!isHeaderValue(value))
        walk.report("invalid-header-value", child, "Value cannot be sent.");
      headers.push({ name, value });
    } else if (child.name === "Body") {
      walk.checkAttributes(child, ["ContentType"]);
      walk.refuseChildren(child);
      if (body !== null) walk.reportRepeated(child);
      body = {
        contentType: attribute(child, "ContentType") ?? "application/json",
        text: child.text,
      };
    }
  }
  if (body !== null && method === "GET") {
    walk.report("invalid-value", element, 'A GET request carries no <Body>; use Method="POST".');
  }
  return {
    ...base,
    kind: "http",
    method: method === "POST" ? "POST" : "GET",
    url,
    headers,
    body,
    format: format === "xml" ? "xml" : "json",
  };
}

function readSql(walk: XmlWalk, element: XmlElement, base: Base): Initializer {
  const queries = element.children.filter((c) => c.name === "Query");
  const query = queries[0];
  if (query === undefined) {
    walk.report("missing-target", element, "<SqlInitializer> needs a <Query>.");
  } else {
    walk.checkAttributes(query, NO_ATTRIBUTES);
    walk.refuseChildren(query);
    const guard = checkReadOnlySql(query.text);
    if (!guard.ok) walk.report("invalid-value", query, guard.message);
  }
  for (const extra of queries.slice(1)) walk.reportRepeated(extra);

  const parameters = element.children
    .filter((c) => c.name === "Parameter")
    .map((p) => {
      walk.checkAttributes(p, NO_ATTRIBUTES);
      walk.refuseChildren(p);
      return p.text;
    });
  const maxRows = readInteger(walk, element, "MaxRows", DEFAULT_SQL_MAX_ROWS, MAX_SQL_MAX_ROWS);
  return {
    ...base,
    kind: "sql",
    database: attribute(element, "Database") ?? "default",
    query: query?.text.trim() ?? "",
    parameters,
    maxRows,
  };
}

function readTable(
  walk: XmlWalk,
  element: XmlElement,
): { source: FileSource; header: boolean; lookup: RowLookup | null } {
  const file = attribute(element, "File");
  const url = attribute(element, "Url");
  let source: FileSource = { kind: "r2", file: file ?? "" };
  if ((file === undefined) === (url === undefined)) {
    walk.report("invalid-value", element, `<${element.name}> needs exactly one of File or Url.`);
  } else if (url !== undefined) {
    source = { kind: "url", url: readUrl(walk, element, "Url", false) };
  } else if (file !== undefined && !isInitializerFileName(file)) {
    walk.report("invalid-value", element, `File "${file}" is not a plain file name.`);
  }

  const column = attribute(element, "KeyColumn");
  const value = attribute(element, "KeyValue");
  if ((column === undefined) !== (value === undefined)) {
    walk.report("invalid-value", element, "KeyColumn and KeyValue go together.");
  }
  const lookup = column !== undefined && value !== undefined ? { column, value } : null;
  return { source, header: readBoolean(walk, element, "Header", true), lookup };
}

function readMappings(walk: XmlWalk, element: XmlElement, paths: boolean): Mapping[] {
  const mappings: Mapping[] = [];
  for (const child of element.children) {
    if (child.name !== "Map") continue;
    walk.checkAttributes(child, ["From", "To"]);
    walk.refuseChildren(child);
    const from = attribute(child, "From") ?? "";
    const to = parseTarget(attribute(child, "To") ?? "");
    if (from === "") walk.report("missing-attribute", child, "<Map> needs a From attribute.");
    if (typeof to === "string") {
      walk.report("invalid-field-binding", child, to);
      continue;
    }
    const fromCollection = from.includes("[]");
    if (paths && fromCollection !== to.collection) {
      const message = "Map a list (From with []) to a collection (To with []), and only then.";
      walk.report("invalid-field-binding", child, message);
    } else if (!paths && fromCollection) {
      walk.report("invalid-field-binding", child, "From names a column; it takes no [].");
    }
    mappings.push({ from, to });
  }
  if (paths && mappings.length === 0) {
    walk.report("missing-target", element, `<${element.name}> needs at least one <Map>.`);
  }
  return mappings;
}

function readUrl(walk: XmlWalk, element: XmlElement, name: string, required: boolean): string {
  const url = attribute(element, name);
  if (url === undefined) {
    if (required) walk.report("missing-attribute", element, `<${element.name}> needs ${name}.`);
    return "";
  }
  const problem = urlProblem(url);
  if (problem !== null) walk.report("invalid-url", element, problem);
  return url;
}

function readBoolean(walk: XmlWalk, element: XmlElement, name: string, fallback: boolean) {
  const raw = attribute(element, name);
  if (raw === undefined) return fallback;
  const value = parseBoolean(raw);
  if (value === null) walk.report("invalid-boolean", element, `${name} must be true or false.`);
  return value ?? fallback;
}

function readTimeout(walk: XmlWalk, element: XmlElement): number {
  const fallback = DEFAULT_INITIALIZER_TIMEOUT_MS / 1000;
  const max = MAX_INITIALIZER_TIMEOUT_SECONDS;
  return readInteger(walk, element, "TimeoutSeconds", fallback, max) * 1000;
}

function readInteger(walk: XmlWalk, el: XmlElement, name: string, fallback: number, max: number) {
  const raw = attribute(el, name);
  if (raw === undefined) return fallback;
  const value = /^[0-9]{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= 1 && value <= max)) {
    walk.report("invalid-value", el, `${name} must be a whole number from 1 to ${max}.`);
    return fallback;
  }
  return value;
}
