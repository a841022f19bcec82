import { describe, expect, it } from "vitest";

import { literalTargetRefusal } from "../../src/commands/invoke-target.ts";
import {
  EXECUTION_ID_HEADER,
  SESSION_ID_HEADER,
  invokeUrl,
  type InvokeUrlCommand,
  type InvokeUrlContext,
} from "../../src/commands/invoke-url.ts";
import {
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyInvokeUrlSignature,
} from "../../src/commands/signature.ts";
import type { ProducedFile } from "../../src/execution/model.ts";
import { sessionValues, text } from "./values.ts";

const SECRET = "test-invoke-url-signing-secret";
const NOW = new Date(Date.UTC(2026, 4, 1, 12, 0, 0));
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const FILE: ProducedFile = {
  name: "Offerte Müller.docx",
  contentType: DOCX,
  bytes: new TextEncoder().encode("PK document bytes"),
};
const values = sessionValues(
  { Source: text("crm") },
  { CaseId: text("A/17 ü"), Bad: text("x\r\ny") },
);

interface Sent {
  url: string;
  request: Request;
  body: Uint8Array;
}

/** A fetch that records what it was asked and answers with `answer`. */
function recorder(answer: () => Response = () => new Response("ok", { status: 201 })) {
  const sent: Sent[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    sent.push({ url: request.url, request, body: new Uint8Array(await request.arrayBuffer()) });
    return answer();
  };
  return { sent, fetcher };
}

function command(url: string, extra: Partial<InvokeUrlCommand> = {}): InvokeUrlCommand {
  return {
    type: "InvokeUrl",
    url,
    method: "POST",
    headers: [],
    target: { kind: "document", conversion: null },
    fieldBindings: {},
    ...extra,
  };
}

function context(fetcher: typeof fetch, extra: Partial<InvokeUrlContext> = {}): InvokeUrlContext {
  return {
    allowedHosts: ["receiver.example"],
    secret: SECRET,
    development: false,
    fetcher,
    sessionId: "session-1",
    executionId: "execution-1",
    now: () => NOW,
    ...extra,
  };
}

describe("invokeUrl: a request to an allowed host", () => {
  it("sends the file, signed, with ids, filled headers and an encoded URL", async () => {
    const { sent, fetcher } = recorder();
    const headers = [{ name: "X-Source", value: "{Forms.Source}" }];

    const outcome = await invokeUrl(
      command("https://Receiver.Example/api/docs/{Data.CaseId}", { method: "PUT", headers }),
      FILE,
      values,
      context(fetcher),
    );

    expect(outcome).toMatchObject({
      status: "Success",
      message: "Sent to receiver.example: HTTP 201.",
    });
    const [first] = sent;
    expect(first?.url).toBe("https://receiver.example/api/docs/A%2F17%20%C3%BC");
    expect(first?.request.method).toBe("PUT");
    expect(first?.request.redirect).toBe("manual");
    expect(first?.body).toEqual(FILE.bytes);
    const got = first?.request.headers ?? new Headers();
    expect(got.get("Content-Type")).toBe(DOCX);
    expect(got.get("Content-Disposition")).toContain("filename*=UTF-8''Offerte%20M%C3%BCller.docx");
    expect(got.get("X-Source")).toBe("crm");
    expect(got.get(EXECUTION_ID_HEADER)).toBe("execution-1");
    expect(got.get(SESSION_ID_HEADER)).toBe("session-1");
    expect(got.get(TIMESTAMP_HEADER)).toBe(String(NOW.getTime() / 1000));

    expect(got.get(SIGNATURE_HEADER)).toMatch(/^v1=[0-9a-f]{64}$/);

    const check = await verifyInvokeUrlSignature(
      SECRET,
      got,
      first?.body ?? new Uint8Array(),
      NOW,
      300,
    );
    expect(check).toEqual({ ok: true });
  });

  it("takes the whole URL from a field-Url binding", async () => {
    const { sent, fetcher } = recorder();
    const bound = sessionValues({}, { Target: text("https://receiver.example/in?a=1&b=2") });

    await invokeUrl(
      command("", { fieldBindings: { Url: "Data.Target" } }),
      FILE,
      bound,
      context(fetcher),
    );

    expect(sent[0]?.url).toBe("https://receiver.example/in?a=1&b=2");
  });
});

