/**
 * The Excel initializer (spec §8): an .xlsx file from R2 or a URL, one sheet by name, rows
 * selected by a key column and mapped to values, as for CSV.
 */
import type { ExcelInitializer } from "../session-templates/model.ts";
import { readFileSource, type SourcePorts } from "./file-source.ts";
import { MAX_XLSX_BYTES } from "./limits.ts";
import { InitFailure, type InitOutcome } from "./outcome.ts";
import type { InitScope } from "./placeholders.ts";
import { mapRows, selectRows } from "./rows.ts";
import { readSheet } from "./xlsx-reader.ts";

export async function runExcelInitializer(
  init: ExcelInitializer,
  scope: InitScope,
  ports: SourcePorts,
): Promise<InitOutcome> {
  const file = await readFileSource(
    init.source,
    scope,
    { maxBytes: MAX_XLSX_BYTES, timeoutMs: init.timeoutMs },
    ports,
  );
  const table = readSheet(file.bytes, init.sheet, file.name, init.header);
  const rows = selectRows(
    table,
    { header: init.header, lookup: init.lookup, mappings: init.mappings, name: file.name },
    scope,
  );
  if (rows.length === 0 && init.required) {
    throw new InitFailure("invalid", `No row of sheet "${init.sheet}" in ${file.name} matched.`);
  }
  const mapped = mapRows(rows, init.mappings);
  const message = `${file.name}, sheet "${init.sheet}": ${rows.length} row(s) matched, ${mapped.builder.count} value(s) mapped.`;
  return { ok: true, values: mapped.builder.values, message };
}
