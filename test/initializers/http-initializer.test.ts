import { afterEach, describe, expect, it, vi } from "vitest";

import { MAX_XML_DEPTH } from "../../src/connect/limits.ts";
import { runHttpInitializer } from "../../src/initializers/http-initializer.ts";
import type { HttpInitializer } from "../../src/session-templates/model.ts";
import { parseTarget } from "../../src/session-templates/values.ts";
import { items, ports, scope, text, urlOf } from "./helpers.ts";

function target(to: string) {
  const parsed = parseTarget(to);
  if (typeof parsed === "string") throw new Error(parsed);
  return parsed;
}

function http(extra: Partial<HttpInitializer> = {}): HttpInitializer {
  return {
    kind: "http",
    position: 2,
    method: "GET",
    url: "https://crm.example/customers/{Data.CustomerId}?via={Param.Source}",
    headers: [{ name: "X-Tenant", value: "{Param.Tenant}" }],
    body: null,
    format: "json",
    mappings: [
      { from: "contact.name", to: target("Forms.Contact") },
      { from: "lines[].amount", to: target("Data.Lines[].Amount") },
      { from: "lines[1].amount", to: target("Data.SecondAmount") },
    ],
    required: false,
    timeoutMs: 200,
    ...extra,
  };
}

const outbound = () => ports().outbound;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("HTTP initializer", () => {
  it("fills placeholders URL-encoded and maps JSON paths, arrays included", async () => {
    const spy = vi
      .spyOn(globalThis, "fetch")
      .mockResolvedValue(
        Response.json({ contact: { name: "Anna" }, lines: [{ amount: 10 }, { amount: 20.5 }] }),
      );
    const s = scope({ CustomerId: "10 01/x" }, { Source: "mail&more", Tenant: "demo" });
    const result = await runHttpInitializer(http(), s, outbound());

    const [url, init] = spy.mock.calls[0] ?? [];
    expect(urlOf(url)).toBe("https://crm.example/customers/10%2001%2Fx?via=mail%26more");
    expect(new Headers(init?.headers).get("x-tenant")).toBe("demo");
    expect(init?.redirect).toBe("manual");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.values.forms, "Contact")).toBe("Anna");
    expect(items(result.values.data, "Lines")).toEqual([{ Amount: "10" }, { Amount: "20.5" }]);
    expect(text(result.values.data, "SecondAmount")).toBe("20.5");
  });

  it("maps XML element paths and attributes", async () => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(
      new Response(
        `<Customer Id="7"><Name> Muster AG </Name><Lines><Line><Amount>1</Amount></Line><Line><Amount>2</Amount></Line></Lines></Customer>`,
      ),
    );
    const init = http({
      format: "xml",
      mappings: [
        { from: "Name", to: target("Data.Name") },
        { from: "@Id", to: target("Data.Id") },
        { from: "Lines/Line[]/Amount", to: target("Data.Lines[].Amount") },
      ],
    });
    const result = await runHttpInitializer(init, scope(), outbound());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(text(result.values.data, "Name")).toBe("Muster AG");
    expect(text(result.values.data, "Id")).toBe("7");
    expect(items(result.values.data, "Lines")).toEqual([{ Amount: "1" }, { Amount: "2" }]);
  });

  it("reports an XML answer nested past the depth cap as too deep, naming the cap", async () => {
    const depth = MAX_XML_DEPTH + 1;
    const xml = `${"<a>".repeat(depth)}x${"</a>".repeat(depth)}`;
    vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response(xml));
    const init = http({ format: "xml", mappings: [{ from: "a", to: target("Data.A") }] });
    const run = runHttpInitializer(init, scope(), outbound());
    await expect(run).rejects.toMatchObject({ failure: "upstream" });
    await expect(run).rejects.toThrow(
      `crm.example answered with XML nested more than ${MAX_XML_DEPTH} levels deep (line 1, column ${MAX_XML_DEPTH * 3 + 1}).`,
    );
  });

  it("still reports broken XML as not well-formed", async () => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("<a><b></a>"));
    const init = http({ format: "xml", mappings: [{ from: "b", to: target("Data.B") }] });
    await expect(runHttpInitializer(init, scope(), outbound())).rejects.toThrow(
      /^crm\.example answered with XML that is not well-formed \(line 1, column \d+\)\.$/,
    );
  });

  it("escapes values placed into a JSON body", async () => {
    const spy = vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json({}));
    const init = http({
      method: "POST",
      body: { contentType: "application/json", text: '{"id":"{Data.CustomerId}"}' },
    });
    await runHttpInitializer(init, scope({ CustomerId: 'x", "admin": true, "y": "' }), outbound());
    const body = spy.mock.calls[0]?.[1]?.body;
    if (typeof body !== "string") throw new Error("no body");
    expect(JSON.parse(body)).toEqual({ id: 'x", "admin": true, "y": "' });
  });

  it("fails as upstream when the source answers 404", async () => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("nope", { status: 404 }));
    await expect(runHttpInitializer(http(), scope(), outbound())).rejects.toMatchObject({
      failure: "upstream",
      message: "crm.example answered HTTP 404.",
    });
  });

  it("fails as a timeout when the source does not answer in time", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(
      (_input, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => {
            reject(new DOMException("timed out", "TimeoutError"));
          });
        }),
    );
    await expect(
      runHttpInitializer(http({ timeoutMs: 50 }), scope(), outbound()),
    ).rejects.toMatchObject({
      failure: "timeout",
      message: "crm.example did not answer within 50 ms.",
    });
  });

  it("does not follow redirects", async () => {
    vi.spyOn(globalThis, "fetch").mockResolvedValue(
      new Response(null, { status: 302, headers: { location: "http://10.0.0.1/" } }),
    );
    await expect(runHttpInitializer(http(), scope(), outbound())).rejects.toThrow(
      /redirects are not followed/,
    );
  });

  it("refuses private targets and plain http outside development", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const policy = { ...outbound(), allowedHosts: ["10.0.0.1", "crm.example"] };
    await expect(
      runHttpInitializer(http({ url: "https://10.0.0.1/x" }), scope(), policy),
    ).rejects.toThrow(/local or private/);
    await expect(
      runHttpInitializer(http({ url: "http://crm.example/x" }), scope(), policy),
    ).rejects.toThrow(/https/);
    expect(spy).not.toHaveBeenCalled();
  });

  it("refuses a value that fills a .. path segment, before any request", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const init = http({ url: "https://crm.example/public/{Data.CustomerId}/profile" });
    await expect(
      runHttpInitializer(init, scope({ CustomerId: ".." }), outbound()),
    ).rejects.toMatchObject({
      failure: "invalid",
      message: "The URL path must not hold . or .. segments (host crm.example).",
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it("refuses a host that is not on the data source's allow-list, before any request", async () => {
    const spy = vi.spyOn(globalThis, "fetch");
    const init = http({ url: "https://crm.example.evil.test/customers/{Data.CustomerId}" });
    await expect(runHttpInitializer(init, scope(), outbound())).rejects.toMatchObject({
      failure: "invalid",
      message:
        "The host crm.example.evil.test is not on this data source's initializer allow-list.",
    });
    expect(spy).not.toHaveBeenCalled();
  });

  it("refuses loopback spellings outside development and calls them in development", async () => {
    const spy = vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json({}));
    // The URL parser's form of the host is the one checked and named.
    const hosts = [
      ["127.0.0.1", "127.0.0.1"],
      ["localhost", "localhost"],
      ["[::1]", "[::1]"],
      ["2130706433", "127.0.0.1"],
    ] as const;
    const policy = { ...outbound(), allowedHosts: ["127.0.0.1", "localhost", "[::1]"] };
    for (const [host, named] of hosts) {
      await expect(
        runHttpInitializer(http({ url: `https://${host}/x` }), scope(), policy),
      ).rejects.toMatchObject({
        failure: "invalid",
        message: `The host ${named} is a local or private address, which initializer does not call.`,
      });
    }
    expect(spy).not.toHaveBeenCalled();

    const development = { ...policy, development: true };
    const result = await runHttpInitializer(
      http({ url: "http://127.0.0.1/x" }),
      scope(),
      development,
    );
    expect(result.ok).toBe(true);
    expect(urlOf(spy.mock.calls[0]?.[0])).toBe("http://127.0.0.1/x");
  });

  it("stops reading an answer past the size cap", async () => {
    const big = new Uint8Array(1024 * 1024 + 1);
    vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response(new Blob([big]).stream()));
    await expect(runHttpInitializer(http(), scope(), outbound())).rejects.toThrow(
      /more than 1048576 bytes/,
    );
  });
});
