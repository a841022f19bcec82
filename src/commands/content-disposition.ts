/**
 * `Content-Disposition: attachment` for a download (RFC 6266), with the name twice: an
 * ASCII `filename` for old clients and a UTF-8 `filename*` (RFC 8187) that carries any
 * name, such as `Offerte Müller – 2026.docx`. Pure.
 */

/**
 * RFC 8187 §3.2.1 `attr-char`: the characters `filename*` may carry unencoded. Everything
 * else, including `'`, `(`, `)` and `*` that `encodeURIComponent` leaves alone, is encoded.
 */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

/**
 * Characters kept in the quoted ASCII fallback. `"` and `\` would need quoted-pair escapes
 * that several clients mishandle, and RFC 6266 Appendix D advises against `%` (some
 * clients percent-decode `filename`); all three become `_`, as does anything non-ASCII.
 */
const FALLBACK_CHAR = /^[\x20-\x7e]$/;
const FALLBACK_REPLACED = new Set(['"', "\\", "%"]);
const COMBINING_MARKS = /\p{M}/gu;

/** `attachment; filename="…"` plus `filename*=UTF-8''…` when the name is not plain ASCII. */
export function contentDisposition(name: string): string {
  const fallback = asciiFallback(name);
  const quoted = `attachment; filename="${fallback}"`;
  return fallback === name ? quoted : `${quoted}; filename*=UTF-8''${encodeExtValue(name)}`;
}

/**
 * The name in printable ASCII: letters with accents lose them (`Müller` → `Muller`, by
 * Unicode decomposition), anything else that does not fit becomes `_`.
 */
export function asciiFallback(name: string): string {
  let out = "";
  for (const char of name.normalize("NFKD").replace(COMBINING_MARKS, "")) {
    out += FALLBACK_CHAR.test(char) && !FALLBACK_REPLACED.has(char) ? char : "_";
  }
  return out;
}

/** RFC 8187 §3.2.1 `value-chars`: UTF-8 bytes, percent-encoded unless `attr-char`. */
export function encodeExtValue(value: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(value.toWellFormed())) {
    const char = String.fromCharCode(byte);
    out += ATTR_CHAR.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
