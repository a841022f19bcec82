/**
 * The signature on `InvokeUrl` requests (spec §5, [ours]), and its check for receivers.
 *
 *   X-Connect-Timestamp: <Unix time in seconds>
 *   X-Connect-Signature: v1=<lower-case hex HMAC-SHA-256 (RFC 2104, FIPS 180-4)>
 *
 * The MAC is keyed with the data source's `invokeUrlSecret` (its UTF-8 bytes) and taken over
 * the bytes of `<timestamp>.` followed by the raw request body. The timestamp inside the MAC
 * lets a receiver refuse replays older than its tolerance. docs/commands.md walks through
 * the check step by step.
 */

export const TIMESTAMP_HEADER = "X-Connect-Timestamp";
export const SIGNATURE_HEADER = "X-Connect-Signature";
export const SIGNATURE_SCHEME = "v1";
/** How far a receiver should let the timestamp differ from its own clock, in seconds. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

const HMAC = { name: "HMAC", hash: "SHA-256" } as const;
const SHA256_BYTES = 32;

export type SignatureCheck =
  | { ok: true }
  | {
      ok: false;
      /** `malformed`: a header is missing or unreadable; `stale`: outside the tolerance. */
      reason: "malformed" | "stale" | "mismatch";
    };

/** `v1=<hex>` for a body sent at `timestamp` (Unix seconds). */
export async function signInvokeUrlBody(
  secret: string,
  timestamp: number,
  body: Uint8Array,
): Promise<string> {
  const key = await hmacKey(secret, "sign");
  const mac = await crypto.subtle.sign("HMAC", key, signedBytes(String(timestamp), body));
  return `${SIGNATURE_SCHEME}=${toHex(new Uint8Array(mac))}`;
}

/**
 * The receiver's check. `timestamp` and `header` are the raw header values (null when
 * absent), `body` the raw bytes as received (before any parsing or decoding). The header
 * may list several signatures separated by commas (to allow rotating the secret); one
 * matching `v1` entry is enough. The comparison is WebCrypto's `verify`, constant-time.
 */
export async function verifyInvokeUrlSignature(
  secret: string,
  timestamp: string | null,
  body: Uint8Array,
  header: string | null,
  now: Date,
  toleranceSeconds: number = DEFAULT_TOLERANCE_SECONDS,
): Promise<SignatureCheck> {
  if (timestamp === null || header === null || !/^[0-9]{1,12}$/.test(timestamp)) {
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
  const data = signedBytes(timestamp, body);
  for (const mac of macs) {
    if (await crypto.subtle.verify("HMAC", key, mac, data)) return { ok: true };
  }
  return { ok: false, reason: "mismatch" };
}

function hmacKey(secret: string, use: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), HMAC, false, [use]);
}

/** `<timestamp>.` then the body, as one byte string. */
function signedBytes(timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = new TextEncoder().encode(`${timestamp}.`);
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
