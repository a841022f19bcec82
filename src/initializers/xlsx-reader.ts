/**
 * Reads one sheet of an .xlsx workbook as a table of texts (ECMA-376 Part 1, SpreadsheetML)
 * for the Excel initializer. The archive goes through the project's bounded ZIP reader:
 * entry count and declared inflated sizes are checked from the central directory before
 * anything is inflated, and each part inflates no further than its declared size. Parts
 * are parsed with txml: sheets easily exceed the element cap of the Connect payload reader,
 * and no DTD or entity expansion is ever involved.
 */
import { parse, type TNode } from "txml/txml";

import { inflateEntry, readZip, type ZipEntry } from "../generation/zip-reader.ts";
import { MAX_COLUMNS, MAX_SHEET_ROWS, MAX_XLSX_INFLATED_BYTES } from "./limits.ts";
import { InitFailure } from "./outcome.ts";
import { columnIndex, isDateFormat, serialToIso } from "./xlsx-cells.ts";

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const SHARED_STRINGS = "xl/sharedStrings.xml";
const STYLES = "xl/styles.xml";

/**
 * Rows of cells by column index; rows are sparse (holes are empty cells). The row cap counts
 * data rows, as for CSV: a header row comes on top of it.
 */
export function readSheet(
  bytes: Uint8Array,
  sheetName: string,
  fileName: string,
  header = true,
): string[][] {
  const zip = readZip(bytes);
  if (!zip.ok)
    throw new InitFailure("invalid", `${fileName} is not a readable .xlsx: ${zip.detail}.`);
  const entries = new Map(zip.entries.map((e) => [e.name, e]));

  const workbook = parsePart(entries, WORKBOOK, fileName);
  const rels = parsePart(entries, WORKBOOK_RELS, fileName);
  if (workbook === null || rels === null) {
    throw new InitFailure("invalid", `${fileName} is not an .xlsx workbook.`);
  }
  const sheetPath = sheetPart(workbook, rels, sheetName, fileName);
  const sheetEntry = entries.get(sheetPath);
  if (declaredBytes(entries, sheetPath) > MAX_XLSX_INFLATED_BYTES) {
    throw new InitFailure(
      "invalid",
      `${fileName} inflates to more than ${MAX_XLSX_INFLATED_BYTES} bytes.`,
    );
  }
  if (sheetEntry === undefined) throw new InitFailure("invalid", `${fileName} lacks ${sheetPath}.`);

  const date1904 = descendants(workbook, "workbookPr").some((p) => isTrue(p.attributes.date1904));
  const shared = sharedStrings(parsePart(entries, SHARED_STRINGS, fileName));
  const dateStyles = dateStyleSet(parsePart(entries, STYLES, fileName));
  const sheet = parseEntry(sheetEntry, fileName);
  const allowed = MAX_SHEET_ROWS + (header ? 1 : 0);
  return sheetRows(sheet, { shared, dateStyles, date1904 }, fileName, allowed);
}

/**
 * The sheet names of a workbook, for checking an upload: the archive must be readable within
 * the bounds and hold a workbook part, or this throws an `InitFailure` saying why.
 */
