/**
 * `DownloadFile` (spec §2, §5 scenario A): names the file a command hands to the caller.
 * The name comes from `FileName` (or `field-FileName`) with placeholders filled, is made
 * safe for every operating system, and gets the extension of what it holds. Pure.
 */
import type { Command } from "../connect/model.ts";
import type { ProducedFile } from "../execution/model.ts";
import { CONTENT_TYPES, EXTENSIONS, safeFileName, type ContentKind } from "./file-name.ts";
import { attributeValue, type PlaceholderValues } from "./placeholders.ts";

export type DownloadFileCommand = Extract<Command, { type: "DownloadFile" }>;

/** The bytes a command acts on, with what they are. */
export interface TargetContent {
  kind: ContentKind;
  bytes: Uint8Array;
}

export interface NamedDownload {
  file: ProducedFile;
  /** Field references in the name that had no value. */
  missing: string[];
}

/** Stem of the report's default name; a document defaults to its template's name. */
export const REPORT_STEM = "Report";
export const DOCUMENT_STEM = "Document";

/** `Offer.docx` for a template named Offer, `Document.pdf` without one, `Report.xml`. */
export function defaultFileName(kind: ContentKind, templateName: string | null): string {
  const stem = kind === "xml" ? REPORT_STEM : (templateName ?? DOCUMENT_STEM);
  return safeFileName(`${stem}${EXTENSIONS[kind]}`, kind);
}

/** The file a `DownloadFile` command hands over: safe name, right extension and type. */
export function downloadFile(
  command: DownloadFileCommand,
  content: TargetContent,
  values: PlaceholderValues,
  templateName: string | null,
): NamedDownload {
  const requested = attributeValue("FileName", command.fileName, command.fieldBindings, values);
  const text = requested?.text.trim() ?? "";
  const name =
    text === "" ? defaultFileName(content.kind, templateName) : safeFileName(text, content.kind);

  return {
    file: { name, contentType: CONTENT_TYPES[content.kind], bytes: content.bytes },
    missing: requested?.missing ?? [],
  };
}
