/**
 * Checks a valid Connect against what one data source can do or allows, so the session is
 * refused at creation (spec §5): `Conversion="Pdf"` needs a configured converter, and an
 * `InvokeUrl` whose host is written out must be one its commands may call. The XML reader
 * makes the same checks itself (ReaderFeatures, built here); `capabilityIssues` serves the
 * JSON form and stored session-template definitions, whose issues carry no position.
 */
import { literalTargetRefusal } from "../commands/invoke-target.ts";
import type { DataSource } from "../config/config.ts";
import { HANDLER_GROUPS, type Connect, type PayloadIssue } from "./model.ts";
import { PDF_UNAVAILABLE } from "./xml-commands.ts";
import type { ReaderFeatures } from "./xml-walk.ts";

/** What `dataSource` can do and allows; `development` as the runtime says (docs/commands.md). */
export function readerFeatures(dataSource: DataSource, development: boolean): ReaderFeatures {
  const policy = { allowedHosts: dataSource.invokeUrlHosts, development };
  return {
    pdfConversion: Boolean(dataSource.pdfConverterUrl),
    invokeUrlRefusal: (url) => {
      const refused = literalTargetRefusal(url, policy);
      if (refused === null) return null;
      const code = refused.reason === "invalid-url" ? "invalid-url" : "url-not-allowed";
      return { code, message: refused.message };
    },
  };
}

export function capabilityIssues(connect: Connect, features: ReaderFeatures): PayloadIssue[] {
  const issues: PayloadIssue[] = [];
  for (const group of HANDLER_GROUPS) {
    // Paths number a command among its same-named siblings, as the parser's issues do.
    const seen = new Map<string, number>();
    for (const command of connect.commands[group]) {
      const position = (seen.get(command.type) ?? 0) + 1;
      seen.set(command.type, position);
      const path = `/primedocsConnect/Commands/${group}/${command.type}[${position}]`;
      const issue = (code: string, at: string, message: string): void => {
        issues.push({ path: at, line: null, column: null, code, message });
      };

      // As in the XML reader: a bound Url comes from a field, its literal is only a fallback.
      if (command.type === "InvokeUrl" && command.fieldBindings["Url"] === undefined) {
        const refused = features.invokeUrlRefusal(command.url);
        if (refused !== null) issue(refused.code, path, refused.message);
      }
      const target = command.target;
      if (features.pdfConversion || target?.kind !== "document" || target.conversion !== "Pdf") {
        continue;
      }
      issue("conversion-unavailable", `${path}/Document`, PDF_UNAVAILABLE);
    }
  }
  return issues;
}
