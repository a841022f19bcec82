/**
 * Path normalisation for the session API (spec §3): static segments match in any case, ids
 * are GUIDs in any case, and `/webapi` is an alias of the root. Routing sees one canonical
 * lower-case path; only a session template's name and an initializer file's name (which may
 * hold folders) keep the case they were sent in. A trailing slash names the same resource.
 */

const API_PATH = /^\/(?:webapi\/)?api\/v3\//i;

export function canonicalPath(pathname: string): string {
  if (!API_PATH.test(pathname)) return pathname;

  const segments = pathname
    .replace(/^\/webapi/i, "")
    .replace(/\/+$/, "")
    .split("/");
  const templateAt = segments.findIndex((s, i) => i >= 6 && s.toLowerCase() === "template");
  // ["", "api", "v3", "{ds}", "admin", "initializerfiles", name segments…]
  const filesAt =
    segments[4]?.toLowerCase() === "admin" && segments[5]?.toLowerCase() === "initializerfiles"
      ? 5
      : -1;
  return segments
    .map((s, i) =>
      (templateAt !== -1 && i === templateAt + 1) || (filesAt !== -1 && i > filesAt)
        ? s
        : s.toLowerCase(),
    )
    .join("/");
}
