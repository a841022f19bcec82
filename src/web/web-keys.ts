/**
 * HMAC keys of the web app, derived from the `SIGNING_KEY` secret with HKDF (RFC 5869), one
 * per purpose. Deriving keeps deployment to one secret, and a separate symmetric key means a
 * sign-in cookie can never pass as an API bearer token (those are ES256 with the key itself).
 */

export type WebKeyPurpose = "session-cookie" | "csrf" | "oidc-flow";

const cache = new Map<string, Promise<CryptoKey>>();

export function webKey(secretText: string, purpose: WebKeyPurpose): Promise<CryptoKey> {
  const cacheKey = `${purpose}\n${secretText}`;
  const hit = cache.get(cacheKey);
  if (hit) return hit;

  const key = derive(secretText, purpose);
  cache.set(cacheKey, key);
  return key;
}

async function derive(secretText: string, purpose: WebKeyPurpose): Promise<CryptoKey> {
  const encoder = new TextEncoder();
  const material = await crypto.subtle.importKey("raw", encoder.encode(secretText), "HKDF", false, [
    "deriveKey",
  ]);
  return crypto.subtle.deriveKey(
    {
      name: "HKDF",
      hash: "SHA-256",
      salt: encoder.encode("connect-session web app"),
      info: encoder.encode(purpose),
    },
    material,
    { name: "HMAC", hash: "SHA-256", length: 256 },
    false,
    ["sign", "verify"],
  );
}
