/**
 * Client authentication against the configured clients (spec §4). PBKDF2 is slow on
 * purpose, so a successful check is remembered per isolate under a keyed digest of the
 * credentials; the secret itself is never kept.
 */
import type { Client } from "../config/config.ts";
import { verifySecret } from "./secret-hash.ts";

/** How many successful verifications an isolate remembers (least recently used go first). */
export const VERIFIED_CACHE_MAX_ENTRIES = 256;

/**
 * Checked when the client id is unknown, so that answer takes as long as a wrong secret and
 * does not reveal which client ids exist. A well-formed hash that no secret matches.
 */
const UNKNOWN_CLIENT_HASH =
  "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

const HMAC_KEY_BYTES = 32;

export type ClientAuthResult =
  { ok: true; client: Client } | { ok: false; reason: "unknown-client" | "wrong-secret" };

/** Insertion-ordered, so the first entry is the least recently used one. */
const verified = new Set<string>();
let digestKey: Promise<CryptoKey> | undefined;

export async function authenticateClient(
  clients: readonly Client[],
  clientId: string,
  secret: string,
): Promise<ClientAuthResult> {
  const client = clients.find((c) => c.id === clientId);
  if (!client) {
    await verifySecret(secret, UNKNOWN_CLIENT_HASH);
    return { ok: false, reason: "unknown-client" };
  }

  // The stored hash is part of the key: a new secret hash in the configuration is checked
  // afresh, and the old secret stops working at once.
  const key = await cacheKeyOf(client.id, secret, client.secretHash);
  if (verified.has(key)) {
    verified.delete(key);
    verified.add(key);
    return { ok: true, client };
  }

  if (!(await verifySecret(secret, client.secretHash)))
    return { ok: false, reason: "wrong-secret" };

  verified.add(key);
  if (verified.size > VERIFIED_CACHE_MAX_ENTRIES) {
    const oldest = verified.values().next();
    if (!oldest.done) verified.delete(oldest.value);
  }
  return { ok: true, client };
}

/**
 * HMAC-SHA-256 under a random key that lives only in this isolate's memory: an entry is
 * useless outside it, even as a fast oracle for guessing the secret.
 */
async function cacheKeyOf(clientId: string, secret: string, storedHash: string): Promise<string> {
  digestKey ??= crypto.subtle.importKey(
    "raw",
    crypto.getRandomValues(new Uint8Array(HMAC_KEY_BYTES)),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );

  // JSON keeps the three parts apart, whatever characters they contain.
  const message = new TextEncoder().encode(JSON.stringify([clientId, secret, storedHash]));
  const mac = await crypto.subtle.sign("HMAC", await digestKey, message);
  return Array.from(new Uint8Array(mac), (b) => b.toString(16).padStart(2, "0")).join("");
}
