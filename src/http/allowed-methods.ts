/**
 * Which methods a path answers to, read from the app's routes, so a known path called with
 * another method gets `405` and `Allow` (RFC 9110 §15.5.6) instead of a misleading `404`.
 */

export interface RouteLike {
  readonly method: string;
  readonly path: string;
}

const patterns = new Map<string, RegExp>();

/** Methods of the routes whose pattern matches `path`; middleware (`ALL`) does not count. */
export function allowedMethods(routes: readonly RouteLike[], path: string): string[] {
  const methods = new Set<string>();
  for (const route of routes) {
    if (route.method === "ALL" || !patternOf(route.path).test(path)) continue;
    methods.add(route.method);
    // Hono answers HEAD with the GET handler.
    if (route.method === "GET") methods.add("HEAD");
  }
  return [...methods];
}

/** A route path (`/a/:id/*`) as a regular expression over a canonical path. */
function patternOf(routePath: string): RegExp {
  let pattern = patterns.get(routePath);
  if (pattern === undefined) {
    const source = routePath
      .split("/")
      .map((segment) => {
        if (segment === "*") return ".+";
        if (segment.startsWith(":")) return "[^/]+";
        return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    pattern = new RegExp(`^${source}/?$`);
    patterns.set(routePath, pattern);
  }
  return pattern;
}
