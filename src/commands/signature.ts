/**
 * The signature on `InvokeUrl` requests (spec §5, [ours]), and its check for receivers.
 *
 *   X-Connect-Timestamp: <Unix time in seconds>
 *   X-Connect-Session-Id: <session id>
 *   X-Connect-Execution-Id: <execution id>
 *   X-Connect-Signature: v1=<lower-case hex HMAC-SHA-256 (RFC 2104, FIPS 180-4)>
 *
 * The MAC is keyed with the data source's `invokeUrlSecret` (its UTF-8 bytes) and taken over
 * the UTF-8 bytes of `<timestamp>.<sessionId>.<executionId>.` followed by the raw request
 * body. The ids are the lower-case GUIDs sent in the headers; they hold no dot, so the
 * fields cannot be shifted into one another. The timestamp inside the MAC lets a receiver
 * refuse replays older than its tolerance; the execution id inside it makes de-duplicating
 * by execution id sound within that window (a captured request cannot be resent with a
 * fresh id, nor under another session). The URL is left out on purpose: receivers behind
 * proxies see rewritten URLs, and a replay to another URL is still caught by the signed
 * execution id and the time window. docs/commands.md walks through the check step by step.
 */

export const TIMESTAMP_HEADER = "X-Connect-Timestamp";
export const SIGNATURE_HEADER = "X-Connect-Signature";
export const SESSION_ID_HEADER = "X-Connect-Session-Id";
export const EXECUTION_ID_HEADER = "X-Connect-Execution-Id";
export const SIGNATURE_SCHEME = "v1";
/** How far a receiver should let the timestamp differ from its own clock, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

const HMAC = { name: "HMAC", hash: "SHA-256" } as const;
const SHA256_BYTES = 32;
/** A signed id: visible ASCII without `.` (the field separator) or `,` (a joined header). */
const SIGNED_ID = /^[\x21-\x2b\x2d\x2f-\x7e]+$/;
/** The session id may be empty: a session template's OnError runs before any session exists. */
const SIGNED_SESSION_ID = /^[\x21-\x2b\x2d\x2f-\x7e]*$/;

/** What the signature covers besides the body. */
export interface SignedFields {
  /** Unix time in seconds. */
  timestamp: number;
  sessionId: string;
  executionId: string;
}

export type SignatureCheck =
  | { ok: true }
  | {
      ok: false;
      /** `malformed`: a header is missing or unreadable; `stale`: outside the tolerance. */
      reason: "malformed" | "stale" | "mismatch";
    };

/** `v1=<hex>` for a request carrying `fields` in its headers and `body` as its body. */
export async function signInvokeUrlRequest(
  secret: string,
  fields: SignedFields,
  body: Uint8Array,
): Promise<string> {
  if (!SIGNED_SESSION_ID.test(fields.sessionId) || !SIGNED_ID.test(fields.executionId)) {
    throw new Error("Cannot sign these ids: they must be visible ASCII without a dot or comma.");
  }
  const key = await hmacKey(secret, "sign");
  const data = signedBytes(String(fields.timestamp), fields.sessionId, fields.executionId, body);
  const mac = await crypto.subtle.sign("HMAC", key, data);
  return `${SIGNATURE_SCHEME}=${toHex(new Uint8Array(mac))}`;
}

/**
 * The receiver's check. `headers` are the request's headers as received (it reads the
 * timestamp, session id, execution id and signature from them), `body` the raw bytes as
 * received (before any parsing or decoding). The signature header may list several entries
 * separated by commas (to allow rotating the secret); one matching `v1` entry is enough. The
 * comparison is WebCrypto's `verify`, constant-time.
 */
export async function verifyInvokeUrlSignature(
  secret: string,
  headers: Headers,
  body: Uint8Array,
  now: Date,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): Promise<SignatureCheck> {
  const timestamp = headers.get(TIMESTAMP_HEADER);
  const sessionId = headers.get(SESSION_ID_HEADER);
  const executionId = headers.get(EXECUTION_ID_HEADER);
  const header = headers.get(SIGNATURE_HEADER);
  if (
    timestamp === null ||
    !/^[0-9]{1,12}$/.test(timestamp) ||
    sessionId === null ||
    !SIGNED_SESSION_ID.test(sessionId) ||
    executionId === null ||
    !SIGNED_ID.test(executionId) ||
    header === null
  ) {
    return { ok: false, reason: "malformed" };
  }

  const macs = header
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith(`${SIGNATURE_SCHEME}=`))
    .map((entry) => fromHex(entry.slice(SIGNATURE_SCHEME.length + 1)))
    .filter((mac): mac is Uint8Array<ArrayBuffer> => mac !== null);
  if (macs.length === 0) return { ok: false, reason: "malformed" };

  const age = Math.abs(Math.floor(now.getTime() / 1000) - Number(timestamp));
  if (age > toleranceSeconds) return { ok: false, reason: "stale" };

  const key = await hmacKey(secret, "verify");
  const data = signedBytes(timestamp, sessionId, executionId, body);
  for (const mac of macs) {
    if (await crypto.subtle.verify("HMAC", key, mac, data)) return { ok: true };
  }
  return { ok: false, reason: "mismatch" };
}

function hmacKey(secret: string, use: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), HMAC, false, [use]);
}

/** `<timestamp>.<sessionId>.<executionId>.` then the body, as one byte string. */
function signedBytes(
  timestamp: string,
  sessionId: string,
  executionId: string,
  body: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const prefix = new TextEncoder().encode(`${timestamp}.${sessionId}.${executionId}.`);
  const bytes = new Uint8Array(prefix.length + body.length);
  bytes.set(prefix);
  bytes.set(body, prefix.length);
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(text: string): Uint8Array<ArrayBuffer> | null {
  if (!new RegExp(`^[0-9a-fA-F]{${SHA256_BYTES * 2}}$`).test(text)) return null;
  const bytes = new Uint8Array(SHA256_BYTES);
  for (let i = 0; i < SHA256_BYTES; i++) {
    bytes[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  }
  return bytes;
}
