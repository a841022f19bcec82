import { afterEach, describe, expect, it, vi } from "vitest";

import { MAX_INITIALIZED_VALUES_BYTES } from "../../src/initializers/limits.ts";
import { runInitializers } from "../../src/initializers/run-initializers.ts";
import type { SqlDatabases } from "../../src/initializers/sql-runner.ts";
import { parseDefinition } from "../../src/session-templates/parse-definition.ts";
import { mergeInit, splitParams } from "../../src/session-templates/values.ts";
import { memoryFiles, text, urlOf } from "../initializers/helpers.ts";

const DEFINITION = `<primedocsConnectSessionTemplate Name="Merge">
  <primedocsConnect>
    <Forms><Value Key="Subject">Base subject</Value><Value Key="Kept">base</Value></Forms>
  </primedocsConnect>
  <Initializers>
    <CsvInitializer File="c.csv" KeyColumn="Id" KeyValue="{Data.Id}">
      <Map From="Region" To="Data.Region"/>
      <Map From="Subject" To="Forms.Subject"/>
    </CsvInitializer>
    <HttpInitializer Url="https://crm.example/regions/{Data.Region}?user={Param.User}">
      <Map From="subject" To="Forms.Subject"/>
    </HttpInitializer>
  </Initializers>
</primedocsConnectSessionTemplate>`;