export function sheetNames(bytes: Uint8Array, fileName: string): string[] {
  const zip = readZip(bytes);
  if (!zip.ok)
    throw new InitFailure("invalid", `${fileName} is not a readable .xlsx: ${zip.detail}.`);
  const workbookEntry = zip.entries.find((e) => e.name === WORKBOOK);
  if (workbookEntry === undefined || workbookEntry.size > MAX_XLSX_INFLATED_BYTES) {
    throw new InitFailure("invalid", `${fileName} is not an .xlsx workbook.`);
  }
  const workbook = parseEntry(workbookEntry, fileName);
  const names = descendants(workbook, "sheet").map((s) => s.attributes.name ?? "");

  // Refused now rather than at every start: a sheet that readSheet() could never read.
  const entries = new Map(zip.entries.map((e) => [e.name, e]));
  const relsEntry = entries.get(WORKBOOK_RELS);
  const rels =
    relsEntry && relsEntry.size <= MAX_XLSX_INFLATED_BYTES ? parseEntry(relsEntry, fileName) : null;
  if (rels === null) throw new InitFailure("invalid", `${fileName} is not an .xlsx workbook.`);
  for (const name of names) {
    const path = sheetPart(workbook, rels, name, fileName);
    if (declaredBytes(entries, path) > MAX_XLSX_INFLATED_BYTES) {
      throw new InitFailure(
        "invalid",
        `Sheet "${name}" of ${fileName} inflates to more than ${MAX_XLSX_INFLATED_BYTES} bytes; an initializer could never read it.`,
      );
    }
  }
  return names;
}

/** What reading one sheet inflates, declared by the archive, summed before inflating any. */
function declaredBytes(entries: Map<string, ZipEntry>, sheetPath: string): number {
  const needed = [WORKBOOK, WORKBOOK_RELS, SHARED_STRINGS, STYLES, sheetPath];
  return needed.reduce((sum, name) => sum + (entries.get(name)?.size ?? 0), 0);
}

function parsePart(entries: Map<string, ZipEntry>, name: string, fileName: string): TNode | null {
  const entry = entries.get(name);
  return entry === undefined ? null : parseEntry(entry, fileName);
}

function parseEntry(entry: ZipEntry, fileName: string): TNode {
  const data = inflateEntry(entry);
  if (data === null) throw new InitFailure("invalid", `${fileName}: ${entry.name} is corrupt.`);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(data);
  } catch {
    throw new InitFailure("invalid", `${fileName}: ${entry.name} is not UTF-8.`);
  }
  const root = parse(text, {
    keepWhitespace: true,
    decodeEntities: true,
    selfClosingTags: [],
  }).find((n): n is TNode => typeof n !== "string" && !n.tagName.startsWith("?"));
  if (root === undefined) throw new InitFailure("invalid", `${fileName}: ${entry.name} is empty.`);
  return root;
}

