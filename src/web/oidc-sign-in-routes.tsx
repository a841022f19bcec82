/**
 * Sign-in at an external OpenID Connect provider (docs/web-app.md). The start sends the
 * browser to the provider with a fresh state, nonce and PKCE challenge whose secrets stay in
 * a flow cookie; the callback checks and redeems what comes back and signs the person in with
 * the same cookie as the password form. Every failure ends on the sign-in page with a
 * translated message; the exact reason goes to one log line only.
 */
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { ContentfulStatusCode } from "hono/utils/http-status";

import { runtimeOf } from "../config/runtime.ts";
import { MESSAGES, type Messages } from "./messages.ts";
import { finishSignIn, startSignIn, type OidcFailureReason } from "./oidc-client.ts";
import { FLOW_TTL_SECONDS, flowCookie, openFlow, sealFlow } from "./oidc-flow-cookie.ts";
import { DEFAULT_RETURN_TO, safeReturnTo } from "./return-to.ts";
import { renderSignIn, signInAs } from "./sign-in-routes.tsx";
import type { WebContext } from "./web-context.ts";
import type { WebEnv } from "./web-env.ts";

const CALLBACK_PATH = "/app/web/signin/callback";

type FailureReason = OidcFailureReason | "not-configured" | "flow-missing";

interface Failure {
  reason: FailureReason;
  detail: string;
}

export const oidcSignInRoutes = new Hono<WebEnv>();

oidcSignInRoutes.get("/app/web/signin/oidc", async (c) => {
  const runtime = runtimeOf(c.env);
  const config = runtime.config.webSignIn?.oidc;
  const returnTo = safeReturnTo(c.req.query("returnTo"));
  if (!config) return signInFailed(c, returnTo, { reason: "not-configured", detail: "" });

  const started = await startSignIn(config, redirectUriOf(c));
  if (!started.ok) return signInFailed(c, returnTo, started);

  const cookie = flowCookie(runtime.development);
  const now = Math.floor(Date.now() / 1000);
  const sealed = await sealFlow(c.env.SIGNING_KEY, { ...started.value.flow, returnTo }, now);
  setCookie(c, cookie.name, sealed, { ...cookie.options, maxAge: FLOW_TTL_SECONDS });
  return c.redirect(started.value.url.href, 302);
});

oidcSignInRoutes.get(CALLBACK_PATH, async (c) => {
  const runtime = runtimeOf(c.env);
  const config = runtime.config.webSignIn?.oidc;
  const cookie = flowCookie(runtime.development);
  const flow = await openFlow(c.env.SIGNING_KEY, getCookie(c, cookie.name));
  // One flow, one callback: a replayed or second callback finds nothing to finish.
  deleteCookie(c, cookie.name, cookie.options);

  if (!config) return signInFailed(c, DEFAULT_RETURN_TO, { reason: "not-configured", detail: "" });
  if (!flow) {
    const detail = "flow cookie missing, forged or expired";
    return signInFailed(c, DEFAULT_RETURN_TO, { reason: "flow-missing", detail });
  }

  const result = await finishSignIn(config, redirectUriOf(c), new URL(c.req.url), flow);
  if (!result.ok) return signInFailed(c, flow.returnTo, result);

  // A prefix keeps these names apart from configured users (`user:oidc:<sub>` in reports).
  await signInAs(c, {
    name: `oidc:${result.value.sub}`,
    displayName: result.value.displayName,
    dataSources: config.dataSources,
  });
  return c.redirect(flow.returnTo, 303);
});

/** The redirect URI registered at the provider; exact match (RFC 6749 §3.1.2, §4.1.3). */
function redirectUriOf(c: WebContext): string {
  return `${new URL(c.req.url).origin}${CALLBACK_PATH}`;
}

function signInFailed(c: WebContext, returnTo: string, failure: Failure): Promise<Response> {
  console.log(
    JSON.stringify({
      event: "web-oidc-sign-in-failed",
      requestId: c.var.requestId,
      reason: failure.reason,
      detail: failure.detail,
    }),
  );
  const { text, status } = presentation(MESSAGES[c.var.ui], failure.reason);
  return renderSignIn(c, { returnTo, notice: text }, status);
}

/** What the person reads, and the status: their doing, a lost flow, or the provider's. */
function presentation(
  m: Messages,
  reason: FailureReason,
): { text: string; status: ContentfulStatusCode } {
  switch (reason) {
    case "denied":
      return { text: m.oidcDenied, status: 401 };
    case "bad-state":
    case "flow-missing":
      return { text: m.oidcExpired, status: 400 };
    case "id-token-invalid":
      return { text: m.oidcFailed, status: 401 };
    case "not-configured":
      return { text: m.oidcFailed, status: 404 };
    case "discovery-failed":
    case "provider-error":
    case "token-error":
    case "provider-unreachable":
      return { text: m.oidcFailed, status: 502 };
  }
}
