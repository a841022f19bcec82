/**
 * CSRF defence for every form post (OWASP "signed double submit"): the token is an HMAC over
 * the sign-in cookie's `jti` and the form's purpose, so it is useless to another person or
 * for another form, and a same-origin check on `Origin` / `Sec-Fetch-Site` backs it up.
 */
import { base64url } from "jose";

export async function csrfToken(key: CryptoKey, jti: string, purpose: string): Promise<string> {
  const mac = await crypto.subtle.sign("HMAC", key, message(jti, purpose));
  return base64url.encode(new Uint8Array(mac));
}

/** Constant-time check through WebCrypto's verify; a malformed token is simply wrong. */
export async function verifyCsrfToken(
  key: CryptoKey,
  jti: string,
  purpose: string,
  token: string,
): Promise<boolean> {
  let mac: Uint8Array<ArrayBuffer>;
  try {
    mac = new Uint8Array(base64url.decode(token));
  } catch {
    return false;
  }
  return crypto.subtle.verify("HMAC", key, mac, message(jti, purpose));
}

function message(jti: string, purpose: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(new TextEncoder().encode(`${jti}\n${purpose}`));
}

/**
 * True when the request comes from our own pages. Browsers send `Origin` on POST (RFC 6454
 * §7) and `Sec-Fetch-Site` (Fetch Metadata); a request carrying neither is a non-browser
 * client, which the token alone must convince.
 */
export function isSameOrigin(
  requestUrl: string,
  origin: string | null,
  secFetchSite: string | null,
): boolean {
  if (origin !== null && origin !== "null") return origin === new URL(requestUrl).origin;
  if (origin === "null") return false;
  if (secFetchSite !== null) return secFetchSite === "same-origin" || secFetchSite === "none";
  return true;
}
