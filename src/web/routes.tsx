/**
 * The web app behind the session link (docs/web-app.md): sign-in, the connect page with its
 * picker and form, Generate, Cancel, the result and the download. Server-rendered with Hono
 * JSX; this module only mounts the parts and the middleware every page shares.
 */
import { Hono } from "hono";

import { ICON_SVG, SCRIPT, STYLESHEET } from "./assets.ts";
import { connectRoutes } from "./connect-routes.tsx";
import { MESSAGES } from "./messages.ts";
import { oidcSignInRoutes } from "./oidc-sign-in-routes.tsx";
import { MessagePage } from "./pages/layout.tsx";
import { resultRoutes } from "./result-routes.tsx";
import { securityHeaders } from "./security-headers.ts";
import { sessionTemplateRoutes } from "./session-template-routes.tsx";
import { signInRoutes } from "./sign-in-routes.tsx";
import { MAX_FORM_BYTES, frameOf, requireUser, uiLanguage } from "./web-context.ts";
import type { WebEnv } from "./web-env.ts";

export const webApp = new Hono<WebEnv>();

webApp.use("/app/web/*", securityHeaders, uiLanguage);

// A form post larger than any form needs is answered with a page that says so, before the
// route reads it (browsers send Content-Length for forms). Without the header the route's
// bounded read still refuses it, as a form without fields.
webApp.post("/app/web/*", async (c, next) => {
  const length = Number(c.req.header("content-length") ?? "0");
  if (!(length > MAX_FORM_BYTES)) {
    await next();
    return;
  }
  const m = MESSAGES[c.var.ui];
  const frame = { ui: c.var.ui, here: "/app/web/", signedIn: null };
  return c.html(
    <MessagePage frame={frame} title={m.formTooLargeTitle} text={m.formTooLargeText} />,
    413,
  );
});
webApp.get("/app/web/assets/app.css", (c) =>
  c.body(STYLESHEET, 200, {
    "content-type": "text/css; charset=utf-8",
    "cache-control": "public, max-age=300",
  }),
);
webApp.get("/app/web/assets/app.js", (c) =>
  c.body(SCRIPT, 200, {
    "content-type": "text/javascript; charset=utf-8",
    "cache-control": "public, max-age=300",
  }),
);
webApp.get("/app/web/assets/icon.svg", (c) =>
  c.body(ICON_SVG, 200, {
    "content-type": "image/svg+xml",
    "cache-control": "public, max-age=86400",
  }),
);
// Pages name the SVG icon; a browser or tool that asks for /favicon.ico anyway gets an empty
// answer instead of the API's 404 problem, and is told not to ask again for a day.
webApp.get("/favicon.ico", (c) => c.body(null, 204, { "cache-control": "public, max-age=86400" }));

webApp.route("/", signInRoutes);
webApp.route("/", oidcSignInRoutes);
webApp.route("/", connectRoutes);
webApp.route("/", resultRoutes);
webApp.route("/", sessionTemplateRoutes);

webApp.get("/app/web", (c) => c.redirect("/app/web/", 301));
webApp.get("/app/web/", requireUser, async (c) => {
  const m = MESSAGES[c.var.ui];
  const frame = await frameOf(c, "/app/web/");
  return c.html(<MessagePage frame={frame} title={m.appTitle} text={m.homeText} />);
});

// The API's JSON 404 is no page for a person.
webApp.all("/app/web/*", (c) => {
  const m = MESSAGES[c.var.ui];
  return c.html(
    <MessagePage
      frame={{ ui: c.var.ui, here: "/app/web/", signedIn: null }}
      title={m.notFoundTitle}
      text={m.notFoundText}
    />,
    404,
  );
});
