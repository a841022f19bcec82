import { afterEach, describe, expect, it, vi } from "vitest";

import { customersCsvBytes } from "../../demo/session-templates/content.ts";
import { runCsvInitializer } from "../../src/initializers/csv-initializer.ts";
import { MAX_COLUMNS, MAX_CSV_ROWS } from "../../src/initializers/limits.ts";
import { InitFailure } from "../../src/initializers/outcome.ts";
import { selectRows } from "../../src/initializers/rows.ts";
import type { CsvInitializer } from "../../src/session-templates/model.ts";
import { parseDefinition } from "../../src/session-templates/parse-definition.ts";
import { parseTarget } from "../../src/session-templates/values.ts";
import { items, ports, scope, text, urlOf } from "./helpers.ts";

function target(text: string) {
  const parsed = parseTarget(text);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

function csv(extra: Partial<CsvInitializer> = {}): CsvInitializer {
  return {
    kind: "csv",
    position: 1,
    source: { kind: "r2", file: "customers.csv" },
    delimiter: ";",
    encoding: "windows-1252",
    header: true,
    lookup: { column: "CustomerId", value: "{Data.CustomerId}" },
    mappings: [
      { from: "Name", to: target("Data.CustomerName") },
      { from: "Address", to: target("Data.CustomerAddress") },
    ],
    required: true,
    timeoutMs: 1000,
    ...extra,
  };
}

const files = { "customers.csv": customersCsvBytes() };

/** The first initializer of a definition holding `initializers`, read as at upload. */
function csvFromXml(initializers: string): CsvInitializer {
  const parsed = parseDefinition(`<primedocsConnectSessionTemplate Name="Csv">
  <primedocsConnect/>
  <Initializers>${initializers}</Initializers>
</primedocsConnectSessionTemplate>`);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const init = parsed.definition.initializers[0];
  if (init?.kind !== "csv") throw new Error("no CSV initializer");
  return init;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("CSV initializer", () => {
  it("finds the row by key column and decodes Windows-1252", async () => {
    const result = await runCsvInitializer(csv(), scope({ CustomerId: "1002" }), ports(files));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.values.data, "CustomerName")).toBe("Café Bühler GmbH");
    expect(text(result.values.data, "CustomerAddress")).toBe("Marktgasse 12, 3011 Bern");
  });

  it("maps every row into a collection when the target has []", async () => {
    const init = csv({
      lookup: null,
      mappings: [{ from: "CustomerId", to: target("Data.Customers[].Id") }],
    });
    const result = await runCsvInitializer(init, scope(), ports(files));
    expect(result.ok && items(result.values.data, "Customers").map((i) => i.Id)).toEqual([
      "1001",
      "1002",
      "1003",
    ]);
  });

  it("names columns 1, 2, … without a header row and reads the first line as data", async () => {
    const init = csvFromXml(`<CsvInitializer File="plain.csv" Header="false" Delimiter="|"
        Encoding="windows-1252" KeyColumn="1" KeyValue="{Data.Id}" Required="true">
      <Map From="2" To="Data.Name"/>
      <Map From="3" To="Forms.Price"/>
    </CsvInitializer>`);
    expect(init).toMatchObject({ header: false, delimiter: "|", encoding: "windows-1252" });
    // Windows-1252: 0xE9 is é, 0x80 is €.
    const bytes = Uint8Array.from([
      ...new TextEncoder().encode("A1|Caf"),
      0xe9,
      ...new TextEncoder().encode("|"),
      0x80,
      ...new TextEncoder().encode(" 5\nB2|Other|7\n"),
    ]);
    const result = await runCsvInitializer(
      init,
      scope({ Id: "A1" }),
      ports({ "plain.csv": bytes }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.values.data, "Name")).toBe("Café");
    expect(text(result.values.forms, "Price")).toBe("€ 5");
  });

  it("maps every line into a collection with a tab delimiter, a BOM and ragged rows", async () => {
    const init = csvFromXml(`<CsvInitializer File="tabs.csv" Header="false" Delimiter="&#9;">
      <Map From="1" To="Data.Rows[].Id"/>
      <Map From="3" To="Data.Rows[].Note"/>
    </CsvInitializer>`);
    expect(init).toMatchObject({ header: false, delimiter: "\t", encoding: "utf-8" });
    const bytes = new TextEncoder().encode('\uFEFFx1\ta,b\tfirst\nx2\tc\nx3\t"d\te"\tthird\n');
    const result = await runCsvInitializer(init, scope(), ports({ "tabs.csv": bytes }));
    expect(result.ok && items(result.values.data, "Rows")).toEqual([
      { Id: "x1", Note: "first" },
      { Id: "x2", Note: "" },
      { Id: "x3", Note: "third" },
    ]);
  });

  it("refuses a key column named by header text when there is no header row", async () => {
    const init = csvFromXml(`<CsvInitializer File="plain.csv" Header="false"
        KeyColumn="Id" KeyValue="A1">
      <Map From="2" To="Data.Name"/>
    </CsvInitializer>`);
    const bytes = new TextEncoder().encode("Id,Name\nA1,Anna\n");
    await expect(runCsvInitializer(init, scope(), ports({ "plain.csv": bytes }))).rejects.toThrow(
      'The key column "Id" does not exist.',
    );
  });

  it("refuses a Map that reads a column the file does not have, like a missing key column", async () => {
    const init = csv({
      mappings: [
        { from: "Name", to: target("Data.CustomerName") },
        { from: "Adress", to: target("Data.CustomerAddress") },
      ],
    });
    await expect(
      runCsvInitializer(init, scope({ CustomerId: "1002" }), ports(files)),
    ).rejects.toThrow('The column "Adress" that a <Map> reads does not exist.');
  });

  it("refuses a header naming the key column twice, naming the file and the column", async () => {
    const bytes = new TextEncoder().encode("CustomerId,CustomerId,Name\n1001,1002,Muster AG\n");
    const init = csv({
      delimiter: ",",
      encoding: "utf-8",
      mappings: [{ from: "Name", to: target("Data.CustomerName") }],
    });
    const run = runCsvInitializer(
      init,
      scope({ CustomerId: "1002" }),
      ports({ "customers.csv": bytes }),
    );
    await expect(run).rejects.toThrow(
      'customers.csv has more than one column named "CustomerId", the key column.',
    );
  });

  it("refuses a header naming a Map's column twice, also when one is padded with spaces", async () => {
    const bytes = new TextEncoder().encode("CustomerId,Name, Name\n1001,Muster AG,Other AG\n");
    const init = csv({
      delimiter: ",",
      encoding: "utf-8",
      mappings: [{ from: "Name", to: target("Data.CustomerName") }],
    });
    const run = runCsvInitializer(
      init,
      scope({ CustomerId: "1001" }),
      ports({ "customers.csv": bytes }),
    );
    await expect(run).rejects.toThrow(
      'customers.csv has more than one column named "Name", which a <Map> reads.',
    );
  });

  it("refuses two columns named like the same target when there is no Map", async () => {
    const bytes = new TextEncoder().encode("Data.Name,Data.Name\nA,B\n");
    const init = csv({ delimiter: ",", encoding: "utf-8", lookup: null, mappings: [] });
    const run = runCsvInitializer(init, scope(), ports({ "customers.csv": bytes }));
    await expect(run).rejects.toThrow(
      'customers.csv has more than one column named "Data.Name", which fills that target.',
    );
  });

  it("reads a file whose repeated column names are ones it does not use", async () => {
    const bytes = new TextEncoder().encode("CustomerId,Note,Name,Note\n1001,x,Muster AG,y\n");
    const init = csv({
      delimiter: ",",
      encoding: "utf-8",
      mappings: [{ from: "Name", to: target("Data.CustomerName") }],
    });
    const result = await runCsvInitializer(
      init,
      scope({ CustomerId: "1001" }),
      ports({ "customers.csv": bytes }),
    );
    expect(result.ok && text(result.values.data, "CustomerName")).toBe("Muster AG");
  });

  it("fails when a required row is missing", async () => {
    const run = runCsvInitializer(csv(), scope({ CustomerId: "9999" }), ports(files));
    await expect(run).rejects.toThrow(/No row of customers.csv matched/);
  });

  it("fails with the parser's reason on malformed CSV", async () => {
    const broken = new TextEncoder().encode('CustomerId;Name\n1001;"Muster AG\n');
    const run = runCsvInitializer(
      csv({ encoding: "utf-8" }),
      scope({ CustomerId: "1001" }),
      ports({ "customers.csv": broken }),
    );
    await expect(run).rejects.toBeInstanceOf(InitFailure);
    await expect(run).rejects.toThrow(/not valid CSV/);
  });

  it("refuses UTF-8 decoding of a Windows-1252 file", async () => {
    const run = runCsvInitializer(
      csv({ encoding: "utf-8" }),
      scope({ CustomerId: "1002" }),
      ports(files),
    );
    await expect(run).rejects.toThrow(/not UTF-8/);
  });

  it("reads a file at an allow-listed URL, with the key URL-encoded", async () => {
    const spy = vi
      .spyOn(globalThis, "fetch")
      .mockResolvedValue(new Response("CustomerId,Name\nA/1,Remote AG\n"));
    const init = csv({
      source: { kind: "url", url: "https://files.example/export?id={Data.CustomerId}" },
      delimiter: ",",
      encoding: "utf-8",
      mappings: [{ from: "Name", to: target("Forms.Subject") }],
    });
    const result = await runCsvInitializer(init, scope({ CustomerId: "A/1" }), ports());
    expect(result.ok && text(result.values.forms, "Subject")).toBe("Remote AG");
    expect(urlOf(spy.mock.calls[0]?.[0])).toBe("https://files.example/export?id=A%2F1");
  });

  it("refuses a URL whose host is not on the allow-list", async () => {
    const init = csv({ source: { kind: "url", url: "https://evil.example/x.csv" } });
    await expect(runCsvInitializer(init, scope(), ports())).rejects.toThrow(/allow-list/);
  });

  it("refuses a table wider than the column cap, naming the cap", async () => {
    const header = Array.from({ length: MAX_COLUMNS + 1 }, (_, i) => `C${i}`).join(",");
    const wide = new TextEncoder().encode(`${header}\n1001,Muster AG\n`);
    const init = csv({
      delimiter: ",",
      encoding: "utf-8",
      lookup: { column: "C0", value: "1001" },
      mappings: [{ from: "C1", to: target("Data.CustomerName") }],
    });
    const run = runCsvInitializer(init, scope(), ports({ "customers.csv": wide }));
    await expect(run).rejects.toThrow(`customers.csv has more than ${MAX_COLUMNS} columns`);
  });

  it("builds only the mapped and key columns of each row", () => {
    const table = [
      ["Id", "Name", "Unused", "Data.Other"],
      ...Array.from({ length: 3 }, (_, i) => [`${i}`, `N${i}`, "x", "y"]),
    ];
    const mapped = selectRows(
      table,
      {
        header: true,
        lookup: { column: "Id", value: "1" },
        mappings: [{ from: "Name", to: target("Data.Name") }],
        name: "t.csv",
      },
      scope(),
    );
    expect(mapped.map((row) => ({ ...row }))).toEqual([{ Id: "1", Name: "N1" }]);
    const implicit = selectRows(
      table,
      { header: true, lookup: null, mappings: [], name: "t.csv" },
      scope(),
    );
    expect(implicit.map((row) => Object.keys(row))).toEqual([
      ["Data.Other"],
      ["Data.Other"],
      ["Data.Other"],
    ]);
  });

  it("refuses a file over the row cap instead of cutting it short", async () => {
    const lines = Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `${i + 1};Row ${i + 1}`);
    const big = new TextEncoder().encode(`CustomerId;Name\n${lines.join("\n")}\n`);
    const init = csv({ encoding: "utf-8", lookup: { column: "CustomerId", value: "55" } });
    const run = runCsvInitializer(init, scope(), ports({ "customers.csv": big }));
    await expect(run).rejects.toThrow(`customers.csv has more than ${MAX_CSV_ROWS} rows`);
  });

  it("reads a file of exactly the row cap", async () => {
    const lines = Array.from({ length: MAX_CSV_ROWS }, (_, i) => `${i + 1};Row ${i + 1}`);
    const full = new TextEncoder().encode(`CustomerId;Name\n${lines.join("\n")}\n`);
    const init = csv({
      encoding: "utf-8",
      lookup: { column: "CustomerId", value: `${MAX_CSV_ROWS}` },
      mappings: [{ from: "Name", to: target("Data.CustomerName") }],
    });
    const result = await runCsvInitializer(init, scope(), ports({ "customers.csv": full }));
    expect(result.ok && text(result.values.data, "CustomerName")).toBe(`Row ${MAX_CSV_ROWS}`);
  });

  it("names only the parser's code and position on malformed CSV, never the content", async () => {
    const broken = new TextEncoder().encode('CustomerId;Name\n1001;"secret-value"zz\n');
    const run = runCsvInitializer(
      csv({ encoding: "utf-8" }),
      scope({ CustomerId: "1001" }),
      ports({ "customers.csv": broken }),
    );
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InitFailure);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^customers.csv is not valid CSV \(CSV_INVALID_CLOSING_QUOTE at line 2, record 1\)\.$/,
    );
    expect(message).not.toMatch(/zz|secret/);
  });
});
