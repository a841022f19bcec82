/**
 * `ShowDialog` (spec §5): the web app shows it; a server-side Execute records it in the
 * report and returns it to the caller. Title and message get their placeholders or
 * `field-Title` / `field-Message` bindings filled. Pure.
 */
import type { Command } from "../connect/model.ts";
import type { Dialog } from "../execution/model.ts";
import { attributeValue, type PlaceholderValues } from "./placeholders.ts";

export type ShowDialogCommand = Extract<Command, { type: "ShowDialog" }>;

export interface FilledDialog {
  dialog: Dialog;
  /** Field references that had no value. */
  missing: string[];
}

export function showDialog(command: ShowDialogCommand, values: PlaceholderValues): FilledDialog {
  const title = attributeValue("Title", command.title, command.fieldBindings, values);
  const message = attributeValue("Message", command.message, command.fieldBindings, values);
  return {
    dialog: { title: title?.text ?? "", message: message?.text ?? "" },
    missing: [...(title?.missing ?? []), ...(message?.missing ?? [])],
  };
}
