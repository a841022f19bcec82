/**
 * The execution model (spec §5, §6): what one Execute or Cancel produces. Commands, the
 * report builder and the routes share these types; nothing here does I/O.
 */
import type { HandlerGroup } from "../connect/model.ts";

export type ExecutionStatus = "Success" | "Error" | "Cancelled";
export type CommandStatus = "Success" | "Error";

/** A file a command produced or delivered: the document, or the report itself. */
export interface ProducedFile {
  name: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface FileEntry {
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

export interface CommandOutcome {
  group: HandlerGroup;
  type: "DownloadFile" | "InvokeUrl" | "ShowDialog";
  /** 1-based position inside its group, as in the payload. */
  position: number;
  status: CommandStatus;
  durationMs: number;
  /** Human text: what happened, or why it failed. */
  message: string;
}

export interface Dialog {
  title: string;
  message: string;
}

/** Who ran the execution: the API client, or the signed-in web-app user. */
export interface Actor {
  clientId: string;
  subject: string;
  displayName: string | null;
}

export interface ExecutionReport {
  executionId: string;
  sessionId: string;
  status: ExecutionStatus;
  /** ISO 8601, UTC. */
  createdOnUtc: string;
  /** Human text; on error, the cause chain joined outermost first. */
  message: string;
  template: { id: string; name: string } | null;
  language: string | null;
  ranBy: Actor;
  commands: CommandOutcome[];
  files: FileEntry[];
  dialogs: Dialog[];
  warnings: string[];
}
