/**
 * Session ids are GUIDs (spec §3). A plain create gets a random one; a create carrying an
 * `Idempotency-Key` gets one derived by HMAC from the key, the client and the data source,
 * so a retry reaches the same Durable Object without any shared index, and nobody who lacks
 * the service's secret can predict it.
 */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

export function newSessionId(): string {
  return crypto.randomUUID();
}

/** Formats 16 bytes as an RFC 9562 version-8 (custom) UUID. */
function toUuidV8(bytes: Uint8Array): string {
  const b = bytes.slice(0, 16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x80;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function idempotentSessionId(
  secret: string,
  parts: { clientId: string; dataSource: string; key: string },
): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    enc.encode(`session-id:${secret}`),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  // Length-prefixed so that no two different triples produce the same message.
  const message = [parts.clientId, parts.dataSource, parts.key]
    .map((p) => `${p.length}:${p}`)
    .join("|");
  const mac = await crypto.subtle.sign("HMAC", key, enc.encode(message));
  return toUuidV8(new Uint8Array(mac));
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return Array.from(new Uint8Array(digest), (x) => x.toString(16).padStart(2, "0")).join("");
}
