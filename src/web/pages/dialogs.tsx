/**
 * The ShowDialog commands of an execution, as open dialogs the page script makes modal. On
 * the result page after Generate, on the page after Cancel (OnCancel and OnExit) and on the
 * page of a session template that could not start (Initialization/OnError).
 */
import type { Dialog } from "../../execution/model.ts";
import type { UiLanguage } from "../../templates/model.ts";
import { MESSAGES } from "../messages.ts";

export function Dialogs(props: { dialogs: Dialog[]; ui: UiLanguage }) {
  const m = MESSAGES[props.ui];
  return (
    <>
      {props.dialogs.map((dialog, i) => (
        <dialog
          open
          data-modal=""
          aria-labelledby={`dialog-${i}-title`}
          aria-describedby={`dialog-${i}-text`}
        >
          <h2 id={`dialog-${i}-title`}>{dialog.title}</h2>
          <p id={`dialog-${i}-text`}>{dialog.message}</p>
          <form method="dialog">
            <button type="submit" autofocus>
              {m.close}
            </button>
          </form>
        </dialog>
      ))}
    </>
  );
}
