/**
 * Cell values of an .xlsx sheet as text (ECMA-376 Part 1 §18.3.1.4 `c`, §18.8.30 numFmt):
 * which number formats are dates, and turning a date serial into ISO 8601 in the
 * workbook's date system (1900 with Lotus's phantom 29 February, or 1904). Pure.
 */

/** Built-in number formats that show dates or times (§18.8.30; 27–36 and 50–58 are CJK). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51,
  52, 53, 54, 55, 56, 57, 58,
]);
const MS_PER_DAY = 86_400_000;
const SECONDS_PER_DAY = 86_400;
/** Day 0 of the 1900 system is 1899-12-31; from day 61 on, Excel counts a 1900-02-29. */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
const EPOCH_1900_AFTER_LEAP_BUG = Date.UTC(1899, 11, 30);
const FIRST_SERIAL_AFTER_LEAP_BUG = 61;
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** The day after the last date Excel shows, 9999-12-31. */
const END_OF_EXCEL_DATES = Date.UTC(10000, 0, 1);

/** True when a format code shows a date or time: d, m, y, h or s outside quotes and [..]. */
export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[(?:h+|m+|s+)\]/gi, "h")
    .replace(/\[[^\]]*\]/g, "");
  return /[dmyhs]/i.test(bare);
}

export function isDateFormat(numFmtId: number, customCodes: ReadonlyMap<number, string>): boolean {
  const custom = customCodes.get(numFmtId);
  return custom !== undefined ? isDateFormatCode(custom) : BUILTIN_DATE_FORMATS.has(numFmtId);
}

/**
 * A date serial as ISO 8601: `2024-03-01` for whole days, `2024-03-01T08:30:00` with a
 * time, `08:30:00` for a time alone (serial below 1). Rounded to the second. Null outside
 * the dates Excel can show (negative, or after 9999-12-31), which it shows as `#####`.
 */
export function serialToIso(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const seconds = Math.round(serial * SECONDS_PER_DAY);
  const days = Math.floor(seconds / SECONDS_PER_DAY);
  const timeSeconds = seconds - days * SECONDS_PER_DAY;
  const time = new Date(timeSeconds * 1000).toISOString().slice(11, 19);
  if (days === 0 && !date1904 && timeSeconds > 0) return time;

  let epoch = EPOCH_1904;
  if (!date1904)
    epoch = days >= FIRST_SERIAL_AFTER_LEAP_BUG ? EPOCH_1900_AFTER_LEAP_BUG : EPOCH_1900;
  const at = epoch + days * MS_PER_DAY;
  if (at >= END_OF_EXCEL_DATES) return null;
  const date = new Date(at).toISOString().slice(0, 10);
  return timeSeconds === 0 ? date : `${date}T${time}`;
}

/** `AB12` → 27 (0-based column index of AB), or -1 for a malformed reference. */
export function columnIndex(ref: string): number {
  const letters = /^([A-Z]{1,3})[0-9]+$/.exec(ref)?.[1];
  if (letters === undefined) return -1;
  let index = 0;
  for (const letter of letters) index = index * 26 + (letter.charCodeAt(0) - 64);
  return index - 1;
}
