/**
 * Whether `InvokeUrl` may call a URL (spec §5, [ours]): the host must be on the data
 * source's allow-list; outside development the scheme must be https and the host must not
 * be `localhost` or a non-public IP address; credentials in the URL are never accepted.
 * Pure: the URL is parsed with the WHATWG parser the fetch will use, so both see one host.
 */
import { isNonPublicHost } from "./ip-address.ts";

export interface TargetPolicy {
  /** The data source's `invokeUrlHosts`: exact host names, compared case-insensitively. */
  allowedHosts: readonly string[];
  /** Local development allows http and loopback or private hosts (still allow-listed). */
  development: boolean;
}

export type TargetRefusal =
  | "invalid-url"
  | "unsupported-scheme"
  | "https-required"
  | "credentials"
  | "dot-segment"
  | "non-public-host"
  | "host-not-allowed";

export type TargetCheck =
  { ok: true; url: URL } | { ok: false; reason: TargetRefusal; message: string };

/**
 * Checks a URL after its placeholders were filled. Messages name the host at most, never
 * the whole URL: its path or query may carry filled-in values.
 */
export function checkInvokeTarget(raw: string, policy: TargetPolicy): TargetCheck {
  const url = URL.parse(raw);
  if (url === null) {
    return refuse("invalid-url", "The URL is not a valid absolute URL.");
  }

  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return refuse("unsupported-scheme", `The URL scheme ${url.protocol} is not allowed.`);
  }
  if (url.protocol === "http:" && !policy.development) {
    return refuse("https-required", `The URL must use https (host ${url.hostname}).`);
  }

  // RFC 3986 §3.2.1 deprecates user:password@; it would also leak them into any log.
  if (url.username !== "" || url.password !== "") {
    return refuse("credentials", "The URL must not contain a user name or password.");
  }

  // `encodeURIComponent` leaves dots alone, so a filled value `..` would make the parser
  // remove a path segment (WHATWG URL, path state) and send the request elsewhere on the host.
  if (hasDotSegment(raw)) {
    const message = `The URL path must not hold . or .. segments (host ${url.hostname}).`;
    return refuse("dot-segment", message);
  }

  if (!policy.development && isNonPublicHost(url.hostname)) {
    const message = `The host ${url.hostname} is a local or private address, which InvokeUrl does not call.`;
    return refuse("non-public-host", message);
  }

  if (!allowedHostSet(policy.allowedHosts).has(url.hostname)) {
    const message = `The host ${url.hostname} is not on this data source's InvokeUrl allow-list.`;
    return refuse("host-not-allowed", message);
  }

  return { ok: true, url };
}

/** Single- and double-dot segments as the URL parser reads them, `%2e` included. */
const DOT_SEGMENTS = new Set([".", "..", "%2e", ".%2e", "%2e.", "%2e%2e"]);

/** True when the path of `raw` (before parsing, which would resolve them) has a dot segment. */
function hasDotSegment(raw: string): boolean {
  const beforeQuery = raw.split(/[?#]/, 1)[0] ?? "";
  const authorityEnd = beforeQuery.indexOf("//");
  const afterScheme = authorityEnd < 0 ? beforeQuery : beforeQuery.slice(authorityEnd + 2);
  // http(s) URLs read a backslash as a slash.
  const segments = afterScheme.split(/[/\\]/).slice(1);
  return segments.some((segment) => DOT_SEGMENTS.has(segment.toLowerCase()));
}

/** The authority (`user@host:port`) of an absolute URL as written, before any parsing. */
const AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/([^/\\?#]*)/i;

/**
 * Why a URL as written in a Connect payload could never be called, for checking it when the
 * session is created (spec §5). Only when its authority holds no `{` (no placeholder could
 * change scheme, credentials or host), since the check at Execute would then give the same
 * answer; null when it may be called, or when that is decided at Execute.
 */
export function literalTargetRefusal(
  raw: string,
  policy: TargetPolicy,
): Extract<TargetCheck, { ok: false }> | null {
  const authority = AUTHORITY.exec(raw)?.[1];
  if (authority === undefined || authority.includes("{")) return null;

  const check = checkInvokeTarget(raw, policy);
  return check.ok ? null : check;
}

/**
 * The allow-list in the form `URL.hostname` takes: lower case, IDNs in punycode, IP
 * addresses normalised. An entry the URL parser cannot read is kept in lower case.
 */
function allowedHostSet(hosts: readonly string[]): Set<string> {
  return new Set(
    hosts.map((host) => {
      const trimmed = host.trim();
      return URL.parse(`https://${trimmed}/`)?.hostname ?? trimmed.toLowerCase();
    }),
  );
}

function refuse(reason: TargetRefusal, message: string): TargetCheck {
  return { ok: false, reason, message };
}
