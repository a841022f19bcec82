/**
 * Response headers for every web-app page: a strict Content-Security-Policy with no inline
 * script or style at all (both come from same-origin asset routes), no MIME sniffing, no
 * referrer beyond our origin, no caching of pages that carry personal data, and no framing
 * unless the session's data source names the sites that may embed it.
 */
import { createMiddleware } from "hono/factory";

import type { WebEnv } from "./web-env.ts";

export function contentSecurityPolicy(frameAncestors: readonly string[]): string {
  const ancestors = frameAncestors.length > 0 ? frameAncestors.join(" ") : "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors ${ancestors}`,
  ].join("; ");
}

export const securityHeaders = createMiddleware<WebEnv>(async (c, next) => {
  await next();

  // SAFETY: middleware order means routes that never resolved a data source leave it unset.
  const vars = c.var as Partial<WebEnv["Variables"]>;
  const ancestors = vars.frameAncestors ?? [];
  c.res.headers.set("content-security-policy", contentSecurityPolicy(ancestors));
  if (ancestors.length === 0) c.res.headers.set("x-frame-options", "DENY");
  c.res.headers.set("x-content-type-options", "nosniff");
  c.res.headers.set("referrer-policy", "same-origin");
  c.res.headers.set("cross-origin-opener-policy", "same-origin");
  if (!c.res.headers.has("cache-control")) c.res.headers.set("cache-control", "no-store");
});
