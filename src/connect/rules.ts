/**
 * The Connect rules that XML and JSON share (spec §2): what counts as a template id, a
 * culture tag, a key, a field binding, a header; which commands exist and which of their
 * attributes may be bound to a field. Both parsers call these, so both forms agree.
 */
import { MAX_COMMANDS, MAX_KEY_LENGTH } from "./limits.ts";
import type { Command } from "./model.ts";

export type CommandType = Command["type"];
export const COMMAND_TYPES: readonly CommandType[] = ["DownloadFile", "InvokeUrl", "ShowDialog"];

export function isCommandType(name: string): name is CommandType {
  return (COMMAND_TYPES as readonly string[]).includes(name);
}

/** Attributes a `field-<Attribute>` binding may name, per command (XML attribute names). */
export const BINDABLE_ATTRIBUTES: Readonly<Record<CommandType, readonly string[]>> = {
  DownloadFile: ["FileName"],
  InvokeUrl: ["Url"],
  ShowDialog: ["Title", "Message"],
};

export const INVOKE_URL_METHODS = ["POST", "PUT", "PATCH"] as const;
export type InvokeUrlMethod = (typeof INVOKE_URL_METHODS)[number];

/** Reads a method in any case (XML) and returns it upper-cased, or null if not allowed. */
export function invokeUrlMethod(value: string): InvokeUrlMethod | null {
  const upper = value.toUpperCase();
  return INVOKE_URL_METHODS.find((m) => m === upper) ?? null;
}

/** A payload holds at most MAX_COMMANDS commands over all its handler groups. */
export function tooManyCommandsMessage(count: number): string {
  return `${count} commands are more than the ${MAX_COMMANDS} one payload may hold, over all handler groups.`;
}

/** Why a command is refused, in words an integrator can act on (spec §2, [doc]). */
export function unsupportedCommandMessage(name: string): string {
  const supported = "Use DownloadFile, InvokeUrl or ShowDialog.";
  switch (name) {
    case "SaveFile":
      return `SaveFile is not supported: the service cannot write to the person's disk. Use DownloadFile to hand the file over, or InvokeUrl to send it to your system.`;
    case "OpenFile":
      return `OpenFile is not supported: the service cannot open files on the person's computer. Use DownloadFile instead.`;
    case "InvokeProcess":
      return `InvokeProcess is not supported: the service does not start programs. Use InvokeUrl to notify your system instead.`;
    default:
      return `${name} is not a supported command. ${supported}`;
  }
}

/** For the OpenAPI document; the shape `isGuid` accepts. */
export const GUID_PATTERN_SOURCE =
  "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

/**
 * A GUID in the 8-4-4-4-12 form, any case; no braces, no surrounding spaces. Checked by
 * hand: it runs on every payload, and a regex costs several times more here.
 */
export function isGuid(value: string): boolean {
  return guidCase(value) !== NOT_A_GUID;
}

const NOT_A_GUID = 0;
const LOWER_CASE_GUID = 1;
const MIXED_CASE_GUID = 2;

/**
 * The GUID in lower case: the value itself when it has no capital hex digit (the common
 * case, which needs no new string), or null when it is not a GUID.
 */
export function lowerCaseGuid(value: string): string | null {
  const kind = guidCase(value);
  if (kind === NOT_A_GUID) return null;
  return kind === LOWER_CASE_GUID ? value : value.toLowerCase();
}

/** Whether `value` is a GUID, and whether it has any capital hex digit. */
function guidCase(value: string): number {
  if (value.length !== 36) return NOT_A_GUID;
  let kind = LOWER_CASE_GUID;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return NOT_A_GUID;
    } else if (c >= 0x41 && c <= 0x46) {
      kind = MIXED_CASE_GUID;
    } else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) {
      return NOT_A_GUID;
    }
  }
  return kind;
}

/**
 * A culture tag as .NET and BCP 47 write it: language (2–3 letters), optional script
 * (4 letters), optional region (2 letters or 3 digits), optional variants. `de-CH`,
 * `es-es`, `en`, `sr-Latn-RS` pass; `german`, `de_CH` do not.
 */
