/**
 * SQL databases for SQL initializers (spec §8): D1 by default, PostgreSQL through
 * Hyperdrive. A data source's `sqlDatabases` names each database and the binding that
 * reaches it. Both runners bind parameters (never splice them), cap rows by wrapping the
 * checked statement in `SELECT * FROM (…) LIMIT n`, and hand rows back as plain records.
 */
import type { SqlDatabaseConfig } from "../config/config.ts";
import { postgresRunner } from "./sql-postgres.ts";

/** One row as the database gave it: column name → value. */
export type SqlRow = Record<string, unknown>;

export interface SqlRunner {
  /** Runs a checked read-only statement; at most `limit` rows come back. */
  query(
    sql: string,
    params: readonly (string | null)[],
    limit: number,
    timeoutMs: number,
  ): Promise<SqlRow[]>;
}

/** Finds a database by the name a definition uses; null when none is configured. */
export type SqlDatabases = (name: string) => SqlRunner | null;

/** The checked statement wrapped so the database itself stops at `limit` rows. */
export function limitedSql(sql: string, limit: number): string {
  const statement = sql.trim().replace(/;\s*$/, "");
  // The newline ends a trailing `--` comment before the closing parenthesis.
  return `SELECT * FROM (\n${statement}\n) AS initializer_rows LIMIT ${Math.trunc(limit)}`;
}

export function d1Runner(db: D1Database): SqlRunner {
  return {
    async query(sql, params, limit) {
      const result = await db
        .prepare(limitedSql(sql, limit))
        .bind(...params)
        .all<SqlRow>();
      return result.results;
    },
  };
}

/**
 * The databases of one data source, resolved against the Worker's bindings. A binding that
 * is missing or of the wrong kind resolves to null, and the start fails with that message.
 */
export function bindingDatabases(env: Env, configured: readonly SqlDatabaseConfig[]): SqlDatabases {
  return (name) => {
    const config = configured.find((d) => d.name === name);
    if (config === undefined) return null;
    // SAFETY: bindings are looked up by a configured name; the shape is checked below.
    const binding = (env as unknown as Record<string, unknown>)[config.binding];
    if (config.kind === "d1") return isD1(binding) ? d1Runner(binding) : null;
    return isHyperdrive(binding) ? postgresRunner(binding.connectionString) : null;
  };
}

function isD1(value: unknown): value is D1Database {
  return typeof value === "object" && value !== null && "prepare" in value && "batch" in value;
}

function isHyperdrive(value: unknown): value is Hyperdrive {
  return typeof value === "object" && value !== null && "connectionString" in value;
}
