import { describe, expect, it } from "vitest";

import { signInvokeUrlBody, verifyInvokeUrlSignature } from "../../src/commands/signature.ts";

const SECRET = "test-invoke-url-signing-secret";
const BODY = new TextEncoder().encode('{"hello":"wörld"}');
const SENT_AT = 1_780_000_000;
const AT_SEND = new Date(SENT_AT * 1000);

async function hmacHex(secret: string, message: Uint8Array): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
  return Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
}

describe("signInvokeUrlBody", () => {
  it("is v1= and the hex HMAC-SHA-256 of '<timestamp>.' followed by the body", async () => {
    const prefix = new TextEncoder().encode(`${SENT_AT}.`);
    const message = new Uint8Array([...prefix, ...BODY]);

    expect(await signInvokeUrlBody(SECRET, SENT_AT, BODY)).toBe(
      `v1=${await hmacHex(SECRET, message)}`,
    );
  });
});

describe("verifyInvokeUrlSignature", () => {
  it("accepts the signature of the body as sent", async () => {
    const header = await signInvokeUrlBody(SECRET, SENT_AT, BODY);

    expect(
      await verifyInvokeUrlSignature(SECRET, String(SENT_AT), BODY, header, AT_SEND, 300),
    ).toEqual({
      ok: true,
    });
  });

  it("refuses a changed body, another secret or another timestamp", async () => {
    const header = await signInvokeUrlBody(SECRET, SENT_AT, BODY);
    const changed = new Uint8Array([...BODY, 0x20]);
    const mismatch = { ok: false, reason: "mismatch" };

    expect(
      await verifyInvokeUrlSignature(SECRET, String(SENT_AT), changed, header, AT_SEND, 300),
    ).toEqual(mismatch);
    expect(
      await verifyInvokeUrlSignature(
        "another-secret-value",
        String(SENT_AT),
        BODY,
        header,
        AT_SEND,
        300,
      ),
    ).toEqual(mismatch);
    expect(
      await verifyInvokeUrlSignature(SECRET, String(SENT_AT + 1), BODY, header, AT_SEND, 300),
    ).toEqual(mismatch);
  });

  it("refuses a timestamp outside the tolerance, in either direction", async () => {
    const header = await signInvokeUrlBody(SECRET, SENT_AT, BODY);
    const later = new Date((SENT_AT + 301) * 1000);
    const earlier = new Date((SENT_AT - 301) * 1000);

    expect(
      await verifyInvokeUrlSignature(SECRET, String(SENT_AT), BODY, header, later, 300),
    ).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(
      await verifyInvokeUrlSignature(SECRET, String(SENT_AT), BODY, header, earlier, 300),
    ).toMatchObject({
      reason: "stale",
    });
  });

  it("refuses missing or unreadable headers", async () => {
    const header = await signInvokeUrlBody(SECRET, SENT_AT, BODY);
    const malformed = { ok: false, reason: "malformed" };

    expect(await verifyInvokeUrlSignature(SECRET, null, BODY, header, AT_SEND)).toEqual(malformed);
    expect(await verifyInvokeUrlSignature(SECRET, String(SENT_AT), BODY, null, AT_SEND)).toEqual(
      malformed,
    );
    expect(await verifyInvokeUrlSignature(SECRET, "12.5", BODY, header, AT_SEND)).toEqual(
      malformed,
    );
    expect(
      await verifyInvokeUrlSignature(SECRET, String(SENT_AT), BODY, "v1=abc", AT_SEND),
    ).toEqual(malformed);
    expect(
      await verifyInvokeUrlSignature(
        SECRET,
        String(SENT_AT),
        BODY,
        header.replace("v1", "v0"),
        AT_SEND,
      ),
    ).toEqual(malformed);
  });

  it("accepts a list where one v1 entry matches, for secret rotation", async () => {
    const current = await signInvokeUrlBody(SECRET, SENT_AT, BODY);
    const previous = await signInvokeUrlBody("the-previous-secret", SENT_AT, BODY);

    expect(
      await verifyInvokeUrlSignature(
        SECRET,
        String(SENT_AT),
        BODY,
        `${previous}, ${current}`,
        AT_SEND,
      ),
    ).toEqual({ ok: true });
  });
});
