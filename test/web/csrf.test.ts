import { describe, expect, it } from "vitest";

import { csrfToken, isSameOrigin, verifyCsrfToken } from "../../src/web/csrf.ts";
import { safeReturnTo } from "../../src/web/return-to.ts";
import { webKey } from "../../src/web/web-keys.ts";

describe("CSRF tokens", () => {
  it("verify for the same sign-in and purpose only", async () => {
    const key = await webKey("secret text", "csrf");
    const token = await csrfToken(key, "jti-1", "generate:s1");

    expect(await verifyCsrfToken(key, "jti-1", "generate:s1", token)).toBe(true);
    expect(await verifyCsrfToken(key, "jti-2", "generate:s1", token)).toBe(false);
    expect(await verifyCsrfToken(key, "jti-1", "cancel:s1", token)).toBe(false);
    expect(await verifyCsrfToken(key, "jti-1", "generate:s1", "!!not base64!!")).toBe(false);
  });

  it("differ between keys derived from different secrets", async () => {
    const a = await csrfToken(await webKey("one", "csrf"), "j", "p");
    const b = await csrfToken(await webKey("two", "csrf"), "j", "p");

    expect(a).not.toBe(b);
  });
});

describe("isSameOrigin", () => {
  const url = "https://connect.test/app/web/connect/generate";

  it("accepts our own origin and refuses others", () => {
    expect(isSameOrigin(url, "https://connect.test", null)).toBe(true);
    expect(isSameOrigin(url, "https://evil.test", "same-origin")).toBe(false);
    expect(isSameOrigin(url, "null", null)).toBe(false);
  });

  it("falls back to Sec-Fetch-Site when Origin is absent", () => {
    expect(isSameOrigin(url, null, "cross-site")).toBe(false);
    expect(isSameOrigin(url, null, "same-origin")).toBe(true);
  });
});

describe("safeReturnTo", () => {
  it("keeps relative paths inside the web app", () => {
    expect(safeReturnTo("/app/web/connect?sessionId=1")).toBe("/app/web/connect?sessionId=1");
  });

  it("refuses other sites, other paths and tricks", () => {
    for (const target of [
      "https://evil.test/app/web/",
      "//evil.test/app/web/",
      "/app/web/../../api/v3",
      "/app/web/\\evil.test",
      "/app/webby",
      null,
    ]) {
      expect(safeReturnTo(target)).toBe("/app/web/");
    }
  });
});
