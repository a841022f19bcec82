import { describe, expect, it } from "vitest";

import { contentSecurityPolicy } from "../../src/web/security-headers.ts";
import { issueUserToken, readUserToken } from "../../src/web/user-session.ts";

describe("contentSecurityPolicy", () => {
  it("allows no inline code and no framing by default", () => {
    const csp = contentSecurityPolicy([]);

    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it("lets the sites a data source names embed the app", () => {
    expect(contentSecurityPolicy(["https://crm.example"])).toContain(
      "frame-ancestors https://crm.example",
    );
  });
});

describe("sign-in token", () => {
  const user = { name: "demo", displayName: "Demo", dataSources: ["ds"] };

  it("reads back what it was issued with", async () => {
    const token = await issueUserToken("secret", user, Math.floor(Date.now() / 1000));

    expect(await readUserToken("secret", token)).toMatchObject(user);
  });

  it("is refused when expired or signed with another secret", async () => {
    const old = await issueUserToken("secret", user, Math.floor(Date.now() / 1000) - 9 * 3600);
    const other = await issueUserToken("other", user, Math.floor(Date.now() / 1000));

    expect(await readUserToken("secret", old)).toBeNull();
    expect(await readUserToken("secret", other)).toBeNull();
  });
});
