/**
 * Reads a token request off the wire (RFC 6749 §4.4.2): a bounded form-encoded body and the
 * client's credentials, from HTTP Basic or from the form (RFC 6749 §2.3.1), never both.
 */
import { oauthError, type OAuthError } from "./oauth-error.ts";
import { readBoundedBytes } from "../http/body.ts";

/** A token request is a handful of short fields; anything larger is refused unread. */
export const MAX_TOKEN_REQUEST_BYTES = 8 * 1024;

const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";

export interface ClientCredentials {
  clientId: string;
  secret: string;
  method: "client_secret_basic" | "client_secret_post";
}

export interface TokenRequest {
  grantType: string | null;
  /** The `scope` parameter as sent; null when absent or blank. */
  scope: string | null;
  credentials: ClientCredentials | null;
  usedBasic: boolean;
}

export type TokenRequestResult =
  { ok: true; request: TokenRequest } | { ok: false; error: OAuthError };

export async function readTokenRequest(req: Request): Promise<TokenRequestResult> {
  const mediaType = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (mediaType !== FORM_MEDIA_TYPE) {
    return invalidRequest(`Send the parameters as ${FORM_MEDIA_TYPE}.`, "wrong media type");
  }

  const body = await readBoundedBytes(req, MAX_TOKEN_REQUEST_BYTES, "a token request");
  if (!body.ok) return invalidRequest("The request body is too large.", "body too large");
  const text = new TextDecoder().decode(body.bytes);

  const form = new URLSearchParams(text);
  // RFC 6749 §3.2: parameters must not be included more than once.
  for (const name of new Set(form.keys())) {
    if (form.getAll(name).length > 1) {
      return invalidRequest("A parameter is repeated.", `repeated ${name.slice(0, 40)}`);
    }
  }

  const basic = basicCredentials(req.headers.get("authorization"));
  if (basic === "malformed") {
    const err = oauthError(
      "invalid_client",
      "Client authentication failed.",
      "malformed Basic credentials",
      true,
    );
    return { ok: false, error: err };
  }

  const formId = nonEmpty(form.get("client_id"));
  const formSecret = nonEmpty(form.get("client_secret"));
  let credentials: ClientCredentials | null = null;

  if (basic) {
    // RFC 6749 §2.3: a client must not use more than one authentication method at once.
    if (formSecret !== null) {
      return invalidRequest(
        "Authenticate with HTTP Basic or with client_secret, not both.",
        "two authentication methods",
      );
    }
    if (formId !== null && formId !== basic.clientId) {
      return invalidRequest(
        "client_id does not match the Basic credentials.",
        "client_id mismatch",
      );
    }
    credentials = { ...basic, method: "client_secret_basic" };
  } else if (formId !== null && formSecret !== null) {
    credentials = { clientId: formId, secret: formSecret, method: "client_secret_post" };
  }

  return {
    ok: true,
    request: {
      grantType: nonEmpty(form.get("grant_type")),
      scope: nonEmpty(form.get("scope")?.trim() ?? null),
      credentials,
      usedBasic: basic !== null,
    },
  };
}

function invalidRequest(description: string, reason: string): TokenRequestResult {
  return { ok: false, error: oauthError("invalid_request", description, reason) };
}

function nonEmpty(value: string | null): string | null {
  return value === null || value === "" ? null : value;
}

/**
 * RFC 6749 §2.3.1 with RFC 7617: `Basic base64(urlencode(id) ":" urlencode(secret))`.
 * Null when the header is absent or uses another scheme.
 */
function basicCredentials(
  header: string | null,
): { clientId: string; secret: string } | "malformed" | null {
  const match = /^basic(?: +(\S*))? *$/i.exec(header ?? "");
  if (!match) return null;

  let decoded: string;
  try {
    const binary = atob(match[1] ?? "");
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    decoded = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return "malformed";
  }

  const colon = decoded.indexOf(":");
  if (colon < 1) return "malformed";
  const clientId = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  if (clientId === "" || secret === "") return "malformed";
  return { clientId, secret };
}

/**
 * Undoes the form encoding RFC 6749 §2.3.1 asks clients to apply. Many clients skip it; a
 * value that is not valid percent-encoding is therefore taken as sent.
 */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}
