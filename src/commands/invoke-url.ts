/**
 * `InvokeUrl` (spec §5, [ours]): sends the document or the report to a URL, server-side,
 * signed, to an allow-listed host only, without following redirects and within a time
 * limit. Every expected failure (refused target, bad header, timeout, non-2xx answer)
 * comes back as an outcome value; the receiver's body is never read into a message.
 */
import type { Command } from "../connect/model.ts";
import { isHeaderValue, refusedHeaderMessage } from "../connect/rules.ts";
import type { ProducedFile } from "../execution/model.ts";
import { contentDisposition } from "./content-disposition.ts";
import { checkInvokeTarget } from "./invoke-target.ts";
import { attributeValue, fillPlaceholders, type PlaceholderValues } from "./placeholders.ts";
import {
  EXECUTION_ID_HEADER,
  SESSION_ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signInvokeUrlRequest,
} from "./signature.ts";

export { EXECUTION_ID_HEADER, SESSION_ID_HEADER };

export type InvokeUrlCommand = Extract<Command, { type: "InvokeUrl" }>;

/** How long the receiver has to answer, headers included, in milliseconds. */
export const INVOKE_URL_TIMEOUT_MS = 10_000;
/** Longest reason phrase quoted from the receiver's status line, in characters. */
const MAX_REASON_CHARS = 40;

export interface InvokeUrlContext {
  /** The data source's `invokeUrlHosts`. */
  allowedHosts: readonly string[];
  /** The data source's `invokeUrlSecret`; outside development a request without one is refused. */
  secret: string | null;
  development: boolean;
  fetcher: typeof fetch;
  sessionId: string;
  executionId: string;
  /** Wall clock for the signature timestamp. */
  now: () => Date;
  /** Defaults to INVOKE_URL_TIMEOUT_MS; tests shorten it. */
  timeoutMs?: number;
}

export interface InvokeUrlOutcome {
  status: "Success" | "Error";
  message: string;
  /** Field references in the URL or header values that had no value. */
  missing: string[];
  warnings: string[];
}

/** Sends `file` as the request body and reports what happened. */
export async function invokeUrl(
  command: InvokeUrlCommand,
  file: ProducedFile,
  values: PlaceholderValues,
  context: InvokeUrlContext,
): Promise<InvokeUrlOutcome> {
  const missing: string[] = [];
  const warnings: string[] = [];
  const fail = (message: string): InvokeUrlOutcome => ({
    status: "Error",
    message,
    missing,
    warnings,
  });

  const url = attributeValue("Url", command.url, command.fieldBindings, values, "url");
  missing.push(...(url?.missing ?? []));
  const target = checkInvokeTarget(url?.text ?? "", {
    allowedHosts: context.allowedHosts,
    development: context.development,
  });
  if (!target.ok) return fail(target.message);
  const host = target.url.host;

  const headers = new Headers();
  for (const header of command.headers) {
    const refused = refusedHeaderMessage(header.name);
    if (refused !== null) return fail(refused);
    const value = fillPlaceholders(header.value, values);
    missing.push(...value.missing);
    if (!isHeaderValue(value.text)) {
      return fail(`The value of header ${header.name} holds characters a header cannot carry.`);
    }
    headers.append(header.name, value.text);
  }
  headers.set("Content-Type", file.contentType);
  headers.set("Content-Disposition", contentDisposition(file.name));
  headers.set(EXECUTION_ID_HEADER, context.executionId);
  headers.set(SESSION_ID_HEADER, context.sessionId);

  if (context.secret !== null) {
    const timestamp = Math.floor(context.now().getTime() / 1000);
    headers.set(TIMESTAMP_HEADER, String(timestamp));
    const fields = { timestamp, sessionId: context.sessionId, executionId: context.executionId };
    headers.set(SIGNATURE_HEADER, await signInvokeUrlRequest(context.secret, fields, file.bytes));
  } else if (context.development) {
    warnings.push(`InvokeUrl to ${host} went unsigned: the data source has no invokeUrlSecret.`);
  } else {
    return fail("The data source has no invokeUrlSecret to sign the request with.");
  }

  const timeoutMs = context.timeoutMs ?? INVOKE_URL_TIMEOUT_MS;
  let response: Response;
  try {
    response = await context.fetcher(target.url.href, {
      method: command.method,
      headers,
      body: file.bytes,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (isAbort(error)) {
      return fail(`${host} did not answer within ${formatSeconds(timeoutMs)}.`);
    }
    return fail(`${host} could not be reached.`);
  }

  // The answer's body is of no use here and may be large: let it go unread.
  await response.body?.cancel().catch(() => undefined);

  if (response.status >= 300 && response.status < 400) {
    return fail(`${host} answered ${statusLine(response)}; redirects are not followed.`);
  }
  if (response.status < 200 || response.status >= 300) {
    return fail(`${host} answered ${statusLine(response)}.`);
  }
  return {
    status: "Success",
    message: `Sent to ${host}: ${statusLine(response)}.`,
    missing,
    warnings,
  };
}

/**
 * `HTTP 404 Not Found`. The reason phrase comes from the receiver and ends up in a report
 * that integrators and people read, so it is cut at its first character outside a plain
 * set and at MAX_REASON_CHARS.
 */
function statusLine(response: Response): string {
  const plain = /^[A-Za-z0-9 '.,()-]*/.exec(response.statusText)?.[0] ?? "";
  const reason = plain.slice(0, MAX_REASON_CHARS).trim();
  return reason === "" ? `HTTP ${response.status}` : `HTTP ${response.status} ${reason}`;
}

/**
 * The only signal on the request is the timeout, so an abort of either name is one:
 * `AbortSignal.timeout` rejects with `TimeoutError` (DOM §3.1), older runtimes `AbortError`.
 */
function isAbort(error: unknown): boolean {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  return name === "TimeoutError" || name === "AbortError";
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
