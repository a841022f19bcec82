import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";

import { buildXlsx, dateSerial } from "../../demo/session-templates/xlsx.ts";
import { runExcelInitializer } from "../../src/initializers/excel-initializer.ts";
import {
  MAX_COLUMNS,
  MAX_SHEET_ROWS,
  MAX_XLSX_INFLATED_BYTES,
} from "../../src/initializers/limits.ts";
import { serialToIso } from "../../src/initializers/xlsx-cells.ts";
import { readSheet, sheetNames } from "../../src/initializers/xlsx-reader.ts";
import type { ExcelInitializer } from "../../src/session-templates/model.ts";
import { parseTarget } from "../../src/session-templates/values.ts";
import { ports, scope, text } from "./helpers.ts";

function target(to: string) {
  const parsed = parseTarget(to);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

const ROWS = [
  ["Id", "Name", "Since", "Vip", "Rate", "At"],
  [
    "1",
    { inline: "Müller & Söhne <AG>" },
    new Date("2024-02-29T00:00:00Z"),
    true,
    0.125,
    new Date("2024-03-01T08:30:00Z"),
  ],
  ["2", "Zweite", new Date("1900-01-15T00:00:00Z"), false, 42, null],
];

describe("xlsx reader", () => {
  it("reads shared and inline strings, numbers, booleans and dates in the 1900 system", () => {
    const table = readSheet(buildXlsx([{ name: "Data", rows: ROWS }]), "Data", "t.xlsx");
    expect(table[1]).toEqual([
      "1",
      "Müller & Söhne <AG>",
      "2024-02-29",
      "true",
      "0.125",
      "2024-03-01T08:30:00",
    ]);
    expect(table[2]).toEqual(["2", "Zweite", "1900-01-15", "false", "42"]);
  });

  it("reads dates in the 1904 system from the workbook's date1904 flag", () => {
    const bytes = buildXlsx([{ name: "Data", rows: ROWS }], { date1904: true });
    const table = readSheet(bytes, "Data", "t.xlsx");
    expect(table[1]?.[2]).toBe("2024-02-29");
    expect(dateSerial(new Date("2024-02-29T00:00:00Z"), true)).toBe(43889);
  });

  it("counts Excel's phantom 29 February 1900 only from serial 61 on", () => {
    expect(serialToIso(1, false)).toBe("1900-01-01");
    expect(serialToIso(59, false)).toBe("1900-02-28");
    expect(serialToIso(61, false)).toBe("1900-03-01");
    expect(serialToIso(45352.5, false)).toBe("2024-03-01T12:00:00");
    expect(serialToIso(0, true)).toBe("1904-01-01");
  });

  it("names the sheets it has when the wanted one is missing", () => {
    const bytes = buildXlsx([{ name: "Data", rows: ROWS }]);
    expect(() => readSheet(bytes, "Other", "t.xlsx")).toThrow(/no sheet "Other" \(it has: Data\)/);
  });

  it("does not pad a row to a far-right cell, and refuses a value past the column cap", () => {
    const withCell = (cell: string) => {
      const files = unzipSync(buildXlsx([{ name: "Data", rows: [["Id", "Name"]] }]));
      const sheet = files["xl/worksheets/sheet1.xml"];
      if (sheet === undefined) throw new Error("no sheet part");
      files["xl/worksheets/sheet1.xml"] = strToU8(
        strFromU8(sheet).replace('<row r="1">', `<row r="1">${cell}`),
      );
      return zipSync(files);
    };
    const styled = readSheet(withCell('<c r="ZZZ1" s="1"/>'), "Data", "t.xlsx");
    expect(styled[0]).toEqual(["Id", "Name"]);
    const gap = readSheet(
      withCell('<c r="E1" t="inlineStr"><is><t>E</t></is></c>'),
      "Data",
      "t.xlsx",
    );
    expect(gap[0]?.length).toBe(5);
    expect(() =>
      readSheet(withCell('<c r="ZZZ1" t="inlineStr"><is><t>far</t></is></c>'), "Data", "t.xlsx"),
    ).toThrow(`t.xlsx has more than ${MAX_COLUMNS} columns`);
  });

  it("refuses a shared-string cell whose index is out of range or missing, naming the cell", () => {
    const withCell = (cell: string) => {
      const files = unzipSync(buildXlsx([{ name: "Data", rows: [["Id", "Name"]] }]));
      const sheet = files["xl/worksheets/sheet1.xml"];
      if (sheet === undefined) throw new Error("no sheet part");
      files["xl/worksheets/sheet1.xml"] = strToU8(
        strFromU8(sheet).replace("</sheetData>", `<row r="2">${cell}</row></sheetData>`),
      );
      return zipSync(files);
    };
    expect(() => readSheet(withCell('<c r="B2" t="s"><v>999</v></c>'), "Data", "t.xlsx")).toThrow(
      "t.xlsx: cell B2 refers to a shared string the workbook does not have.",
    );
    expect(() => readSheet(withCell('<c r="A2" t="s"/>'), "Data", "t.xlsx")).toThrow(
      "t.xlsx: cell A2 refers to a shared string the workbook does not have.",
    );
  });

  it("keeps a date-formatted number outside Excel's date range as written", () => {
    const day = new Date("2024-02-29T00:00:00Z");
    const files = unzipSync(buildXlsx([{ name: "Data", rows: [["At"], [day]] }]));
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"] ?? new Uint8Array());
    const serial = `<v>${dateSerial(day, false)}</v>`;
    files["xl/worksheets/sheet1.xml"] = strToU8(sheet.replace(serial, "<v>1e20</v>"));
    const table = readSheet(zipSync(files), "Data", "t.xlsx");
    expect(table[1]).toEqual(["1e20"]);
    expect(serialToIso(-1, false)).toBeNull();
    expect(serialToIso(2958465, false)).toBe("9999-12-31");
    expect(serialToIso(2958466, false)).toBeNull();
  });

  it("counts the row cap in data rows, with the header row on top", () => {
    const sheet = (dataRows: number) =>
      buildXlsx([
        {
          name: "Data",
          rows: [["Id"], ...Array.from({ length: dataRows }, (_, i) => [`${i + 1}`])],
        },
      ]);
    const full = readSheet(sheet(MAX_SHEET_ROWS), "Data", "t.xlsx");
    expect(full.at(-1)).toEqual([`${MAX_SHEET_ROWS}`]);
    expect(() => readSheet(sheet(MAX_SHEET_ROWS + 1), "Data", "t.xlsx")).toThrow(
      `t.xlsx has more than ${MAX_SHEET_ROWS} rows (the row cap)`,
    );
    expect(() => readSheet(sheet(MAX_SHEET_ROWS), "Data", "t.xlsx", false)).toThrow("the row cap");
  });

  it("refuses at upload a workbook whose sheet is within the archive bounds but too big to read", () => {
    const parts = unzipSync(buildXlsx([{ name: "Big", rows: [["a"]] }]));
    const padding = " ".repeat(MAX_XLSX_INFLATED_BYTES);
    parts["xl/worksheets/sheet1.xml"] = strToU8(`<worksheet>${padding}<sheetData/></worksheet>`);
    const bytes = zipSync(parts, { level: 9 });

    expect(() => sheetNames(bytes, "big.xlsx")).toThrow(
      `Sheet "Big" of big.xlsx inflates to more than ${MAX_XLSX_INFLATED_BYTES} bytes; an initializer could never read it.`,
    );
    expect(() => readSheet(bytes, "Big", "big.xlsx")).toThrow("inflates to more than");
  });

  it("refuses a zip bomb posing as .xlsx before inflating anything", () => {
    // A real, small archive whose central directory declares a sheet of 1 GiB.
    const bytes = zipSync({ "xl/worksheets/sheet1.xml": strToU8("<worksheet/>") });
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const eocd = bytes.length - 22;
    const central = view.getUint32(eocd + 16, true);
    view.setUint32(central + 24, 1024 * 1024 * 1024, true);
    expect(() => readSheet(bytes, "Data", "bomb.xlsx")).toThrow(
      /bomb.xlsx is not a readable .xlsx: the entries inflate to more than/,
    );
  });
});

describe("Excel initializer", () => {
  it("looks a row up by key column in the named sheet and maps it", async () => {
    const init: ExcelInitializer = {
      kind: "excel",
      position: 1,
      source: { kind: "r2", file: "c.xlsx" },
      sheet: "Data",
      header: true,
      lookup: { column: "Id", value: "{Param.Id}" },
      mappings: [
        { from: "Name", to: target("Data.Name") },
        { from: "Since", to: target("Data.Since") },
        { from: "Vip", to: target("Forms.Vip") },
      ],
      required: true,
      timeoutMs: 1000,
    };
    const files = { "c.xlsx": buildXlsx([{ name: "Data", rows: ROWS }]) };
    const result = await runExcelInitializer(init, scope({}, { Id: "2" }), ports(files));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.values.data, "Name")).toBe("Zweite");
    expect(text(result.values.data, "Since")).toBe("1900-01-15");
    expect(text(result.values.forms, "Vip")).toBe("false");
  });

  it("refuses a sheet whose header names the key column twice", async () => {
    const rows = [
      ["Id", "Name", "Id"],
      ["1", "Erste", "2"],
    ];
    const init: ExcelInitializer = {
      kind: "excel",
      position: 1,
      source: { kind: "r2", file: "c.xlsx" },
      sheet: "Data",
      header: true,
      lookup: { column: "Id", value: "2" },
      mappings: [{ from: "Name", to: target("Data.Name") }],
      required: true,
      timeoutMs: 1000,
    };
    const files = { "c.xlsx": buildXlsx([{ name: "Data", rows }]) };
    await expect(runExcelInitializer(init, scope(), ports(files))).rejects.toThrow(
      'c.xlsx has more than one column named "Id", the key column.',
    );
  });

  it("maps a 1904-system date, a date with time and a true boolean cell", async () => {
    const files = unzipSync(
      buildXlsx(
        [
          {
            name: "Data",
            rows: [
              ["Id", "Since", "At", "Vip"],
              ["7", new Date("2024-02-29T00:00:00Z"), new Date("2024-02-29T18:00:00Z"), true],
            ],
          },
        ],
        { date1904: true },
      ),
    );
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"] ?? new Uint8Array());
    // 2024-02-29 is day 43889 after 1904-01-01 (45351 in the 1900 system, minus 1462).
    expect(sheet).toContain('s="1"><v>43889</v>');
    expect(sheet).toContain('s="1"><v>43889.75</v>');
    expect(sheet).toContain('t="b"><v>1</v>');
    // The other spelling of the flag (xsd:boolean) switches the system too.
    const workbook = strFromU8(files["xl/workbook.xml"] ?? new Uint8Array());
    expect(workbook).toContain('date1904="1"');
    files["xl/workbook.xml"] = strToU8(workbook.replace('date1904="1"', 'date1904="true"'));

    const init: ExcelInitializer = {
      kind: "excel",
      position: 1,
      source: { kind: "r2", file: "c.xlsx" },
      sheet: "Data",
      header: true,
      lookup: { column: "Id", value: "7" },
      mappings: [
        { from: "Since", to: target("Data.Since") },
        { from: "At", to: target("Data.At") },
        { from: "Vip", to: target("Forms.Vip") },
      ],
      required: true,
      timeoutMs: 1000,
    };
    const result = await runExcelInitializer(init, scope(), ports({ "c.xlsx": zipSync(files) }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.values.data, "Since")).toBe("2024-02-29");
    expect(text(result.values.data, "At")).toBe("2024-02-29T18:00:00");
    expect(text(result.values.forms, "Vip")).toBe("true");
  });
});
