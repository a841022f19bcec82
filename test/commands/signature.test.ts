import { describe, expect, it } from "vitest";

import {
  EXECUTION_ID_HEADER,
  SESSION_ID_HEADER,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  signInvokeUrlRequest,
  verifyInvokeUrlSignature,
} from "../../src/commands/signature.ts";

const SECRET = "test-invoke-url-signing-secret";
const BODY = new TextEncoder().encode('{"hello":"wörld"}');
const SENT_AT = 1_780_000_000;
const AT_SEND = new Date(SENT_AT * 1000);
const SESSION_ID = "4a6f1c2e-8d3b-4e5f-9a7c-1b2d3e4f5a6b";
const EXECUTION_ID = "9c8b7a6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const FIELDS = { timestamp: SENT_AT, sessionId: SESSION_ID, executionId: EXECUTION_ID };

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

/** The headers of a request signed with `signature`; `changes` replaces or (null) drops some. */
function headersOf(signature: string, changes: Record<string, string | null> = {}): Headers {
  const headers = new Headers({
    [TIMESTAMP_HEADER]: String(SENT_AT),
    [SESSION_ID_HEADER]: SESSION_ID,
    [EXECUTION_ID_HEADER]: EXECUTION_ID,
    [SIGNATURE_HEADER]: signature,
  });
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) headers.delete(name);
    else headers.set(name, value);
  }
  return headers;
}

describe("signInvokeUrlRequest", () => {
  it("is v1= and the hex HMAC-SHA-256 of '<timestamp>.<session>.<execution>.' then the body", async () => {
    const prefix = new TextEncoder().encode(`${SENT_AT}.${SESSION_ID}.${EXECUTION_ID}.`);
    const message = new Uint8Array([...prefix, ...BODY]);

    expect(await signInvokeUrlRequest(SECRET, FIELDS, BODY)).toBe(
      `v1=${await hmacHex(SECRET, message)}`,
    );
  });

  it("gives the worked example of docs/commands.md", async () => {
    const fields = { ...FIELDS, timestamp: 1_780_000_000 };
    const body = new TextEncoder().encode('{"invoice":"1234"}');

    expect(await signInvokeUrlRequest("example-invoke-url-secret", fields, body)).toBe(
      "v1=a1b78272d33495169b5d08ff3a32202dfe00891a6583e8ca73ab7274721387ed",
    );
  });

  it("refuses to sign an id holding the field separator", async () => {
    await expect(
      signInvokeUrlRequest(SECRET, { ...FIELDS, executionId: "a.b" }, BODY),
    ).rejects.toThrow();
  });
});

