/**
 * The CSV initializer (spec §8): a file from R2 or a URL, decoded as UTF-8 or
 * Windows-1252, parsed by csv-parse (its browser build: no Node streams), rows selected by
 * a key column and mapped to values.
 */
import { parse } from "csv-parse/browser/esm/sync";

import type { CsvInitializer } from "../session-templates/model.ts";
import { readFileSource, type SourcePorts } from "./file-source.ts";
import { MAX_CSV_BYTES, MAX_CSV_ROWS } from "./limits.ts";
import { InitFailure, type InitOutcome } from "./outcome.ts";
import type { InitScope } from "./placeholders.ts";
import { mapRows, selectRows } from "./rows.ts";

export async function runCsvInitializer(
  init: CsvInitializer,
  scope: InitScope,
  ports: SourcePorts,
): Promise<InitOutcome> {
  const file = await readFileSource(
    init.source,
    scope,
    { maxBytes: MAX_CSV_BYTES, timeoutMs: init.timeoutMs },
    ports,
  );
  const text = decode(file.bytes, init.encoding, file.name);
  const table = parseCsv(text, init.delimiter, file.name, init.header);
  const rows = selectRows(
    table,
    { header: init.header, lookup: init.lookup, mappings: init.mappings, name: file.name },
    scope,
  );
  if (rows.length === 0 && init.required) {
    throw new InitFailure("invalid", `No row of ${file.name} matched.`);
  }
  const mapped = mapRows(rows, init.mappings);
  const message = `${file.name}: ${rows.length} row(s) matched, ${mapped.builder.count} value(s) mapped.`;
  return { ok: true, values: mapped.builder.values, message };
}

function decode(bytes: Uint8Array, encoding: CsvInitializer["encoding"], name: string): string {
  if (encoding === "windows-1252") return decodeWindows1252(bytes);
  try {
    // Fatal, so a file in the wrong encoding says so instead of turning into U+FFFD.
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InitFailure("invalid", `${name} is not UTF-8; set Encoding="windows-1252".`);
  }
}

/**
 * Windows-1252 (WHATWG Encoding §9): Latin-1 except 0x80–0x9F. Decoded here because not
 * every runtime's TextDecoder carries the legacy single-byte encodings.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) {
    const code = byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] ?? byte) : byte;
    text += String.fromCharCode(code);
  }
  return text;
}

/**
 * Parses at most one data row past the cap, so a file over it is refused (not cut short)
 * without building the whole table. A parse error names csv-parse's code and the line and
 * record, never the file's content.
 */
export function parseCsv(text: string, delimiter: string, name: string, header = true): string[][] {
  const allowed = MAX_CSV_ROWS + (header ? 1 : 0);
  let table: string[][];
  try {
    table = parse(text, {
      delimiter,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      to: allowed + 1,
    });
  } catch (error) {
    throw new InitFailure("invalid", `${name} is not valid CSV (${csvErrorPlace(error)}).`);
  }
  if (table.length > allowed) {
    throw new InitFailure("invalid", `${name} has more than ${MAX_CSV_ROWS} rows (the row cap).`);
  }
  return table;
}

/** `CSV_QUOTE_NOT_CLOSED at line 2, record 1`: only csv-parse's code and position. */
function csvErrorPlace(error: unknown): string {
  const fields = (typeof error === "object" && error !== null ? error : {}) as Record<
    string,
    unknown
  >;
  const code =
    typeof fields.code === "string" && /^[A-Z0-9_]+$/.test(fields.code)
      ? fields.code
      : "unreadable";
  const at = [
    typeof fields.lines === "number" ? `line ${fields.lines}` : null,
    typeof fields.records === "number" ? `record ${fields.records}` : null,
  ].filter((p) => p !== null);
  return at.length > 0 ? `${code} at ${at.join(", ")}` : code;
}
