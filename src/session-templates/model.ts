/**
 * The session-template model (spec §8): a named definition holding a base Connect, an
 * ordered list of initializers and the commands run after initialisation. Parsed from XML
 * by parse-definition.ts; everything downstream works on these types.
 */
import type { Command, Connect } from "../connect/model.ts";

/** Where a mapped value goes: `Forms.Key`, `Data.Key.Sub` (object) or `Data.Key[].Sub`. */
export interface MapTarget {
  root: "Forms" | "Data";
  key: string;
  /** The key inside an object, or inside each item of a collection. */
  sub: string | null;
  /** True for `Key[].Sub`: every row or array element becomes one item. */
  collection: boolean;
}

/** `From` names a column (tabular sources) or a path (`a.b[0].c`, `items[].name`, `A/B/@C`). */
export interface Mapping {
  from: string;
  to: MapTarget;
}

/** A file an initializer reads: a name under the data source's R2 prefix, or a URL. */
export type FileSource = { kind: "r2"; file: string } | { kind: "url"; url: string };

/** Row selection for CSV and Excel: the first row (or every row) whose key column matches. */
export interface RowLookup {
  /** Column name (with a header row) or 1-based column number (without). */
  column: string;
  /** May hold placeholders; compared after trimming. */
  value: string;
}

interface InitializerBase {
  /** 1-based position in the definition. */
  position: number;
  mappings: Mapping[];
  /** When true, finding nothing (no row, no value) fails the start. */
  required: boolean;
  timeoutMs: number;
}

export interface HttpInitializer extends InitializerBase {
  kind: "http";
  method: "GET" | "POST";
  url: string;
  headers: { name: string; value: string }[];
  body: { contentType: string; text: string } | null;
  format: "json" | "xml";
}

export interface SqlInitializer extends InitializerBase {
  kind: "sql";
  /** Name of an entry in the data source's `sqlDatabases`. */
  database: string;
  query: string;
  /** Bound in order (`?1`… for D1, `$1`… for PostgreSQL); may hold placeholders. */
  parameters: string[];
  maxRows: number;
}

export interface CsvInitializer extends InitializerBase {
  kind: "csv";
  source: FileSource;
  delimiter: string;
  encoding: "utf-8" | "windows-1252";
  header: boolean;
  lookup: RowLookup | null;
}

export interface ExcelInitializer extends InitializerBase {
  kind: "excel";
  source: FileSource;
  sheet: string;
  header: boolean;
  lookup: RowLookup | null;
}

export type Initializer = HttpInitializer | SqlInitializer | CsvInitializer | ExcelInitializer;
export type InitializerKind = Initializer["kind"];

export const INITIALIZER_ELEMENTS: Readonly<Record<InitializerKind, string>> = {
  http: "HttpInitializer",
  sql: "SqlInitializer",
  csv: "CsvInitializer",
  excel: "ExcelInitializer",
};

export interface SessionTemplateDefinition {
  /** As written in the definition; looked up case-insensitively. */
  name: string;
  connect: Connect;
  initializers: Initializer[];
  onSuccess: Command[];
  onError: Command[];
}

/** Session template names: they appear in URLs, so a conservative set of characters. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** A name as stored and looked up: names compare case-insensitively. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
