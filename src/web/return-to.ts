/**
 * Where to go after sign-in. Only a relative path inside the web app is accepted, so the
 * sign-in page cannot be used to send a person to another site (open redirect).
 */

export const WEB_ROOT = "/app/web";
export const DEFAULT_RETURN_TO = `${WEB_ROOT}/`;

export function safeReturnTo(candidate: string | null | undefined): string {
  if (!candidate?.startsWith(`${WEB_ROOT}/`)) return DEFAULT_RETURN_TO;
  // Backslashes and control characters are read as "/" or dropped by some browsers.
  if (hasUnsafeCharacter(candidate)) return DEFAULT_RETURN_TO;

  const base = "https://return-to.invalid";
  let url: URL;
  try {
    url = new URL(candidate, base);
  } catch {
    return DEFAULT_RETURN_TO;
  }
  if (url.origin !== base || !url.pathname.startsWith(`${WEB_ROOT}/`)) return DEFAULT_RETURN_TO;
  return `${url.pathname}${url.search}`;
}

function hasUnsafeCharacter(text: string): boolean {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === "\\" || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
