/**
 * Outbound requests of initializers, under the same rules as InvokeUrl (spec §5, §8): the
 * host on the data source's allow-list, https and public addresses outside development, no
 * redirects followed, a timeout, and the answer read chunk by chunk up to a size cap.
 */
import { checkInvokeTarget } from "../commands/invoke-target.ts";
import { InitFailure, formatMs, isAbort } from "./outcome.ts";

export interface OutboundPolicy {
  /** The data source's `initializerHosts`. */
  allowedHosts: readonly string[];
  development: boolean;
  fetcher: typeof fetch;
}

export interface BoundedRequest {
  url: string;
  method: "GET" | "POST";
  headers?: Headers;
  body?: string;
  timeoutMs: number;
  maxBytes: number;
}

export interface BoundedResponse {
  host: string;
  contentType: string;
  bytes: Uint8Array;
}

/** Fetches and reads the answer; throws InitFailure for every expected failure. */
export async function fetchBounded(
  request: BoundedRequest,
  policy: OutboundPolicy,
): Promise<BoundedResponse> {
  const target = checkInvokeTarget(request.url, {
    allowedHosts: policy.allowedHosts,
    development: policy.development,
  });
  if (!target.ok) {
    throw new InitFailure("invalid", target.message.replace("InvokeUrl", "initializer"));
  }
  const host = target.url.host;
  const signal = AbortSignal.timeout(request.timeoutMs);

  let response: Response;
  try {
    response = await policy.fetcher(target.url.href, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: "manual",
      signal,
    });
  } catch (error) {
    if (isAbort(error)) throw timeout(host, request.timeoutMs);
    throw new InitFailure("upstream", `${host} could not be reached.`);
  }

  if (response.status < 200 || response.status >= 300) {
    await response.body?.cancel().catch(() => undefined);
    const redirect = response.status >= 300 && response.status < 400;
    const why = redirect ? "; redirects are not followed" : "";
    throw new InitFailure("upstream", `${host} answered HTTP ${response.status}${why}.`);
  }

  try {
    const bytes = await readCapped(response, request.maxBytes, host);
    return { host, contentType: response.headers.get("content-type") ?? "", bytes };
  } catch (error) {
    if (isAbort(error)) throw timeout(host, request.timeoutMs);
    throw error;
  }
}

/** Reads a body up to `maxBytes`, stopping (and cancelling) as soon as it is exceeded. */
async function readCapped(response: Response, maxBytes: number, host: string) {
  const declared = Number(response.headers.get("content-length") ?? "0");
  const tooLarge = () =>
    new InitFailure("upstream", `${host} answered with more than ${maxBytes} bytes.`);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (response.body === null) return new Uint8Array();

  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const chunk: ReadableStreamReadResult<unknown> = await reader.read();
    if (chunk.done) break;
    const value = chunk.value;
    if (!(value instanceof Uint8Array)) {
      await reader.cancel().catch(() => undefined);
      throw new InitFailure("upstream", `${host} answered with a body that is not bytes.`);
    }
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function timeout(host: string, ms: number): InitFailure {
  return new InitFailure("timeout", `${host} did not answer within ${formatMs(ms)}.`);
}