const NO_DATABASES: SqlDatabases = () => null;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("initializer merge order", () => {
  it("seeds from the query, lets each initializer see the ones before, and lets later win", async () => {
    const parsed = parseDefinition(DEFINITION);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockResolvedValue(Response.json({ subject: "From HTTP" }));

    const split = splitParams(
      new Map([
        ["Forms.Subject", "From query"],
        ["Data.Id", "7"],
        ["User", "anna"],
      ]),
    );
    const values = { forms: { ...parsed.definition.connect.forms }, data: {} };
    mergeInit(values, split.seed);
    expect(text(values.forms, "Subject")).toBe("From query");

    const csv = new TextEncoder().encode("Id,Region,Subject\n7,north,From CSV\n");
    const result = await runInitializers(parsed.definition.initializers, values, split.params, {
      files: memoryFiles({ "c.csv": csv }),
      outbound: { allowedHosts: ["crm.example"], development: false, fetcher: fetch },
      databases: NO_DATABASES,
      clock: () => 0,
    });

    expect(result.ok).toBe(true);
    expect(urlOf(fetchSpy.mock.calls[0]?.[0])).toBe("https://crm.example/regions/north?user=anna");
    expect(text(values.forms, "Subject")).toBe("From HTTP");
    expect(text(values.forms, "Kept")).toBe("base");
    expect(text(values.data, "Region")).toBe("north");
    expect(result.records.map((r) => [r.position, r.element, r.status])).toEqual([
      [1, "CsvInitializer", "Success"],
      [2, "HttpInitializer", "Success"],
    ]);
  });

  it("stops at the first failing initializer and names it", async () => {
    const parsed = parseDefinition(DEFINITION);
    if (!parsed.ok) throw new Error("definition refused");
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const result = await runInitializers(
      parsed.definition.initializers,
      { forms: {}, data: {} },
      new Map(),
      {
        files: memoryFiles({}),
        outbound: { allowedHosts: ["crm.example"], development: false, fetcher: fetch },
        databases: NO_DATABASES,
        clock: () => 0,
      },
    );
    expect(result).toMatchObject({
      ok: false,
      failure: "invalid",
      failed: { position: 1, kind: "csv", message: "The file c.csv does not exist." },
    });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("fails the initializer that makes the values larger than a session holds, naming the cap", async () => {
    const parsed = parseDefinition(`<primedocsConnectSessionTemplate Name="Big">
  <primedocsConnect/>
  <Initializers>
    <CsvInitializer File="small.csv"><Map From="Text" To="Data.Lines[].Text"/></CsvInitializer>
    <CsvInitializer File="big.csv"><Map From="Text" To="Data.More[].Text"/></CsvInitializer>
  </Initializers>
</primedocsConnectSessionTemplate>`);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const line = "x".repeat(1000);
    const csv = (rows: number) =>
      new TextEncoder().encode(`Text\n${Array.from({ length: rows }, () => line).join("\n")}\n`);

    const result = await runInitializers(
      parsed.definition.initializers,
      { forms: {}, data: {} },
      new Map(),
      {
        files: memoryFiles({
          "small.csv": csv(10),
          "big.csv": csv(MAX_INITIALIZED_VALUES_BYTES / 1000),
        }),
        outbound: { allowedHosts: [], development: false, fetcher: fetch },
        databases: NO_DATABASES,
        clock: () => 0,
      },
    );

    expect(result).toMatchObject({
      ok: false,
      failure: "invalid",
      failed: {
        position: 2,
        status: "Error",
        message: `The values would exceed ${MAX_INITIALIZED_VALUES_BYTES} bytes, the most a session holds.`,
      },
    });
  });

  it("records each initializer's duration from the clock and its outcome message", async () => {
    const parsed = parseDefinition(DEFINITION);
    if (!parsed.ok) throw new Error("definition refused");
    vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json({ subject: "From HTTP" }));
    // Read once before and once after each initializer.
    const ticks = [1000, 1015, 1015, 1040.6];
    const clock = () => ticks.shift() ?? Number.NaN;
    const csv = new TextEncoder().encode("Id,Region,Subject\n7,north,From CSV\n");

    const result = await runInitializers(
      parsed.definition.initializers,
      { forms: {}, data: { Id: { kind: "value", text: "7" } } },
      new Map(),
      {
        files: memoryFiles({ "c.csv": csv }),
        outbound: { allowedHosts: ["crm.example"], development: false, fetcher: fetch },
        databases: NO_DATABASES,
        clock,
      },
    );

    expect(result.ok).toBe(true);
    expect(result.records).toEqual([
      {
        position: 1,
        kind: "csv",
        element: "CsvInitializer",
        status: "Success",
        durationMs: 15,
        message: "c.csv: 1 row(s) matched, 2 value(s) mapped.",
      },
      {
        position: 2,
        kind: "http",
        element: "HttpInitializer",
        status: "Success",
        durationMs: 26,
        message: "crm.example answered; 1 value(s) mapped.",
      },
    ]);
    expect(ticks).toEqual([]);
  });

  it("records the failing initializer's duration and cause after the ones that succeeded", async () => {
    const parsed = parseDefinition(DEFINITION);
    if (!parsed.ok) throw new Error("definition refused");
    vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("gone", { status: 404 }));
    const ticks = [0, 15, 15, 40];
    const csv = new TextEncoder().encode("Id,Region,Subject\n7,north,From CSV\n");

    const result = await runInitializers(
      parsed.definition.initializers,
      { forms: {}, data: { Id: { kind: "value", text: "7" } } },
      new Map(),
      {
        files: memoryFiles({ "c.csv": csv }),
        outbound: { allowedHosts: ["crm.example"], development: false, fetcher: fetch },
        databases: NO_DATABASES,
        clock: () => ticks.shift() ?? Number.NaN,
      },
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure).toBe("upstream");
    expect(result.records.map((r) => [r.element, r.status, r.durationMs, r.message])).toEqual([
      ["CsvInitializer", "Success", 15, "c.csv: 1 row(s) matched, 2 value(s) mapped."],
      ["HttpInitializer", "Error", 25, "crm.example answered HTTP 404."],
    ]);
    expect(result.failed).toEqual(result.records[1]);
  });

  it("never records a negative duration when the clock steps back", async () => {
    const parsed = parseDefinition(DEFINITION);
    if (!parsed.ok) throw new Error("definition refused");
    const ticks = [500, 480];
    const result = await runInitializers(
      parsed.definition.initializers,
      { forms: {}, data: {} },
      new Map(),
      {
        files: memoryFiles({}),
        outbound: { allowedHosts: ["crm.example"], development: false, fetcher: fetch },
        databases: NO_DATABASES,
        clock: () => ticks.shift() ?? Number.NaN,
      },
    );
    expect(result.records).toMatchObject([{ status: "Error", durationMs: 0 }]);
  });

  it("keeps other parameters away from Forms and Data", () => {
    const split = splitParams(
      new Map([
        ["Other", "x"],
        ["Data.Customer.Name", "A"],
        ["Forms.", "y"],
      ]),
    );
    expect(split.params.get("Other")).toBe("x");
    expect(split.seed.data.Customer).toEqual({
      kind: "object",
      values: { Name: { kind: "value", text: "A" } },
    });
    expect(split.problems).toHaveLength(1);
  });
});
