import { describe, expect, it } from "vitest";

import { checkReadOnlySql } from "../../src/initializers/sql-guard.ts";

describe("checkReadOnlySql", () => {
  it.each([
    "SELECT name FROM customers WHERE id = ?1",
    "  select 1;  ",
    'WITH c AS (SELECT * FROM customers) SELECT name AS "Forms.Subject" FROM c',
    "SELECT ';' AS x, 'DROP TABLE customers' AS y -- comment; DELETE",
    'SELECT "update" FROM t /* ; DELETE */',
    "SELECT replace(name, ' ', '') AS \"Data.Name\", REPLACE (a, 'x', 'y') FROM customers",
    `SELECT e'it''s' AS "Forms.Note", name FROM customers WHERE id = $1`,
    'SELECT "Set" AS "Data.Update", "sleep" FROM t',
  ])("accepts a single read-only statement: %s", (sql) => {
    expect(checkReadOnlySql(sql)).toEqual({ ok: true });
  });

  it.each([
    ["SELECT 1; DROP TABLE customers", "one statement"],
    ["SELECT 1;;", "one statement"],
    ["DELETE FROM customers", "SELECT"],
    ["PRAGMA table_info(customers)", "SELECT"],
    ["WITH x AS (DELETE FROM customers RETURNING *) SELECT * FROM x", "DELETE"],
    ["SELECT * INTO copy FROM customers", "INTO"],
    ["WITH c AS (SELECT 1 AS a) REPLACE INTO customers(id) SELECT a FROM c", "REPLACE"],
    ["WITH c AS (SELECT 1 AS a) REPLACE/**/(id) SELECT a FROM c", "REPLACE"],
    [
      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
      "RECURSIVE",
    ],
    ["SELECT set_config('statement_timeout', '0', true)", "set_config"],
    ["SELECT pg_sleep(600)", "pg_sleep"],
    ["SELECT pg_read_file('/etc/passwd')", "pg_read_file"],
    ["SELECT load_extension('x')", "load_extension"],
    // Whole families: dblink's other functions run any statement on a connection of their own,
    // and session-level advisory locks outlive the READ ONLY transaction.
    [
      "SELECT dblink_connect('c', 'host=db'), dblink_send_query('c', 'DELETE FROM customers')",
      "dblink_connect",
    ],
    ["SELECT pg_try_advisory_lock(42)", "pg_try_advisory_lock"],
    ["SELECT pg_advisory_lock_shared(42)", "pg_advisory_lock_shared"],
    ["SELECT pg_notify('channel', 'payload')", "pg_notify"],
    ["SELECT * FROM pg_ls_logdir()", "pg_ls_logdir"],
    // PostgreSQL calls a function named in quotes, in any of its quoting forms.
    [`SELECT "set_config"('statement_timeout', '0', false)`, "set_config"],
    [`SELECT pg_catalog."pg_sleep"(600)`, "pg_sleep"],
    ["SELECT [load_extension]('x'), `load_extension`('y')", "load_extension"],
    [String.raw`SELECT U&"\0073et_config"('statement_timeout', '0', false)`, "U&"],
    // A dollar-quoted string holding a quote: read as '…' it would hide the code after it.
    [`SELECT $$'$$ AS a, set_config('statement_timeout', '0', false) AS b, $$'$$ AS c`, "$"],
    [`SELECT $t$'$t$ AS a, pg_sleep(600) AS b, $t$'$t$ AS c`, "$"],
    // PostgreSQL ends E'\'' later than SQLite does; either reading would hide code from the other.
    [
      String.raw`SELECT E'\'' AS a, set_config('statement_timeout', '0', false) AS b, E'\'' AS c`,
      "Backslash",
    ],
    [String.raw`SELECT e'\' AS a, load_extension('x') AS b, '\'`, "Backslash"],
    ["SELECT 'unclosed", "unclosed"],
    ["", "SELECT"],
  ])("refuses %s", (sql, hint) => {
    const result = checkReadOnlySql(sql);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(hint);
  });
});
