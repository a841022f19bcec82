/**
 * Salted, slow hashes for client secrets and user passwords, so configuration never holds
 * a secret itself. Format: `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>`.
 * PBKDF2 because it is in WebCrypto everywhere; Workers cap it at 100,000 iterations.
 */
import { base64url } from "jose";

const PREFIX = "pbkdf2-sha256";
export const PBKDF2_ITERATIONS = 100_000;
const HASH_BITS = 256;
const SALT_BYTES = 16;

async function derive(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
}

export async function hashSecret(secret: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(secret, salt, iterations);
  return [PREFIX, String(iterations), base64url.encode(salt), base64url.encode(hash)].join("$");
}

/** Compares in constant time over the derived bytes; a malformed stored hash never matches. */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [prefix, iterText, saltText, hashText] = stored.split("$");
  if (prefix !== PREFIX || !iterText || !saltText || !hashText) return false;

  const iterations = Number.parseInt(iterText, 10);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS) {
    return false;
  }

  let salt: Uint8Array<ArrayBuffer>;
  let expected: Uint8Array;
  try {
    salt = new Uint8Array(base64url.decode(saltText));
    expected = base64url.decode(hashText);
  } catch {
    return false;
  }

  const actual = await derive(secret, salt, iterations);
  if (actual.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}
