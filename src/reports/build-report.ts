/**
 * Assembles an execution report (spec §6) from what the execution knows up front and
 * what its commands produced; hashes produced files with WebCrypto's SHA-256.
 */
import type {
  CommandOutcome,
  Dialog,
  ExecutionReport,
  FileEntry,
  ProducedFile,
} from "../execution/model.ts";

/** Everything in a report except what the commands add. */
export type ReportBase = Omit<ExecutionReport, "commands" | "files" | "dialogs">;

export interface ReportParts {
  commands: readonly CommandOutcome[];
  /** Produced files (hashed here) or entries hashed before. */
  files: readonly (ProducedFile | FileEntry)[];
  dialogs: readonly Dialog[];
  /** Appended after the base's warnings. */
  warnings: readonly string[];
}

export async function buildReport(base: ReportBase, parts: ReportParts): Promise<ExecutionReport> {
  return {
    ...base,
    commands: [...parts.commands],
    files: await Promise.all(parts.files.map(toFileEntry)),
    dialogs: [...parts.dialogs],
    warnings: [...base.warnings, ...parts.warnings],
  };
}

/** Name, type, size and lower-case hex SHA-256 (FIPS 180-4) of a produced file. */
export async function fileEntryOf(file: ProducedFile): Promise<FileEntry> {
  const digest = await crypto.subtle.digest("SHA-256", file.bytes);
  const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
  return { name: file.name, contentType: file.contentType, size: file.bytes.length, sha256 };
}

function toFileEntry(file: ProducedFile | FileEntry): Promise<FileEntry> {
  return "bytes" in file ? fileEntryOf(file) : Promise.resolve(file);
}
