import { afterEach, describe, expect, it, vi } from "vitest";

import { customersCsvBytes } from "../../demo/session-templates/content.ts";
import { runCsvInitializer } from "../../src/initializers/csv-initializer.ts";
import { InitFailure } from "../../src/initializers/outcome.ts";
import type { CsvInitializer } from "../../src/session-templates/model.ts";
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
});
