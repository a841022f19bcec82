/**
 * The sign-in cookie: a JWT (HS256, RFC 7519) with the person's name, display name, data
 * sources and expiry, signed with a key derived from `SIGNING_KEY` (web-keys.ts). HttpOnly
 * and SameSite=Lax always; outside development also Secure with the `__Host-` prefix, which
 * browsers only accept with `Path=/` (RFC 6265bis §4.1.3.2), so that case widens the path.
 */
import type { CookieOptions } from "hono/utils/cookie";
import { jwtVerify, SignJWT } from "jose";

import { webKey } from "./web-keys.ts";
import type { Actor } from "../execution/model.ts";

/** How long a sign-in lasts: a working day. */
export const SIGN_IN_TTL_SECONDS = 8 * 60 * 60;
const AUDIENCE = "connect-web-app";
const TOKEN_TYPE = "connect-web-session+jwt";

export interface WebUser {
  /** User name from configuration; executions record it as `user:<name>`. */
  name: string;
  displayName: string;
  /** Data source ids (lower case) the person may use. */
  dataSources: string[];
  /** Token id: CSRF tokens are bound to it, so they die with the sign-in. */
  jti: string;
}

export interface CookieSetting {
  name: string;
  options: CookieOptions;
}

export function sessionCookie(development: boolean): CookieSetting {
  if (development) {
    return {
      name: "connect-web",
      options: { httpOnly: true, sameSite: "Lax", path: "/app/web" },
    };
  }
  return {
    name: "__Host-connect-web",
    options: { httpOnly: true, sameSite: "Lax", path: "/", secure: true },
  };
}

export async function issueUserToken(
  secretText: string,
  user: Omit<WebUser, "jti">,
  nowSeconds: number,
): Promise<string> {
  const key = await webKey(secretText, "session-cookie");
  return new SignJWT({ name: user.displayName, ds: user.dataSources })
    .setProtectedHeader({ alg: "HS256", typ: TOKEN_TYPE })
    .setSubject(user.name)
    .setAudience(AUDIENCE)
    .setIssuer(AUDIENCE)
    .setJti(crypto.randomUUID())
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + SIGN_IN_TTL_SECONDS)
    .sign(key);
}

/** The signed-in person, or null for a missing, forged, expired or foreign token. */
export async function readUserToken(
  secretText: string,
  token: string | undefined,
): Promise<WebUser | null> {
  if (!token) return null;
  const key = await webKey(secretText, "session-cookie");
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      audience: AUDIENCE,
      issuer: AUDIENCE,
      typ: TOKEN_TYPE,
    });
    const { sub, jti, name, ds } = payload;
    if (typeof sub !== "string" || typeof jti !== "string") return null;
    if (!Array.isArray(ds) || !ds.every((d): d is string => typeof d === "string")) return null;
    return {
      name: sub,
      displayName: typeof name === "string" ? name : sub,
      dataSources: ds,
      jti,
    };
  } catch {
    return null;
  }
}

/** Who a web-app execution or session start runs as: `user:<name>` (spec §4). */
export function webActor(user: WebUser): Actor {
  return { clientId: `user:${user.name}`, subject: user.name, displayName: user.displayName };
}
