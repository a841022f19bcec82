/**
 * Token endpoint errors (RFC 6749 §5.2): a value with the public error code and text, plus
 * the exact reason for the log. One place turns it into the JSON answer.
 */

export type OAuthErrorCode =
  "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope";

export interface OAuthError {
  error: OAuthErrorCode;
  /** Public, human-readable text (RFC 6749 §5.2 `error_description`). */
  description: string;
  /** The exact cause, for the log only. */
  reason: string;
  /** The client tried HTTP Basic, so an `invalid_client` answer carries a Basic challenge. */
  usedBasic: boolean;
}

export const BASIC_REALM = "connect-session";

export function oauthError(
  error: OAuthErrorCode,
  description: string,
  reason: string,
  usedBasic = false,
): OAuthError {
  return { error, description, reason, usedBasic };
}

/**
 * RFC 6749 §5.2: 400 for every error except `invalid_client`, which is 401 and, when the
 * client authenticated with the Authorization header, names the scheme it used.
 */
export function oauthErrorResponse(err: OAuthError): Response {
  const headers = new Headers({
    "content-type": "application/json;charset=UTF-8",
    "cache-control": "no-store",
    pragma: "no-cache",
  });

  const status = err.error === "invalid_client" ? 401 : 400;
  if (status === 401 && err.usedBasic) {
    headers.set("www-authenticate", `Basic realm="${BASIC_REALM}", charset="UTF-8"`);
  }

  const body = { error: err.error, error_description: err.description };
  return new Response(JSON.stringify(body), { status, headers });
}
