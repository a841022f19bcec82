/**
 * Checks a valid Connect against what one data source can do: `Conversion="Pdf"` needs a
 * configured converter, and without one the session is refused at creation (spec §5). The
 * XML reader makes the same check itself (ReaderFeatures); this one serves the JSON form and
 * stored session-template definitions, whose issues carry no position.
 */
import type { DataSource } from "../config/config.ts";
import { HANDLER_GROUPS, type Connect, type PayloadIssue } from "./model.ts";
import { PDF_UNAVAILABLE } from "./xml-commands.ts";

export function capabilityIssues(connect: Connect, dataSource: DataSource): PayloadIssue[] {
  if (dataSource.pdfConverterUrl) return [];

  const issues: PayloadIssue[] = [];
  for (const group of HANDLER_GROUPS) {
    // Paths number a command among its same-named siblings, as the parser's issues do.
    const seen = new Map<string, number>();
    for (const command of connect.commands[group]) {
      const position = (seen.get(command.type) ?? 0) + 1;
      seen.set(command.type, position);
      const target = command.target;
      if (target?.kind !== "document" || target.conversion !== "Pdf") continue;
      issues.push({
        path: `/primedocsConnect/Commands/${group}/${command.type}[${position}]/Document`,
        line: null,
        column: null,
        code: "conversion-unavailable",
        message: PDF_UNAVAILABLE,
      });
    }
  }
  return issues;
}
