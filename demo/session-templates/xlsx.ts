/**
 * Writes small .xlsx workbooks from readable rows, for the demo data and for tests: shared
 * strings, inline strings, numbers, booleans and dates (with a date number format, in the
 * 1900 or 1904 date system). Pure; no spreadsheet binary is checked in.
 */
import { strToU8, zipSync, type Zippable } from "fflate";

/** A cell: text (shared string), `{ inline }` text, a number, a boolean or a date (UTC). */
export type XlsxCell = string | { inline: string } | number | boolean | Date | null;

export interface XlsxSheet {
  name: string;
  rows: XlsxCell[][];
}

const ENTRY_TIME = new Date("2025-01-01T00:00:00Z");
const MS_PER_DAY = 86_400_000;
/** Style index 1 in cellXfs below: built-in format 14 (a short date). */
const DATE_STYLE = 1;
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

export function buildXlsx(sheets: XlsxSheet[], options: { date1904?: boolean } = {}): Uint8Array {
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const share = (text: string): number => {
    let index = sharedIndex.get(text);
    if (index === undefined) {
      index = shared.length;
      shared.push(text);
      sharedIndex.set(text, index);
    }
    return index;
  };

  const files: Zippable = {
    "[Content_Types].xml": strToU8(contentTypes(sheets.length)),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(workbook(sheets, options.date1904 === true)),
    "xl/_rels/workbook.xml.rels": strToU8(workbookRels(sheets.length)),
    "xl/styles.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>`,
    ),
  };
  for (const [i, sheet] of sheets.entries()) {
    const rows = sheet.rows
      .map((cells, r) => {
        const xml = cells.map((cell, c) => cellXml(cell, `${column(c)}${r + 1}`, share, options));
        return `<row r="${r + 1}">${xml.join("")}</row>`;
      })
      .join("");
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>`,
    );
  }
  const items = shared.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join("");
  files["xl/sharedStrings.xml"] = strToU8(
    `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" count="${shared.length}" uniqueCount="${shared.length}">${items}</sst>`,
  );
  return zipSync(files, { level: 6, mtime: ENTRY_TIME });
}

function cellXml(
  cell: XlsxCell,
  ref: string,
  share: (text: string) => number,
  options: { date1904?: boolean },
): string {
  if (cell === null) return "";
  if (typeof cell === "string") return `<c r="${ref}" t="s"><v>${share(cell)}</v></c>`;
  if (typeof cell === "number") return `<c r="${ref}"><v>${cell}</v></c>`;
  if (typeof cell === "boolean") return `<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`;
  if (cell instanceof Date) {
    return `<c r="${ref}" s="${DATE_STYLE}"><v>${dateSerial(cell, options.date1904 === true)}</v></c>`;
  }
  return `<c r="${ref}" t="inlineStr"><is><t>${escape(cell.inline)}</t></is></c>`;
}

/**
 * Excel's serial: days since 1904-01-01, or in the 1900 system since 1899-12-31, plus one
 * from March 1900 on for the 29 February 1900 that Excel counts but never was.
 */
export function dateSerial(date: Date, date1904: boolean): number {
  if (date1904) return (date.getTime() - Date.UTC(1904, 0, 1)) / MS_PER_DAY;
  const serial = (date.getTime() - Date.UTC(1899, 11, 31)) / MS_PER_DAY;
  return date.getTime() >= Date.UTC(1900, 2, 1) ? serial + 1 : serial;
}

function workbook(sheets: XlsxSheet[], date1904: boolean): string {
  const list = sheets
    .map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join("");
  const pr = date1904 ? `<workbookPr date1904="1"/>` : `<workbookPr/>`;
  return `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${pr}<sheets>${list}</sheets></workbook>`;
}

function workbookRels(count: number): string {
  const rels = Array.from(
    { length: count },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join("");
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
}

function contentTypes(count: number): string {
  const sheets = Array.from(
    { length: count },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("");
  return `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets}</Types>`;
}

function column(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

function escape(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}
