import type { JWTVerifyGetKey } from "jose";
import { describe, expect, it } from "vitest";

import { cachedClaims, rememberClaims } from "../../src/identity/verified-token-cache.ts";

const keysA: JWTVerifyGetKey = () => Promise.reject(new Error("not used"));
const keysB: JWTVerifyGetKey = () => Promise.reject(new Error("not used"));

describe("verified token cache", () => {
  it("returns the claims of a token verified before with the same keys", () => {
    rememberClaims("token-1", keysA, { sub: "a", exp: 1_000 });
    expect(cachedClaims("token-1", keysA, 900, 30)).toEqual({ sub: "a", exp: 1_000 });
  });

  it("forgets a token once it has expired, tolerance included", () => {
    rememberClaims("token-2", keysA, { sub: "a", exp: 1_000 });
    expect(cachedClaims("token-2", keysA, 1_031, 30)).toBeNull();
    expect(cachedClaims("token-2", keysA, 900, 30)).toBeNull();
  });

  it("knows nothing after the keys changed", () => {
    rememberClaims("token-3", keysA, { sub: "a", exp: 1_000 });
    expect(cachedClaims("token-3", keysB, 900, 30)).toBeNull();
    rememberClaims("token-4", keysB, { sub: "b", exp: 1_000 });
    expect(cachedClaims("token-3", keysA, 900, 30)).toBeNull();
  });

  it("never returns a token it was not given", () => {
    expect(cachedClaims("never-seen", keysA, 0, 30)).toBeNull();
  });
});
