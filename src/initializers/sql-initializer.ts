/**
 * The SQL initializer (spec §8): one checked read-only statement against a configured
 * database, its parameters filled from placeholders and bound, rows capped, columns mapped
 * by alias (`AS "Forms.Subject"`) or by `Map`.
 */
import type { SqlInitializer } from "../session-templates/model.ts";
import { InitFailure, withTimeout, type InitOutcome } from "./outcome.ts";
import { lookup, fill, type InitScope } from "./placeholders.ts";
import { mapRows, type Row } from "./rows.ts";
import { checkReadOnlySql } from "./sql-guard.ts";
import type { SqlDatabases, SqlRow } from "./sql-runner.ts";

export async function runSqlInitializer(
  init: SqlInitializer,
  scope: InitScope,
  databases: SqlDatabases,
): Promise<InitOutcome> {
  // Checked at upload too; checked again so no stored definition can bypass it.
  const guard = checkReadOnlySql(init.query);
  if (!guard.ok) throw new InitFailure("invalid", guard.message);

  const runner = databases(init.database);
  if (runner === null) {
    throw new InitFailure("invalid", `The database "${init.database}" is not configured.`);
  }
  const params = init.parameters.map((p) => parameterValue(p, scope));

  let rows: SqlRow[];
  try {
    // One row more than allowed tells "exactly at the cap" from "over it".
    const work = runner.query(init.query, params, init.maxRows + 1, init.timeoutMs);
    rows = await withTimeout(work, init.timeoutMs, `The database "${init.database}"`);
  } catch (error) {
    if (error instanceof InitFailure) throw error;
    // Database messages may quote data; the log gets the class, the caller a plain cause.
    throw new InitFailure("upstream", `The database "${init.database}" refused the query.`);
  }
  if (rows.length > init.maxRows) {
    throw new InitFailure("invalid", `The query returned more than ${init.maxRows} rows.`);
  }
  if (rows.length === 0 && init.required) {
    throw new InitFailure("invalid", "The query matched no row.");
  }

  const mapped = mapRows(rows.map(textRow), init.mappings);
  const message = `${rows.length} row(s), ${mapped.builder.count} value(s) mapped.`;
  return { ok: true, values: mapped.builder.values, message };
}

/** A parameter that is exactly one missing placeholder binds NULL; otherwise its text. */
function parameterValue(template: string, scope: InitScope): string | null {
  const whole = /^\{([^{}]+)\}$/.exec(template.trim())?.[1];
  if (whole !== undefined && lookup(scope, whole) === null) return null;
  return fill(template, scope).text;
}

function textRow(row: SqlRow): Row {
  const out: Row = Object.create(null) as Row;
  for (const [column, value] of Object.entries(row)) out[column] = textOf(value);
  return out;
}

function textOf(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") {
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  return null;
}
