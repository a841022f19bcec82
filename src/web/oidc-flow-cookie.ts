/**
 * The short-lived cookie that carries one OpenID Connect sign-in from its start to the
 * callback: state, nonce, PKCE verifier and where to return. A JWT (HS256) with a key of its
 * own derived from `SIGNING_KEY` (web-keys.ts), so it can be neither forged nor mistaken for
 * the sign-in cookie. HttpOnly; SameSite=Lax because the callback arrives as a top-level
 * navigation from the provider's site, which a Strict cookie would not accompany.
 */
import type { CookieOptions } from "hono/utils/cookie";
import { jwtVerify, SignJWT } from "jose";

import type { OidcFlow } from "./oidc-client.ts";
import { safeReturnTo } from "./return-to.ts";
import { webKey } from "./web-keys.ts";

/** Ten minutes to sign in at the provider; a flow left longer starts again. */
export const FLOW_TTL_SECONDS = 10 * 60;
const AUDIENCE = "connect-web-oidc-flow";
const TOKEN_TYPE = "connect-web-oidc-flow+jwt";

export interface StoredFlow extends OidcFlow {
  returnTo: string;
}

export interface FlowCookie {
  name: string;
  options: CookieOptions;
}

/** Only the sign-in paths see it: the start sets it, the callback reads and deletes it. */
export function flowCookie(development: boolean): FlowCookie {
  return {
    name: "connect-web-oidc",
    options: { httpOnly: true, sameSite: "Lax", path: "/app/web/signin", secure: !development },
  };
}

export async function sealFlow(
  secretText: string,
  flow: StoredFlow,
  nowSeconds: number,
): Promise<string> {
  const key = await webKey(secretText, "oidc-flow");
  return new SignJWT({ st: flow.state, no: flow.nonce, cv: flow.verifier, rt: flow.returnTo })
    .setProtectedHeader({ alg: "HS256", typ: TOKEN_TYPE })
    .setAudience(AUDIENCE)
    .setIssuer(AUDIENCE)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + FLOW_TTL_SECONDS)
    .sign(key);
}

/** The flow, or null for a missing, forged or expired cookie. */
export async function openFlow(
  secretText: string,
  token: string | undefined,
): Promise<StoredFlow | null> {
  if (!token) return null;
  const key = await webKey(secretText, "oidc-flow");
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      audience: AUDIENCE,
      issuer: AUDIENCE,
      typ: TOKEN_TYPE,
    });
    const { st, no, cv, rt } = payload;
    if (typeof st !== "string" || typeof no !== "string" || typeof cv !== "string") return null;
    return {
      state: st,
      nonce: no,
      verifier: cv,
      returnTo: safeReturnTo(typeof rt === "string" ? rt : null),
    };
  } catch {
    return null;
  }
}
