import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";

import { runSqlInitializer } from "../../src/initializers/sql-initializer.ts";
import { postgresRunner, type PgClient } from "../../src/initializers/sql-postgres.ts";
import { d1Runner, type SqlDatabases } from "../../src/initializers/sql-runner.ts";
import { seedDemoDatabase } from "../../src/session-templates/demo-seed.ts";
import type { SqlInitializer } from "../../src/session-templates/model.ts";
import { parseDefinition } from "../../src/session-templates/parse-definition.ts";
import { items, scope, text } from "./helpers.ts";

const d1: SqlDatabases = (name) => (name === "default" ? d1Runner(env.SQL_DEMO) : null);

function sql(
  query: string,
  parameters: string[],
  extra: Partial<SqlInitializer> = {},
): SqlInitializer {
  return {
    kind: "sql",
    position: 1,
    database: "default",
    query,
    parameters,
    maxRows: 10,
    mappings: [],
    required: false,
    timeoutMs: 2000,
    ...extra,
  };
}

/** The first initializer of a definition holding `initializers`, read as at upload. */
function sqlFromXml(initializers: string): SqlInitializer {
  const parsed = parseDefinition(`<primedocsConnectSessionTemplate Name="Sql">
  <primedocsConnect/>
  <Initializers>${initializers}</Initializers>
</primedocsConnectSessionTemplate>`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const init = parsed.definition.initializers[0];
  if (init?.kind !== "sql") throw new Error("no SQL initializer");
  return init;
}

beforeAll(async () => {
  await seedDemoDatabase(env.SQL_DEMO);
});

describe("SQL initializer on D1", () => {
  it("fills targets from column aliases with bound parameters", async () => {
    const init = sql(
      `SELECT total AS "Data.Total", valid_until AS "Forms.ValidUntil" FROM offers WHERE number = ?1`,
      ["{Data.OfferNumber}"],
    );
    const result = await runSqlInitializer(init, scope({ OfferNumber: "A-100" }), d1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.values.data, "Total")).toBe("CHF 1'450.00");
    expect(text(result.values.forms, "ValidUntil")).toBe("2026-12-31");
  });

  it("fills an ObjectCollection from several rows", async () => {
    const init = sql(
      `SELECT description AS "Data.Positions[].Description", quantity AS "Data.Positions[].Quantity"
       FROM offer_positions WHERE offer_number = ?1 ORDER BY line`,
      ["{Data.OfferNumber}"],
    );
    const result = await runSqlInitializer(init, scope({ OfferNumber: "A-100" }), d1);
    expect(result.ok && items(result.values.data, "Positions")).toEqual([
      { Description: "Beratung / Consulting", Quantity: "8" },
      { Description: "Lizenz / Licence", Quantity: "1" },
    ]);
  });

  it("maps plain column names to Forms and Data keys by <Map>", async () => {
    const init = sqlFromXml(`<SqlInitializer MaxRows="1">
      <Query>SELECT customer_id, total, valid_until FROM offers WHERE number = ?1</Query>
      <Parameter>{Data.OfferNumber}</Parameter>
      <Map From="customer_id" To="Data.Customer.Id"/>
      <Map From="total" To="Data.Total"/>
      <Map From="valid_until" To="Forms.ValidUntil"/>
    </SqlInitializer>`);
    const result = await runSqlInitializer(init, scope({ OfferNumber: "A-101" }), d1);
    expect(result).toMatchObject({ ok: true, message: "1 row(s), 3 value(s) mapped." });
    if (!result.ok) return;
    expect(result.values.data).toEqual({
      Customer: { kind: "object", values: { Id: { kind: "value", text: "1002" } } },
      Total: { kind: "value", text: "CHF 320.00" },
    });
    expect(result.values.forms).toEqual({ ValidUntil: { kind: "value", text: "2026-09-30" } });
  });

  it("maps rows into an ObjectCollection by <Map> and ignores unmapped target-like aliases", async () => {
    const init = sqlFromXml(`<SqlInitializer>
      <Query>
        SELECT offer_number, description, quantity, price AS "Data.Price"
        FROM offer_positions WHERE offer_number = ?1 ORDER BY line
      </Query>
      <Parameter>{Data.OfferNumber}</Parameter>
      <Map From="offer_number" To="Forms.Offer"/>
      <Map From="description" To="Data.Positions[].Text"/>
      <Map From="quantity" To="Data.Positions[].Qty"/>
    </SqlInitializer>`);
    const result = await runSqlInitializer(init, scope({ OfferNumber: "A-100" }), d1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.values.forms, "Offer")).toBe("A-100");
    expect(items(result.values.data, "Positions")).toEqual([
      { Text: "Beratung / Consulting", Qty: "8" },
      { Text: "Lizenz / Licence", Qty: "1" },
    ]);
    // With a <Map>, a column is read only when mapped, even if its alias names a target.
    expect(Object.keys(result.values.data)).toEqual(["Positions"]);
  });

  it("binds a parameter carrying SQL as a value: no row matches and the table stays", async () => {
    const init = sql(`SELECT name AS "Data.CustomerName" FROM customers WHERE id = ?1`, [
      "{Data.Id}",
    ]);
    const hostile = "'; DROP TABLE customers; --";
    const result = await runSqlInitializer(init, scope({ Id: hostile }), d1);
    expect(result).toMatchObject({ ok: true, message: "0 row(s), 0 value(s) mapped." });

    const count = await env.SQL_DEMO.prepare("SELECT COUNT(*) AS n FROM customers").first<{
      n: number;
    }>();
    expect(count?.n).toBe(3);
  });

  it("refuses a statement that is not a single SELECT before reaching the database", async () => {
    const init = sql("DELETE FROM customers", []);
    await expect(runSqlInitializer(init, scope(), d1)).rejects.toThrow(/single SELECT/);
    const chained = sql("SELECT 1; DROP TABLE customers", []);
    await expect(runSqlInitializer(chained, scope(), d1)).rejects.toThrow(/one statement/);
  });

  it("fails when the query returns more rows than its cap", async () => {
    const init = sql(`SELECT id AS "Data.L[].Id" FROM customers`, [], { maxRows: 2 });
    await expect(runSqlInitializer(init, scope(), d1)).rejects.toThrow(/more than 2 rows/);
  });

  it("fails when a required row is missing and when the database is not configured", async () => {
    const init = sql(`SELECT name FROM customers WHERE id = ?1`, ["nobody"], { required: true });
    await expect(runSqlInitializer(init, scope(), d1)).rejects.toThrow(/matched no row/);
    await expect(runSqlInitializer({ ...init, database: "crm" }, scope(), d1)).rejects.toThrow(
      /"crm" is not configured/,
    );
  });
});

describe("SQL initializer on PostgreSQL", () => {
  it("runs in a read-only transaction with a statement timeout and bound parameters", async () => {
    const calls: { text: string; params: readonly (string | null)[] }[] = [];
    let ended = false;
    const client: PgClient = {
      readOnly: (run) =>
        run((text, params) => {
          calls.push({ text, params });
          return Promise.resolve(text.startsWith("SET") ? [] : [{ "Forms.Subject": "Hello" }]);
        }),
      end: () => {
        ended = true;
        return Promise.resolve();
      },
    };
    const pg: SqlDatabases = () => postgresRunner("postgres://hyperdrive", () => client);
    const init = sql(`SELECT subject AS "Forms.Subject" FROM letters WHERE id = $1`, ["{Data.Id}"]);

    const result = await runSqlInitializer(init, scope({ Id: "x'; --" }), pg);
    expect(result.ok && text(result.values.forms, "Subject")).toBe("Hello");
    expect(calls[0]?.text).toBe("SET LOCAL statement_timeout = 2000");
    expect(calls[1]?.text).toContain("WHERE id = $1\n) AS initializer_rows LIMIT 11");
    expect(calls[1]?.params).toEqual(["x'; --"]);
    expect(ended).toBe(true);
  });
});
