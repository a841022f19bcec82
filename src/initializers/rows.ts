/**
 * Tabular results (SQL rows, CSV and sheet rows) → values (spec §8). A `Map` names the
 * column each target takes; without any `Map`, a column whose name is a target
 * (`Forms.Subject`, `Data.Positions[].Amount`, as a SQL alias) fills it. Single targets take
 * the first row; collection targets take one item per row. Pure.
 */
import type { Mapping, RowLookup } from "../session-templates/model.ts";
import { ValuesBuilder, parseTarget } from "../session-templates/values.ts";
import { MAX_COLUMNS } from "./limits.ts";
import { InitFailure } from "./outcome.ts";
import { fill, type InitScope } from "./placeholders.ts";

/** One row: column name → text, or null for SQL NULL and missing cells. */
export type Row = Record<string, string | null>;

export interface MappedRows {
  builder: ValuesBuilder;
  rows: number;
}

export function mapRows(rows: readonly Row[], mappings: readonly Mapping[]): MappedRows {
  const builder = new ValuesBuilder();
  const first = rows[0];
  const effective = mappings.length > 0 ? mappings : implicitMappings(first);

  for (const mapping of effective) {
    if (!mapping.to.collection) {
      const text = first?.[mapping.from] ?? null;
      if (text !== null) builder.set(mapping.to, text);
      continue;
    }
    for (const [index, row] of rows.entries()) {
      builder.setItem(mapping.to, index, row[mapping.from] ?? "");
    }
  }
  return { builder, rows: rows.length };
}

function implicitMappings(row: Row | undefined): Mapping[] {
  if (row === undefined) return [];
  const mappings: Mapping[] = [];
  for (const column of Object.keys(row)) {
    const to = parseTarget(column);
    if (typeof to !== "string") mappings.push({ from: column, to });
  }
  return mappings;
}

/**
 * Rows of a parsed table as records. With a header row, columns are named by it (trimmed,
 * compared exactly); without, they are `1`, `2`, …. A column the initializer reads (the key
 * column, a Map's From, or without Maps a column named like a target) must be named once:
 * two equal names are refused rather than one silently read. With a lookup, only rows
 * whose key column equals the filled key value (both trimmed) remain. Only the columns the
 * mappings read (or, without mappings, the columns named like targets) and the key column
 * are built, so the work grows with rows × used columns, never with the table's width.
 * A table wider than MAX_COLUMNS is refused, and so is a key or mapped column it lacks.
 */
export function selectRows(
  table: readonly (readonly string[])[],
  options: {
    header: boolean;
    lookup: RowLookup | null;
    mappings: readonly Mapping[];
    /** Names the file in a refusal. */
    name: string;
  },
  scope: InitScope,
): Row[] {
  const { header, lookup, mappings, name } = options;
  const names = header ? (table[0] ?? []).map((n) => n.trim()) : [];
  const body = header ? table.slice(1) : table;
  const width = body.reduce((max, r) => Math.max(max, r.length), names.length);
  if (width > MAX_COLUMNS) {
    throw new InitFailure("invalid", `${name} has more than ${MAX_COLUMNS} columns (the cap).`);
  }
  const columns = Array.from({ length: width }, (_, i) => names[i] || String(i + 1));

  let wanted: string | null = null;
  if (lookup !== null) {
    if (!columns.includes(lookup.column)) {
      throw new InitFailure("invalid", `The key column "${lookup.column}" does not exist.`);
    }
    wanted = fill(lookup.value, scope).text.trim();
  }

  // A misspelt From would otherwise map nothing and the start succeed without the value.
  const absent = mappings.find((m) => !columns.includes(m.from));
  if (absent !== undefined) {
    throw new InitFailure(
      "invalid",
      `The column "${absent.from}" that a <Map> reads does not exist.`,
    );
  }

  // Two columns of one name: reading either would be a guess, so neither is read.
  const counts = new Map<string, number>();
  for (const column of columns) counts.set(column, (counts.get(column) ?? 0) + 1);
  const doubled = (column: string) => (counts.get(column) ?? 0) > 1;
  if (lookup !== null && doubled(lookup.column)) {
    throw new InitFailure(
      "invalid",
      `${name} has more than one column named "${lookup.column}", the key column.`,
    );
  }
  const twice = mappings.find((m) => doubled(m.from));
  if (twice !== undefined) {
    throw new InitFailure(
      "invalid",
      `${name} has more than one column named "${twice.from}", which a <Map> reads.`,
    );
  }

  // The used columns, each at the index of its only occurrence.
  const used = new Set<string>(
    mappings.length > 0
      ? mappings.map((m) => m.from)
      : columns.filter((c) => typeof parseTarget(c) !== "string"),
  );
  if (mappings.length === 0) {
    const implicit = [...used].find(doubled);
    if (implicit !== undefined) {
      throw new InitFailure(
        "invalid",
        `${name} has more than one column named "${implicit}", which fills that target.`,
      );
    }
  }
  if (lookup !== null) used.add(lookup.column);
  const picked: [string, number][] = [];
  for (const column of used) {
    const index = columns.indexOf(column);
    if (index >= 0) picked.push([column, index]);
  }
  picked.sort((a, b) => a[1] - b[1]);

  const rows: Row[] = [];
  for (const cells of body) {
    // SAFETY of the prototype: a header named `__proto__` must stay a plain key.
    const row: Row = Object.create(null) as Row;
    // A gap inside a (sparse) row is an empty cell; past its end, a missing one.
    for (const [column, i] of picked) row[column] = i < cells.length ? (cells[i] ?? "") : null;
    if (lookup !== null && (row[lookup.column] ?? "").trim() !== wanted) continue;
    rows.push(row);
  }
  return rows;
}