describe("invokeUrl: refused targets", () => {
  async function refused(url: string, extra: Partial<InvokeUrlContext> = {}) {
    const { sent, fetcher } = recorder();
    const outcome = await invokeUrl(command(url), FILE, values, context(fetcher, extra));
    expect(sent).toHaveLength(0);
    expect(outcome.status).toBe("Error");
    return outcome.message;
  }

  it("refuses a host that is not on the allow-list", async () => {
    expect(await refused("https://evil.example/x?token={Data.CaseId}")).toBe(
      "The host evil.example is not on this data source's InvokeUrl allow-list.",
    );
  });

  it("refuses a host that only ends like an allowed one", async () => {
    await refused("https://evilreceiver.example/");
    await refused("https://receiver.example.evil.example/");
  });

  it("refuses a URL whose placeholder filled a . or .. path segment, which would climb the path", async () => {
    const dots = (caseId: string) => sessionValues({}, { CaseId: text(caseId) });
    for (const caseId of ["..", "."]) {
      const { sent, fetcher } = recorder();
      const outcome = await invokeUrl(
        command("https://receiver.example/api/cases/{Data.CaseId}/attach"),
        FILE,
        dots(caseId),
        context(fetcher),
      );
      expect(sent).toHaveLength(0);
      expect(outcome.message).toBe(
        "The URL path must not hold . or .. segments (host receiver.example).",
      );
    }
  });

  it("refuses http outside development", async () => {
    expect(await refused("http://receiver.example/")).toContain("must use https");
  });

  it("refuses credentials in the URL", async () => {
    expect(await refused("https://user:pass@receiver.example/")).toContain("user name or password");
  });

  const localTargets = [
    ["127.0.0.1", "https://127.0.0.1/"],
    ["localhost", "https://localhost/"],
    ["a name under localhost", "https://api.localhost./"],
    ["IPv6 loopback", "https://[::1]/"],
    ["a private address", "https://10.0.0.1/"],
    ["CGNAT", "https://100.64.1.1/"],
    ["the metadata address", "https://169.254.169.254/latest/meta-data/"],
    ["a decimal loopback", "https://2130706433/"],
    ["a hex loopback", "https://0x7f.0.0.1/"],
    ["a short hex loopback", "https://0x7f.1/"],
    ["an octal loopback", "https://0177.0.0.1/"],
    ["IPv4-mapped IPv6", "https://[::ffff:127.0.0.1]/"],
    ["unique-local IPv6", "https://[fd00::1]/"],
    ["link-local IPv6", "https://[fe80::1]/"],
  ] as const;

  for (const [what, url] of localTargets) {
    it(`refuses ${what} outside development, even when allow-listed`, async () => {
      const hosts = [new URL(url).hostname, "receiver.example"];

      expect(await refused(url, { allowedHosts: hosts })).toContain("local or private address");
    });
  }

  it("allows local targets and http in development when they are on the list", async () => {
    for (const url of [
      "http://127.0.0.1:8787/in",
      "http://2130706433/",
      "http://0x7f.1/",
      "http://localhost/",
    ]) {
      const { sent, fetcher } = recorder();
      const allowedHosts = ["127.0.0.1", "LOCALHOST"];

      const outcome = await invokeUrl(
        command(url),
        FILE,
        values,
        context(fetcher, { development: true, allowedHosts }),
      );

      expect(outcome.status, url).toBe("Success");
      expect(sent).toHaveLength(1);
    }
  });

  it("still refuses hosts off the list in development", async () => {
    expect(await refused("http://10.0.0.1/", { development: true })).toContain("allow-list");
  });

  it("allows a public IP address that is on the list", async () => {
    const { sent, fetcher } = recorder();
    const ctx = context(fetcher, { allowedHosts: ["203.0.114.7"] });

    const outcome = await invokeUrl(command("https://203.0.114.7/in"), FILE, values, ctx);

    expect(outcome.status).toBe("Success");
    expect(sent).toHaveLength(1);
  });
});

describe("invokeUrl: headers", () => {
  it("refuses framing, body and signature headers", async () => {
    for (const name of [
      "Host",
      "content-length",
      "Transfer-Encoding",
      "X-Connect-Signature",
      "Content-Type",
    ]) {
      const { sent, fetcher } = recorder();
      const headers = [{ name, value: "x" }];

      const outcome = await invokeUrl(
        command("https://receiver.example/", { headers }),
        FILE,
        values,
        context(fetcher),
      );

      expect(outcome).toMatchObject({
        status: "Error",
        message: `The header ${name} cannot be set by a command.`,
      });
      expect(sent).toHaveLength(0);
    }
  });

  it("refuses a header value that a placeholder filled with a line break", async () => {
    const { sent, fetcher } = recorder();
    const headers = [{ name: "X-Case", value: "{Data.Bad}" }];

    const outcome = await invokeUrl(
      command("https://receiver.example/", { headers }),
      FILE,
      values,
      context(fetcher),
    );

    expect(outcome.message).toBe(
      "The value of header X-Case holds characters a header cannot carry.",
    );
    expect(sent).toHaveLength(0);
  });
});

