/**
 * Sign-in with a user name and password from configuration, and sign-out. The sign-in form
 * is CSRF-protected too (against login CSRF), with a token bound to a short-lived random
 * cookie since no sign-in exists yet. Sign-in at an OpenID Connect provider is in
 * oidc-sign-in-routes.tsx and ends in the same cookie (signInAs).
 */
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";

import { runtimeOf } from "../config/runtime.ts";
import { verifySecret } from "../identity/secret-hash.ts";
import { MessagePage } from "./pages/layout.tsx";
import { SignInPage } from "./pages/signin-page.tsx";
import { MESSAGES } from "./messages.ts";
import { safeReturnTo } from "./return-to.ts";
import { signInGuard } from "./sign-in-guard-object.ts";
import {
  issueUserToken,
  sessionCookie,
  SIGN_IN_TTL_SECONDS,
  type WebUser,
} from "./user-session.ts";
import {
  csrfFor,
  csrfValid,
  formOf,
  frameOf,
  requireUser,
  type WebContext,
} from "./web-context.ts";
import type { WebEnv } from "./web-env.ts";

const PRE_COOKIE = "connect-web-signin";
const PRE_COOKIE_SECONDS = 60 * 60;
/** Checked when the user name is unknown, so both failures take the same time. */
const DUMMY_HASH =
  "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

export const signInRoutes = new Hono<WebEnv>();

signInRoutes.get("/app/web/signin", async (c) => {
  return renderSignIn(c, { returnTo: safeReturnTo(c.req.query("returnTo")) }, 200);
});

signInRoutes.post("/app/web/signin", async (c) => {
  const form = await formOf(c);
  const returnTo = safeReturnTo(form.returnTo);
  const pre = getCookie(c, PRE_COOKIE) ?? "";
  if (!pre || !(await csrfValid(c, pre, "signin", form.csrf))) {
    return renderSignIn(c, { returnTo }, 403);
  }

  const name = (form.username ?? "").trim();
  const guard = signInGuard(c.env, name);
  const before = await guard.check();
  if (before.lockedUntil !== null) return lockedOut(c, returnTo, name, before.lockedUntil);

  const runtime = runtimeOf(c.env);
  const user = runtime.config.users.find((u) => u.name === name);
  const passwordOk = await verifySecret(form.password ?? "", user?.passwordHash ?? DUMMY_HASH);
  if (!user || !passwordOk) {
    const after = await guard.recordFailure();
    if (after.lockedUntil !== null) return lockedOut(c, returnTo, name, after.lockedUntil);
    return renderSignIn(c, { returnTo, userName: name, failed: true }, 401);
  }
  if (before.counting) await guard.recordSuccess();

  await signInAs(c, {
    name: user.name,
    displayName: user.displayName ?? user.name,
    dataSources: user.dataSources,
  });
  deleteCookie(c, PRE_COOKIE, { path: "/app/web/signin" });
  return c.redirect(returnTo, 303);
});

signInRoutes.post("/app/web/signout", requireUser, async (c) => {
  const form = await formOf(c);
  if (!(await csrfValid(c, c.var.user.jti, "signout", form.csrf))) {
    const m = MESSAGES[c.var.ui];
    const frame = await frameOf(c, "/app/web/");
    return c.html(
      <MessagePage frame={frame} title={m.expiredFormTitle} text={m.expiredFormText} />,
      403,
    );
  }
  const cookie = sessionCookie(runtimeOf(c.env).development);
  deleteCookie(c, cookie.name, cookie.options);
  return c.redirect("/app/web/signin", 303);
});

/** The sign-in form again, saying that this name is locked and for how long (429). */
async function lockedOut(
  c: WebContext,
  returnTo: string,
  userName: string,
  until: number,
): Promise<Response> {
  const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
  const notice = MESSAGES[c.var.ui].signInLocked(Math.ceil(seconds / 60));
  c.header("retry-after", String(seconds));
  return renderSignIn(c, { returnTo, userName, notice }, 429);
}

/** Sets the sign-in cookie for this person; every way of signing in ends here. */
export async function signInAs(c: WebContext, user: Omit<WebUser, "jti">): Promise<void> {
  const token = await issueUserToken(c.env.SIGNING_KEY, user, Math.floor(Date.now() / 1000));
  const cookie = sessionCookie(runtimeOf(c.env).development);
  setCookie(c, cookie.name, token, { ...cookie.options, maxAge: SIGN_IN_TTL_SECONDS });
}

export interface SignInView {
  returnTo: string;
  userName?: string;
  /** The user name or password was wrong. */
  failed?: boolean;
  /** Why a sign-in at the OpenID Connect provider did not succeed, already translated. */
  notice?: string;
}

export async function renderSignIn(
  c: WebContext,
  view: SignInView,
  status: ContentfulStatusCode,
): Promise<Response> {
  const { returnTo } = view;
  let pre = getCookie(c, PRE_COOKIE);
  if (!pre) {
    pre = crypto.randomUUID();
    setCookie(c, PRE_COOKIE, pre, {
      path: "/app/web/signin",
      httpOnly: true,
      sameSite: "Strict",
      secure: !runtimeOf(c.env).development,
      maxAge: PRE_COOKIE_SECONDS,
    });
  }
  const query = `?returnTo=${encodeURIComponent(returnTo)}`;
  const oidc = runtimeOf(c.env).config.webSignIn?.oidc;
  return c.html(
    <SignInPage
      frame={{ ui: c.var.ui, here: `/app/web/signin${query}`, signedIn: null }}
      returnTo={returnTo}
      csrf={await csrfFor(c, pre, "signin")}
      userName={view.userName ?? ""}
      failed={view.failed ?? false}
      notice={view.notice ?? null}
      oidc={oidc ? { displayName: oidc.displayName, href: `/app/web/signin/oidc${query}` } : null}
    />,
    status,
  );
}
