/**
 * PostgreSQL through Hyperdrive for SQL initializers (spec §8), with postgres.js. The
 * statement runs in a READ ONLY transaction with a statement timeout, on top of the
 * statement check, and its parameters are bound by the extended protocol. The client is
 * created per query: Hyperdrive pools the real connections.
 */
import postgres from "postgres";

import type { SqlRow, SqlRunner } from "./sql-runner.ts";
import { limitedSql } from "./sql-runner.ts";

/** What the runner needs from postgres.js; tests pass a fake. */
export interface PgClient {
  readOnly(run: (query: PgQuery) => Promise<SqlRow[]>): Promise<SqlRow[]>;
  end(): Promise<void>;
}
export type PgQuery = (text: string, params: readonly (string | null)[]) => Promise<SqlRow[]>;
export type PgConnect = (connectionString: string) => PgClient;

export function postgresRunner(
  connectionString: string,
  connect: PgConnect = connectPostgres,
): SqlRunner {
  return {
    async query(sql, params, limit, timeoutMs) {
      const client = connect(connectionString);
      try {
        return await client.readOnly(async (query) => {
          // SET LOCAL takes no bind parameters; the value is our own integer.
          await query(`SET LOCAL statement_timeout = ${Math.trunc(timeoutMs)}`, []);
          return query(limitedSql(sql, limit), params);
        });
      } finally {
        await client.end();
      }
    },
  };
}

function connectPostgres(connectionString: string): PgClient {
  // fetch_types off: one round trip less, and initializers read only text-like values.
  const sql = postgres(connectionString, { max: 1, fetch_types: false, prepare: false });
  return {
    async readOnly(run) {
      const rows = await sql.begin("read only", (tx) =>
        run(async (text, params) => [...(await tx.unsafe(text, [...params]))] as SqlRow[]),
      );
      return rows;
    },
    end: () => sql.end({ timeout: 1 }),
  };
}