const CULTURE_PATTERN =
  /^[a-z]{2,3}(?:-[a-z]{4})?(?:-(?:[a-z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*$/i;
/** The same pattern without the `i` flag, for JSON Schema, which has no flags. */
export const CULTURE_PATTERN_SOURCE = CULTURE_PATTERN.source
  .replaceAll("[a-z0-9]", "[A-Za-z0-9]")
  .replaceAll("[a-z]", "[A-Za-z]");

export function isCultureTag(value: string): boolean {
  return isPlainCulture(value) || CULTURE_PATTERN.test(value);
}

function isAsciiLetterCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** The common shapes `en` and `de-CH`, checked without the regex. */
function isPlainCulture(value: string): boolean {
  const length = value.length;
  if (length !== 2 && length !== 5) return false;
  if (!isAsciiLetterCode(value.charCodeAt(0)) || !isAsciiLetterCode(value.charCodeAt(1))) {
    return false;
  }
  if (length === 2) return true;
  return (
    value.charCodeAt(2) === 0x2d &&
    isAsciiLetterCode(value.charCodeAt(3)) &&
    isAsciiLetterCode(value.charCodeAt(4))
  );
}

/** A boolean as XML attributes write it; .NET reads `True`/`FALSE` too, so any case. */
export function parseBoolean(value: string): boolean | null {
  const lower = value.toLowerCase();
  if (lower === "true") return true;
  if (lower === "false") return false;
  return null;
}

/**
 * Splits one `Tag` (an OR alternative) into the tags that must all be present (AND).
 * Returns null when any part is empty after trimming (`"A;;B"`, `""`, `" ; "`).
 */
export function splitTagGroup(text: string): string[] | null {
  const parts = text.split(";").map((part) => part.trim());
  return parts.every((part) => part.length > 0) ? parts : null;
}

const KEY_PATTERN = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/** The common case of KEY_PATTERN, checked without the Unicode-aware regex. */
function isAsciiName(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
    if (!letter && (i === 0 || !((c >= 0x30 && c <= 0x39) || c === 0x2d))) return false;
  }
  return key.length > 0;
}
export const KEY_PATTERN_SOURCE = KEY_PATTERN.source;

/**
 * Keys name template fields and appear in `{Forms.Key}` placeholders, so they are names:
 * a letter or `_`, then letters, digits, `_` or `-`. A dot would make `Forms.A.B`
 * ambiguous between a key and a nested object. `__proto__` is refused so no consumer of
 * the values can ever mistake it for an object's prototype.
 */
export function keyProblem(key: string): string | null {
  if (key.length === 0) return "The key is empty.";
  if (key.length > MAX_KEY_LENGTH) return `The key is longer than ${MAX_KEY_LENGTH} characters.`;
  if (key === "__proto__") return "__proto__ is reserved and cannot be a key.";
  if (!isAsciiName(key) && !KEY_PATTERN.test(key)) {
    return `The key "${key}" is not a name: start with a letter or _, then use letters, digits, _ or -.`;
  }
  return null;
}

const FIELD_REFERENCE_PATTERN = /^(?:Forms|Data)(?:\.[\p{L}_][\p{L}\p{N}_-]*)+$/u;
export const FIELD_REFERENCE_PATTERN_SOURCE = FIELD_REFERENCE_PATTERN.source;

/** `Forms.Key` or `Data.Key`, with `.Key` repeated to reach into objects. */
export function isFieldReference(value: string): boolean {
  return FIELD_REFERENCE_PATTERN.test(value);
}

/** RFC 9110 §5.6.2 token. */
const HEADER_NAME_PATTERN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/**
 * RFC 9110 §5.5 as an InvokeUrl can send it: visible ASCII, spaces and tabs. No CR or LF, so
 * no header injection, and nothing outside ASCII, which fetch() refuses.
 */
const HEADER_VALUE_PATTERN = /^[\t\x20-\x7e]*$/;

/**
 * Headers a command may not set: hop-by-hop and framing headers (RFC 9110 §7.6.1, RFC 9112
 * §6), the ones describing the body (set from the file), and our own and Cloudflare's
 * namespaces, so no payload can forge a signature header or a `cf-` control header.
 */
const REFUSED_HEADERS = new Set([
  "host",
  "content-length",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
  "proxy-authorization",
  "proxy-connection",
  "content-type",
  "content-encoding",
  "content-disposition",
]);
const REFUSED_HEADER_PREFIXES = ["x-connect-", "cf-", "proxy-", "sec-"];

export function isHeaderName(value: string): boolean {
  return HEADER_NAME_PATTERN.test(value);
}

export function isHeaderValue(value: string): boolean {
  return HEADER_VALUE_PATTERN.test(value);
}

/** What is wrong with a command's header name (invalid, or one it may not set), or null. */
export function headerNameProblem(name: string): string | null {
  if (!isHeaderName(name)) return `"${name}" is not a valid HTTP header name.`;
  return refusedHeaderMessage(name);
}

/** The message for a header value that `isHeaderValue` refuses. */
export function headerValueProblem(name: string): string {
  return `The value of header ${name} may hold only visible ASCII characters, spaces and tabs.`;
}

/** Why a command may not set header `name`, or null if it may. */
export function refusedHeaderMessage(name: string): string | null {
  const lower = name.toLowerCase();
  const refused =
    REFUSED_HEADERS.has(lower) || REFUSED_HEADER_PREFIXES.some((p) => lower.startsWith(p));
  return refused ? `The header ${name} cannot be set by a command.` : null;
}

const URL_PATTERN = /^https?:\/\/[^/\s]/i;

function hasSpaceOrControl(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return true;
  }
  return /\s/.test(value);
}

/**
 * An InvokeUrl target: absolute http(s), no spaces. It may hold `{Forms.X}` placeholders,
 * so it is not parsed as a URL here; host allow-lists and https are enforced when the
 * command runs (spec §5).
 */
export function urlProblem(value: string): string | null {
  if (!URL_PATTERN.test(value))
    return "The URL must be absolute and start with https:// or http://.";
  if (hasSpaceOrControl(value)) return "The URL must not contain spaces or control characters.";
  return null;
}