/** The sheet's part name: workbook `sheet` by name → relationship id → target. */
function sheetPart(workbook: TNode, rels: TNode, name: string, fileName: string): string {
  const sheets = descendants(workbook, "sheet");
  const sheet = sheets.find((s) => s.attributes.name === name);
  if (sheet === undefined) {
    const names = sheets.map((s) => s.attributes.name ?? "").join(", ");
    throw new InitFailure("invalid", `${fileName} has no sheet "${name}" (it has: ${names}).`);
  }
  const relId = Object.entries(sheet.attributes).find(([k]) => local(k) === "id")?.[1];
  const rel = descendants(rels, "Relationship").find((r) => r.attributes.Id === relId);
  const target = rel?.attributes.Target;
  if (typeof target !== "string")
    throw new InitFailure("invalid", `${fileName}: sheet "${name}" has no part.`);
  // Targets are relative to xl/ (§ Open Packaging Conventions) unless absolute.
  return target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`;
}

function sharedStrings(sst: TNode | null): string[] {
  if (sst === null) return [];
  return elements(sst)
    .filter((si) => local(si.tagName) === "si")
    .map(richText);
}

/** Text of an `si` or `is`: its `t`, or the `t` of each run; phonetic runs skipped. */
function richText(node: TNode): string {
  let text = "";
  for (const child of elements(node)) {
    const name = local(child.tagName);
    if (name === "t") text += textOf(child);
    else if (name === "r")
      text += elements(child)
        .filter((t) => local(t.tagName) === "t")
        .map(textOf)
        .join("");
  }
  return text;
}

/** Indexes into `cellXfs` whose number format shows a date. */
function dateStyleSet(styles: TNode | null): Set<number> {
  const result = new Set<number>();
  if (styles === null) return result;
  const custom = new Map<number, string>();
  for (const fmt of descendants(styles, "numFmt")) {
    custom.set(Number(fmt.attributes.numFmtId), fmt.attributes.formatCode ?? "");
  }
  const cellXfs = descendants(styles, "cellXfs")[0];
  const xfs =
    cellXfs === undefined ? [] : elements(cellXfs).filter((x) => local(x.tagName) === "xf");
  for (const [index, xf] of xfs.entries()) {
    if (isDateFormat(Number(xf.attributes.numFmtId ?? "0"), custom)) result.add(index);
  }
  return result;
}

interface CellContext {
  shared: string[];
  dateStyles: Set<number>;
  date1904: boolean;
}

function sheetRows(
  sheet: TNode,
  context: CellContext,
  fileName: string,
  allowedRows: number,
): string[][] {
  const sheetData = descendants(sheet, "sheetData")[0];
  const rows: string[][] = [];
  for (const row of sheetData === undefined ? [] : elements(sheetData)) {
    if (local(row.tagName) !== "row") continue;
    if (rows.length >= allowedRows) {
      throw new InitFailure(
        "invalid",
        `${fileName} has more than ${MAX_SHEET_ROWS} rows (the row cap).`,
      );
    }
    // Sparse: a cell far to the right is not padded to; gaps read as empty cells.
    const cells: string[] = [];
    for (const cell of elements(row)) {
      if (local(cell.tagName) !== "c") continue;
      const at = columnIndex(cell.attributes.r ?? "");
      const index = at >= 0 ? at : cells.length;
      const text = cellText(cell, context, fileName);
      if (index >= MAX_COLUMNS) {
        // A formatted but empty cell far out is common and harmless; a value there is not.
        if (text === "") continue;
        throw new InitFailure(
          "invalid",
          `${fileName} has more than ${MAX_COLUMNS} columns (the cap).`,
        );
      }
      cells[index] = text;
    }
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: TNode, context: CellContext, fileName: string): string {
  const type = cell.attributes.t ?? "n";
  const v = elements(cell).find((e) => local(e.tagName) === "v");
  const raw = v === undefined ? "" : textOf(v);
  switch (type) {
    case "s": {
      // A broken index would otherwise read as an empty cell, or `Number("")` as string 0.
      const index = raw.trim();
      const text = /^\d+$/.test(index) ? context.shared[Number(index)] : undefined;
      if (text === undefined) {
        const ref = cell.attributes.r ?? "";
        const where = columnIndex(ref) >= 0 ? `cell ${ref}` : "a cell";
        throw new InitFailure(
          "invalid",
          `${fileName}: ${where} refers to a shared string the workbook does not have.`,
        );
      }
      return text;
    }
    case "inlineStr": {
      const is = elements(cell).find((e) => local(e.tagName) === "is");
      return is === undefined ? "" : richText(is);
    }
    case "b":
      return raw === "1" ? "true" : "false";
    case "n": {
      const style = Number(cell.attributes.s ?? "0");
      const serial = Number(raw);
      if (raw !== "" && Number.isFinite(serial) && context.dateStyles.has(style)) {
        return serialToIso(serial, context.date1904) ?? raw;
      }
      return raw;
    }
    default:
      // `str` (formula text), `e` (error such as #N/A) and `d` (ISO date) carry text in v.
      return raw;
  }
}

function elements(node: TNode): TNode[] {
  return node.children.filter((c): c is TNode => typeof c !== "string");
}

function descendants(node: TNode, name: string): TNode[] {
  const found: TNode[] = [];
  const stack = [node];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (local(next.tagName) === name) found.push(next);
    stack.push(...elements(next).reverse());
  }
  return found;
}

function textOf(node: TNode): string {
  return node.children.filter((c): c is string => typeof c === "string").join("");
}

function local(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

function isTrue(value: string | null | undefined): boolean {
  return value === "1" || value === "true";
}
