/**
 * The execution report as XML (spec §6): root `primedocsConnectReport`, no namespace, UTF-8.
 * Every value is escaped for where it stands (XML 1.0 §2.4 character data, §3.3.3
 * attribute values); characters XML 1.0 cannot carry (§2.2) are dropped and the report
 * says so in a warning of its own. Pure.
 */
import type { ExecutionReport } from "../execution/model.ts";
import { dropNonXmlChars } from "../generation/xml-chars.ts";

export const REPORT_ROOT = "primedocsConnectReport";
export const REPORT_XML_CONTENT_TYPE = "application/xml";

const INDENT = "  ";

/** Collects output lines and counts the characters dropped on the way. */
class XmlLines {
  readonly lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  dropped = 0;

  /** `<name a="…">text</name>`, or self-closed without text; null values are left out. */
  element(
    depth: number,
    name: string,
    attributes: Record<string, string | number | null> = {},
    text: string | null = null,
  ): void {
    let tag = `${INDENT.repeat(depth)}<${name}`;
    for (const [key, value] of Object.entries(attributes)) {
      if (value !== null) tag += ` ${key}="${this.#attribute(String(value))}"`;
    }
    this.lines.push(text === null ? `${tag}/>` : `${tag}>${this.#text(text)}</${name}>`);
  }

  open(depth: number, name: string): void {
    this.lines.push(`${INDENT.repeat(depth)}<${name}>`);
  }

  close(depth: number, name: string): void {
    this.lines.push(`${INDENT.repeat(depth)}</${name}>`);
  }

  /**
   * Character data: `&` and `<` must be escaped, `>` is escaped so `]]>` cannot appear,
   * and CR becomes `&#13;` so line-end normalisation (§2.11) does not turn it into LF.
   */
  #text(value: string): string {
    return this.#clean(value)
      .replaceAll("&", "&amp;")
      .replaceAll("<", "&lt;")
      .replaceAll(">", "&gt;")
      .replaceAll("\r", "&#13;");
  }

  /**
   * Attribute values: as text, plus `"`, and tab, LF and CR as character references, which
   * attribute-value normalisation (§3.3.3) would otherwise turn into spaces.
   */
  #attribute(value: string): string {
    return this.#text(value)
      .replaceAll('"', "&quot;")
      .replaceAll("\t", "&#9;")
      .replaceAll("\n", "&#10;");
  }

  #clean(value: string): string {
    const { text, dropped } = dropNonXmlChars(value);
    this.dropped += dropped;
    return text;
  }
}

export function reportToXml(report: ExecutionReport): string {
  const out = new XmlLines();
  out.open(0, REPORT_ROOT);

  out.element(1, "Status", {}, report.status);
  out.element(1, "CreatedOnUtc", {}, report.createdOnUtc);
  out.element(1, "Message", {}, report.message);
  out.element(1, "SessionId", {}, report.sessionId);
  out.element(1, "ExecutionId", {}, report.executionId);
  if (report.template !== null) {
    out.element(1, "Template", { Id: report.template.id, Name: report.template.name });
  }
  if (report.language !== null) out.element(1, "Language", {}, report.language);
  out.element(1, "RanBy", {
    ClientId: report.ranBy.clientId,
    Subject: report.ranBy.subject,
    DisplayName: report.ranBy.displayName,
  });

  out.open(1, "Commands");
  for (const command of report.commands) {
    const attributes = {
      Group: command.group,
      Type: command.type,
      Position: command.position,
      Status: command.status,
      DurationMs: command.durationMs,
    };
    out.element(2, "Command", attributes, command.message);
  }
  out.close(1, "Commands");

  out.open(1, "Files");
  for (const file of report.files) {
    const attributes = {
      Name: file.name,
      ContentType: file.contentType,
      Size: file.size,
      Sha256: file.sha256,
    };
    out.element(2, "File", attributes);
  }
  out.close(1, "Files");

  out.open(1, "Dialogs");
  for (const dialog of report.dialogs) {
    out.element(2, "Dialog", { Title: dialog.title }, dialog.message);
  }
  out.close(1, "Dialogs");

  out.open(1, "Warnings");
  for (const warning of report.warnings) out.element(2, "Warning", {}, warning);
  if (out.dropped > 0) {
    const what = out.dropped === 1 ? "character" : "characters";
    out.element(
      2,
      "Warning",
      {},
      `${out.dropped} ${what} that XML cannot carry were dropped from this report.`,
    );
  }
  out.close(1, "Warnings");

  out.close(0, REPORT_ROOT);
  return `${out.lines.join("\n")}\n`;
}

/** The report as the bytes of a `Report.xml` file. */
export function reportXmlBytes(report: ExecutionReport): Uint8Array {
  return new TextEncoder().encode(reportToXml(report));
}