describe("verifyInvokeUrlSignature", () => {
  it("accepts the signature of the request as sent", async () => {
    const signature = await signInvokeUrlRequest(SECRET, FIELDS, BODY);

    expect(
      await verifyInvokeUrlSignature(SECRET, headersOf(signature), BODY, AT_SEND, 300),
    ).toEqual({ ok: true });
  });

  it("refuses a changed body, another secret or another timestamp", async () => {
    const signature = await signInvokeUrlRequest(SECRET, FIELDS, BODY);
    const headers = headersOf(signature);
    const changed = new Uint8Array([...BODY, 0x20]);
    const mismatch = { ok: false, reason: "mismatch" };

    expect(await verifyInvokeUrlSignature(SECRET, headers, changed, AT_SEND, 300)).toEqual(
      mismatch,
    );
    expect(
      await verifyInvokeUrlSignature("another-secret-value", headers, BODY, AT_SEND, 300),
    ).toEqual(mismatch);
    expect(
      await verifyInvokeUrlSignature(
        SECRET,
        headersOf(signature, { [TIMESTAMP_HEADER]: String(SENT_AT + 1) }),
        BODY,
        AT_SEND,
        300,
      ),
    ).toEqual(mismatch);
  });

  it("refuses a changed execution id or session id (a replay under a fresh id)", async () => {
    const signature = await signInvokeUrlRequest(SECRET, FIELDS, BODY);
    const mismatch = { ok: false, reason: "mismatch" };
    const otherId = "0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a";

    expect(
      await verifyInvokeUrlSignature(
        SECRET,
        headersOf(signature, { [EXECUTION_ID_HEADER]: otherId }),
        BODY,
        AT_SEND,
      ),
    ).toEqual(mismatch);
    expect(
      await verifyInvokeUrlSignature(
        SECRET,
        headersOf(signature, { [SESSION_ID_HEADER]: otherId }),
        BODY,
        AT_SEND,
      ),
    ).toEqual(mismatch);
    expect(
      await verifyInvokeUrlSignature(
        SECRET,
        headersOf(signature, {
          [SESSION_ID_HEADER]: EXECUTION_ID,
          [EXECUTION_ID_HEADER]: SESSION_ID,
        }),
        BODY,
        AT_SEND,
      ),
    ).toEqual(mismatch);
  });

  it("refuses a timestamp outside the tolerance, in either direction", async () => {
    const headers = headersOf(await signInvokeUrlRequest(SECRET, FIELDS, BODY));
    const later = new Date((SENT_AT + 301) * 1000);
    const earlier = new Date((SENT_AT - 301) * 1000);

    expect(await verifyInvokeUrlSignature(SECRET, headers, BODY, later, 300)).toEqual({
      ok: false,
      reason: "stale",
    });
    expect(await verifyInvokeUrlSignature(SECRET, headers, BODY, earlier, 300)).toMatchObject({
      reason: "stale",
    });
  });

  it("refuses missing or unreadable headers", async () => {
    const signature = await signInvokeUrlRequest(SECRET, FIELDS, BODY);
    const malformed = { ok: false, reason: "malformed" };
    const check = (changes: Record<string, string | null>) =>
      verifyInvokeUrlSignature(SECRET, headersOf(signature, changes), BODY, AT_SEND);

    expect(await check({ [TIMESTAMP_HEADER]: null })).toEqual(malformed);
    expect(await check({ [SIGNATURE_HEADER]: null })).toEqual(malformed);
    expect(await check({ [SESSION_ID_HEADER]: null })).toEqual(malformed);
    expect(await check({ [EXECUTION_ID_HEADER]: null })).toEqual(malformed);
    expect(await check({ [EXECUTION_ID_HEADER]: "" })).toEqual(malformed);
    expect(await check({ [EXECUTION_ID_HEADER]: `${EXECUTION_ID}.x` })).toEqual(malformed);
    expect(await check({ [TIMESTAMP_HEADER]: "12.5" })).toEqual(malformed);
    expect(await check({ [SIGNATURE_HEADER]: "v1=abc" })).toEqual(malformed);
    expect(await check({ [SIGNATURE_HEADER]: signature.replace("v1", "v0") })).toEqual(malformed);
  });

  it("signs and accepts an empty session id, as a session template's OnError sends", async () => {
    const fields = { ...FIELDS, sessionId: "" };
    const signature = await signInvokeUrlRequest(SECRET, fields, BODY);

    const headers = headersOf(signature, { [SESSION_ID_HEADER]: "" });

    expect(await verifyInvokeUrlSignature(SECRET, headers, BODY, AT_SEND)).toEqual({ ok: true });
    expect(signature).not.toBe(await signInvokeUrlRequest(SECRET, FIELDS, BODY));
  });

  it("refuses a request that carries an id header twice", async () => {
    const signature = await signInvokeUrlRequest(SECRET, FIELDS, BODY);
    const headers = headersOf(signature);
    headers.append(EXECUTION_ID_HEADER, "0d1e2f3a-4b5c-4d6e-8f7a-8b9c0d1e2f3a");

    expect(await verifyInvokeUrlSignature(SECRET, headers, BODY, AT_SEND)).toEqual({
      ok: false,
      reason: "malformed",
    });
  });

  it("accepts a list where one v1 entry matches, for secret rotation", async () => {
    const current = await signInvokeUrlRequest(SECRET, FIELDS, BODY);
    const previous = await signInvokeUrlRequest("the-previous-secret", FIELDS, BODY);

    expect(
      await verifyInvokeUrlSignature(SECRET, headersOf(`${previous}, ${current}`), BODY, AT_SEND),
    ).toEqual({ ok: true });
  });
});
