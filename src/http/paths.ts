/**
 * Path normalisation for the session API (spec §3): static segments match in any case, ids
 * are GUIDs in any case, and `/webapi` is an alias of the root. Routing sees one canonical
 * lower-case path; only a session template's name (to start it or in the admin API) and an
 * initializer file's name (which may hold folders) keep the case they were sent in, so an
 * answer that repeats the name shows it as written; stores compare names themselves. A
 * trailing slash names the same resource.
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
  const admin = segments[4]?.toLowerCase() === "admin" ? segments[5]?.toLowerCase() : undefined;
  const filesAt = admin === "initializerfiles" ? 5 : -1;
  // ["", "api", "v3", "{ds}", "admin", "sessiontemplates", name]
  const definitionAt = admin === "sessiontemplates" ? 6 : -1;
  return segments
    .map((s, i) =>
      (templateAt !== -1 && i === templateAt + 1) ||
      (filesAt !== -1 && i > filesAt) ||
      i === definitionAt
        ? s
        : s.toLowerCase(),
    )
    .join("/");
}
