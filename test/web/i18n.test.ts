import { describe, expect, it } from "vitest";

import { chooseUiLanguage, fromAcceptLanguage } from "../../src/web/i18n.ts";
import { MESSAGES } from "../../src/web/messages.ts";

describe("chooseUiLanguage", () => {
  it("prefers the explicit switch, then the cookie, then Accept-Language", () => {
    const header = "fr-CH, fr;q=0.9";

    expect(chooseUiLanguage({ query: "it", cookie: "de", acceptLanguage: header })).toBe("it");
    expect(chooseUiLanguage({ query: null, cookie: "de", acceptLanguage: header })).toBe("de");
    expect(chooseUiLanguage({ query: null, cookie: null, acceptLanguage: header })).toBe("fr");
  });

  it("ignores unknown switch values and falls back to English", () => {
    expect(chooseUiLanguage({ query: "xx", cookie: "es", acceptLanguage: "es-ES" })).toBe("en");
  });
});

describe("fromAcceptLanguage", () => {
  it("orders by quality and maps regional tags to their language", () => {
    expect(fromAcceptLanguage("en;q=0.5, de-CH;q=0.8, es")).toBe("de");
  });

  it("skips ranges with quality zero", () => {
    expect(fromAcceptLanguage("de;q=0, it;q=0.1")).toBe("it");
  });
});

describe("MESSAGES", () => {
  it("has every text in all four languages", () => {
    const keys = Object.keys(MESSAGES.en).sort();
    for (const table of Object.values(MESSAGES)) {
      expect(Object.keys(table).sort()).toEqual(keys);
      for (const key of keys) {
        const text: unknown = table[key as keyof typeof table];
        expect(typeof text === "string" ? text.trim() : typeof text).not.toBe("");
      }
    }
  });
});