describe("invokeUrl: the signing secret", () => {
  it("refuses to send unsigned outside development", async () => {
    const { sent, fetcher } = recorder();

    const outcome = await invokeUrl(
      command("https://receiver.example/"),
      FILE,
      values,
      context(fetcher, { secret: null }),
    );

    expect(outcome.status).toBe("Error");
    expect(outcome.message).toContain("invokeUrlSecret");
    expect(sent).toHaveLength(0);
  });

  it("sends unsigned in development, with a warning", async () => {
    const { sent, fetcher } = recorder();
    const ctx = context(fetcher, { secret: null, development: true });

    const outcome = await invokeUrl(command("https://receiver.example/"), FILE, values, ctx);

    expect(outcome.status).toBe("Success");
    expect(outcome.warnings).toEqual([expect.stringContaining("unsigned")]);
    expect(sent[0]?.request.headers.has(SIGNATURE_HEADER)).toBe(false);
  });
});

describe("invokeUrl: the answer", () => {
  async function answered(response: () => Response) {
    const { fetcher } = recorder(response);
    return invokeUrl(command("https://receiver.example/"), FILE, values, context(fetcher));
  }

  it("treats a redirect as a failure and does not follow it", async () => {
    const outcome = await answered(
      () => new Response(null, { status: 302, headers: { Location: "https://127.0.0.1/" } }),
    );

    expect(outcome).toMatchObject({
      status: "Error",
      message: "receiver.example answered HTTP 302; redirects are not followed.",
    });
  });

  it("reports a non-2xx answer by its status line only, never its body", async () => {
    const outcome = await answered(
      () =>
        new Response("stack trace: secret internals", {
          status: 500,
          statusText: "Internal Server Error <b>see https://x.example/?q=1</b> and much more text",
        }),
    );

    expect(outcome.status).toBe("Error");
    expect(outcome.message).toBe("receiver.example answered HTTP 500 Internal Server Error.");
    expect(outcome.message).not.toContain("secret");
  });

  it("gives up when the receiver does not answer in time", async () => {
    const waiting: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        const signal = init?.signal;
        signal?.addEventListener("abort", () => {
          // AbortSignal.timeout() aborts with a DOMException named TimeoutError.
          reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
        });
      });

    const outcome = await invokeUrl(
      command("https://receiver.example/"),
      FILE,
      values,
      context(waiting, { timeoutMs: 30 }),
    );

    expect(outcome).toMatchObject({
      status: "Error",
      message: "receiver.example did not answer within 30 ms.",
    });
  });

  it("reports a network failure without its details", async () => {
    const failing: typeof fetch = () =>
      Promise.reject(new TypeError("connect ECONNREFUSED 10.1.2.3"));

    const outcome = await invokeUrl(
      command("https://receiver.example/"),
      FILE,
      values,
      context(failing),
    );

    expect(outcome).toMatchObject({
      status: "Error",
      message: "receiver.example could not be reached.",
    });
  });
});

describe("literalTargetRefusal: a Url as written, checked at session creation", () => {
  const policy = { allowedHosts: ["receiver.example"], development: false };

  it("refuses a written-out host for the reasons Execute would", () => {
    expect(literalTargetRefusal("https://elsewhere.example/{Data.Id}", policy)?.reason).toBe(
      "host-not-allowed",
    );
    expect(literalTargetRefusal("http://receiver.example/x", policy)?.reason).toBe(
      "https-required",
    );
    expect(literalTargetRefusal("https://u:p@receiver.example/x", policy)?.reason).toBe(
      "credentials",
    );
    expect(literalTargetRefusal("https://127.0.0.1/x", policy)?.reason).toBe("non-public-host");
  });

  it("lets an allowed host pass, placeholders in its path or query too", () => {
    expect(literalTargetRefusal("https://RECEIVER.example/{Data.Id}?q={Forms.Q}", policy)).toBe(
      null,
    );
  });

  it("leaves a URL to Execute when a placeholder sits anywhere in its authority", () => {
    for (const url of [
      "https://{Data.Host}/x",
      "https://{Data.Sub}.receiver.example/x",
      "https://receiver.example:{Data.Port}/x",
      "https://{Data.User}@elsewhere.example/x",
    ]) {
      expect(literalTargetRefusal(url, policy)).toBe(null);
    }
  });
});
