import { describe, expect, it } from "vitest";

import {
  asciiFallback,
  contentDisposition,
  encodeExtValue,
} from "../../src/commands/content-disposition.ts";

describe("contentDisposition", () => {
  it("carries a non-ASCII name in filename* with an ASCII fallback", () => {
    expect(contentDisposition("Offerte Müller – 2026.docx")).toBe(
      "attachment; filename=\"Offerte Muller _ 2026.docx\"; filename*=UTF-8''Offerte%20M%C3%BCller%20%E2%80%93%202026.docx",
    );
  });

  it("sends a plain ASCII name once", () => {
    expect(contentDisposition("Offer 1234.docx")).toBe('attachment; filename="Offer 1234.docx"');
  });

  it("keeps quotes, backslashes and percent signs out of the quoted fallback", () => {
    const header = contentDisposition('a"b\\c%41.xml');

    expect(header).toBe(
      "attachment; filename=\"a_b_c_41.xml\"; filename*=UTF-8''a%22b%5Cc%2541.xml",
    );
  });
});

describe("encodeExtValue", () => {
  it("encodes every character outside RFC 8187 attr-char", () => {
    expect(encodeExtValue("a'b(c)*d!e~f")).toBe("a%27b%28c%29%2Ad!e~f");
  });

  it("encodes characters outside the BMP as their four UTF-8 bytes", () => {
    expect(encodeExtValue("😀")).toBe("%F0%9F%98%80");
  });
});

describe("asciiFallback", () => {
  it("drops accents and replaces what has no ASCII form", () => {
    expect(asciiFallback("Ærø Café 東京.pdf")).toBe("_r_ Cafe __.pdf");
  });
});
