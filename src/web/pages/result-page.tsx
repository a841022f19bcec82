/**
 * After Generate: the download (started by the script, with a link as fallback), the
 * ShowDialog dialogs of the report, each InvokeUrl delivery in words, or why it failed.
 */
import type { Dialog } from "../../execution/model.ts";
import { MESSAGES } from "../messages.ts";
import { Dialogs } from "./dialogs.tsx";
import { Layout, type PageFrame } from "./layout.tsx";

export interface Delivery {
  ok: boolean;
  message: string;
}

export interface ResultProps {
  frame: PageFrame;
  ok: boolean;
  /** Why it failed, in the report's words; shown only when not ok. */
  failure: string;
  downloadHref: string | null;
  dialogs: Dialog[];
  deliveries: Delivery[];
  backHref: string;
}

export function ResultPage(props: ResultProps) {
  const m = MESSAGES[props.frame.ui];
  return (
    <Layout frame={props.frame} title={props.ok ? m.resultReadyTitle : m.failedTitle}>
      {!props.ok && (
        <p class="error" role="alert">
          {props.failure}
        </p>
      )}
      {props.downloadHref !== null && (
        <p>
          {m.downloadStarts}{" "}
          <a href={props.downloadHref} data-auto-download="" download="">
            {m.downloadLink}
          </a>
        </p>
      )}
      {props.ok && props.downloadHref === null && <p>{m.deliveredOnly}</p>}
      {props.deliveries.length > 0 && (
        <section aria-labelledby="deliveries-heading">
          <h2 id="deliveries-heading">{m.deliveriesHeading}</h2>
          <ul>
            {props.deliveries.map((d) =>
              d.ok ? (
                <li class="done">{m.deliveryDone}</li>
              ) : (
                <li class="failed">
                  {m.deliveryFailed} {d.message}
                </li>
              ),
            )}
          </ul>
        </section>
      )}
      <p>
        <a href={props.backHref}>{m.backToForm}</a>
      </p>
      <Dialogs dialogs={props.dialogs} ui={props.frame.ui} />
    </Layout>
  );
}
