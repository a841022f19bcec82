import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import { runSqlInitializer } from "../../src/initializers/sql-initializer.ts";
import { bindingDatabases } from "../../src/initializers/sql-runner.ts";
import type { SqlInitializer } from "../../src/session-templates/model.ts";
import { items, scope, text } from "../initializers/helpers.ts";

// Resolved the way a data source's `sqlDatabases` entry is: by binding name and kind.
const databases = bindingDatabases(env, [
  { name: "erp", kind: "postgres", binding: "ERP_HYPERDRIVE" },
]);

function sql(query: string, parameters: string[], extra: Partial<SqlInitializer> = {}) {
  const init: SqlInitializer = {
    kind: "sql",
    position: 1,
    database: "erp",
    query,
    parameters,
    maxRows: 10,
    mappings: [],
    required: false,
    timeoutMs: 5000,
    ...extra,
  };
  return init;
}

async function customerCount(): Promise<number> {
  const count = sql(`SELECT count(*)::int AS "Data.Count" FROM customers`, []);
  const result = await runSqlInitializer(count, scope(), databases);
  return Number(result.ok ? text(result.values.data, "Count") : NaN);
}

describe("SQL initializer on PostgreSQL through Hyperdrive", () => {
  it("fills targets from column aliases with a bound parameter", async () => {
    const init = sql(
      `SELECT name AS "Data.CustomerName", city AS "Forms.City" FROM customers WHERE id = $1`,
      ["{Data.CustomerId}"],
    );

    const result = await runSqlInitializer(init, scope({ CustomerId: "C-1" }), databases);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.values.data, "CustomerName")).toBe("Muster AG");
    expect(text(result.values.forms, "City")).toBe("Zürich");
  });

  it("fills an ObjectCollection from several rows, numbers as text", async () => {
    const init = sql(
      `SELECT article AS "Data.Lines[].Article", amount AS "Data.Lines[].Amount"
       FROM order_lines WHERE customer = $1 ORDER BY line`,
      ["{Data.CustomerId}"],
    );

    const result = await runSqlInitializer(init, scope({ CustomerId: "C-1" }), databases);

    expect(result.ok && items(result.values.data, "Lines")).toEqual([
      { Article: "Beratung", Amount: "1200.00" },
      { Article: "Lizenz", Amount: "250.50" },
    ]);
  });

  it("binds a parameter carrying SQL as a value: no row matches and the table stays", async () => {
    const init = sql(`SELECT name AS "Data.CustomerName" FROM customers WHERE id = $1`, [
      "{Data.CustomerId}",
    ]);
    const hostile = "'; DROP TABLE customers; --";

    const result = await runSqlInitializer(init, scope({ CustomerId: hostile }), databases);

    expect(result).toMatchObject({ ok: true, message: "0 row(s), 0 value(s) mapped." });
    expect(await customerCount()).toBe(3);
  });

  it("binds a missing value as NULL", async () => {
    const init = sql(`SELECT count(*)::int AS "Data.Matches" FROM customers WHERE city = $1`, [
      "{Data.Nowhere}",
    ]);

    const result = await runSqlInitializer(init, scope(), databases);

    expect(result.ok && text(result.values.data, "Matches")).toBe("0");
  });

  it("runs in a read-only transaction: a SELECT that writes is refused by the database", async () => {
    // The statement check refuses nextval() itself, but not a function that calls it.
    const init = sql(`SELECT next_audit_number() AS "Data.Number"`, []);

    await expect(runSqlInitializer(init, scope(), databases)).rejects.toThrow(
      'The database "erp" refused the query.',
    );
  });

  it("stops a statement that runs past its timeout", async () => {
    // The statement check refuses pg_sleep() itself, but not a function that calls it.
    const init = sql(`SELECT slow_lookup(5) AS "Data.Slept"`, [], { timeoutMs: 300 });
    const started = Date.now();

    await expect(runSqlInitializer(init, scope(), databases)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it("fails when the query returns more rows than its cap, counted by the database", async () => {
    const init = sql(`SELECT id AS "Data.Ids[].Id" FROM customers`, [], { maxRows: 2 });

    await expect(runSqlInitializer(init, scope(), databases)).rejects.toThrow(/more than 2 rows/);
  });
});
