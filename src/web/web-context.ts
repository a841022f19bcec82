/**
 * What every web route needs from the request: the UI language, the signed-in person (or a
 * redirect to sign-in), CSRF tokens for the forms it renders and the check of posted ones.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";

import { runtimeOf } from "../config/runtime.ts";
import { csrfToken, isSameOrigin, verifyCsrfToken } from "./csrf.ts";
import { chooseUiLanguage, isUiLanguage } from "./i18n.ts";
import type { PageFrame } from "./pages/layout.tsx";
import { safeReturnTo } from "./return-to.ts";
import { readUserToken, sessionCookie } from "./user-session.ts";
import { webKey } from "./web-keys.ts";
import type { WebEnv } from "./web-env.ts";
import { readBoundedBytes } from "../http/body.ts";

export type WebContext = Context<WebEnv>;

const LANG_COOKIE = "connect-web-lang";
const ONE_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Picks the UI language; an explicit `?lang=` is remembered in a cookie. */
export const uiLanguage = createMiddleware<WebEnv>(async (c, next) => {
  // `?lang=DE` is as good a switch as `?lang=de`.
  const query = c.req.query("lang")?.toLowerCase() ?? null;
  const ui = chooseUiLanguage({
    query,
    cookie: getCookie(c, LANG_COOKIE) ?? null,
    acceptLanguage: c.req.header("accept-language") ?? null,
  });
  c.set("ui", ui);
  if (isUiLanguage(query)) {
    setCookie(c, LANG_COOKIE, ui, {
      path: "/app/web",
      sameSite: "Lax",
      httpOnly: true,
      secure: !runtimeOf(c.env).development,
      maxAge: ONE_YEAR_SECONDS,
    });
  }
  await next();
});

/** Lets only signed-in people through; others go to sign-in and come back afterwards. */
export const requireUser = createMiddleware<WebEnv>(async (c, next) => {
  const cookie = sessionCookie(runtimeOf(c.env).development);
  const user = await readUserToken(c.env.SIGNING_KEY, getCookie(c, cookie.name));
  if (!user) {
    const url = new URL(c.req.url);
    const back = c.req.method === "GET" ? safeReturnTo(`${url.pathname}${url.search}`) : "";
    const query = back ? `?returnTo=${encodeURIComponent(back)}` : "";
    return c.redirect(`/app/web/signin${query}`, 303);
  }
  c.set("user", user);
  await next();
});

export async function csrfFor(c: WebContext, jti: string, purpose: string): Promise<string> {
  return csrfToken(await webKey(c.env.SIGNING_KEY, "csrf"), jti, purpose);
}

export async function csrfValid(
  c: WebContext,
  jti: string,
  purpose: string,
  token: string | undefined,
): Promise<boolean> {
  const origin = c.req.header("origin") ?? null;
  const fetchSite = c.req.header("sec-fetch-site") ?? null;
  if (!isSameOrigin(c.req.url, origin, fetchSite)) return false;
  if (!token) return false;
  return verifyCsrfToken(await webKey(c.env.SIGNING_KEY, "csrf"), jti, purpose, token);
}

/** The page frame for a signed-in person: language links and the sign-out form. */
export async function frameOf(c: WebContext, here: string): Promise<PageFrame> {
  const user = c.var.user;
  return {
    ui: c.var.ui,
    here,
    signedIn: {
      displayName: user.displayName,
      signOutToken: await csrfFor(c, user.jti, "signout"),
    },
  };
}

/** Form fields as plain strings; uploaded files have no place in these forms. */
/** Bytes of a posted web form at most; its fields are a few short values. */
export const MAX_FORM_BYTES = 256 * 1024;

/**
 * The posted form's text fields. A body larger than a form needs, or one that is not a form,
 * gives no fields at all, so the CSRF check refuses it like any forged post.
 */
export async function formOf(c: WebContext): Promise<Record<string, string | undefined>> {
  const body = await readBoundedBytes(c.req.raw, MAX_FORM_BYTES, "a web form");
  if (!body.ok) return {};

  const type = c.req.header("content-type") ?? "";
  let form: FormData;
  try {
    form = await new Response(body.bytes, { headers: { "content-type": type } }).formData();
  } catch {
    return {};
  }
  const fields: Record<string, string | undefined> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string") fields[key] = value;
  }
  return fields;
}
