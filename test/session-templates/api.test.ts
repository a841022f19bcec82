import { env } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import {
  CUSTOMERS_CSV,
  CUSTOMERS_XLSX,
  OFFER_DEFINITION,
  customersCsvBytes,
  customersXlsx,
} from "../../demo/session-templates/content.ts";
import { initializerFileKey } from "../../src/initializers/file-source.ts";
import { seedDemoDatabase } from "../../src/session-templates/demo-seed.ts";
import { putDefinition } from "../../src/session-templates/store.ts";
import { DEMO_DATA_SOURCE } from "../bindings.ts";
import {
  CLIENTS,
  call,
  getSession,
  postSession,
  tokenFor,
  uploadDemoTemplates,
} from "../support/api.ts";
import { urlOf } from "../initializers/helpers.ts";
import { WebClient } from "../web/web-client.ts";

const ADMIN = `/api/v3/${DEMO_DATA_SOURCE}/Admin/SessionTemplates`;
const START = `/api/v3/${DEMO_DATA_SOURCE}/Connect/Session/Template`;

const LETTER = `<primedocsConnectSessionTemplate Name="CustomerLetter">
  <primedocsConnect>
    <Template Id="6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41"/>
    <Forms><Value Key="Subject">Ihr Konto</Value></Forms>
  </primedocsConnect>
  <Initializers>
    <CsvInitializer File="${CUSTOMERS_CSV}" Delimiter=";" Encoding="windows-1252"
                    KeyColumn="CustomerId" KeyValue="{Data.CustomerId}" Required="true">
      <Map From="Name" To="Data.CustomerName"/>
    </CsvInitializer>
    <HttpInitializer Url="https://crm.example/customers/{Data.CustomerId}?by={Param.Agent}">
      <Map From="contact.salutation" To="Forms.Body"/>
    </HttpInitializer>
  </Initializers>
  <Initialization>
    <OnError>
      <InvokeUrl Url="https://receiver.example/failed/{Data.CustomerId}"><Report/></InvokeUrl>
    </OnError>
  </Initialization>
</primedocsConnectSessionTemplate>`;

const HELLO = `<primedocsConnectSessionTemplate Name="Hello">
  <primedocsConnect><Template Id="6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41"/></primedocsConnect>
  <Initialization>
    <OnSuccess>
      <InvokeUrl Url="https://receiver.example/ok/{Data.CustomerId}"><Report/></InvokeUrl>
    </OnSuccess>
  </Initialization>
</primedocsConnectSessionTemplate>`;

async function admin(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${await tokenFor(CLIENTS.admin, "pd_AdminWebApi")}`);
  return call(`${ADMIN}${path}`, { ...init, headers });
}

async function put(name: string, xml: string): Promise<Response> {
  return admin(`/${name}`, {
    method: "PUT",
    headers: { "content-type": "application/xml" },
    body: xml,
  });
}

async function start(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${await tokenFor(CLIENTS.custom)}`);
  return call(`${START}/${path}`, { method: "POST", ...init, headers });
}

beforeAll(async () => {
  // Test set-up writes the demo files where the R2 port looks; there is no upload route.
  await env.FILES.put(initializerFileKey(DEMO_DATA_SOURCE, CUSTOMERS_CSV), customersCsvBytes());
  await env.FILES.put(initializerFileKey(DEMO_DATA_SOURCE, CUSTOMERS_XLSX), customersXlsx());
  await seedDemoDatabase(env.SQL_DEMO);
  expect((await put("CustomerLetter", LETTER)).status).toBe(201);
  expect((await put("Offer", OFFER_DEFINITION)).status).toBe(201);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Admin/SessionTemplates", () => {
  it("lists, returns and replaces definitions", async () => {
    const list = await (await admin("")).json<{ sessionTemplates: { name: string }[] }>();
    expect(list.sessionTemplates.map((t) => t.name)).toEqual(
      expect.arrayContaining(["CustomerLetter", "Offer"]),
    );
    const one = await admin("/customerletter");
    expect(one.headers.get("content-type")).toContain("application/xml");
    expect(await one.text()).toBe(LETTER);
    expect((await put("CustomerLetter", LETTER)).status).toBe(200);
  });

  it("rejects an upload and lists every problem", async () => {
    const xml = `<primedocsConnectSessionTemplate Name="Broken">
  <Initializers>
    <SqlInitializer><Query>SELECT 1; DROP TABLE customers</Query></SqlInitializer>
    <HttpInitializer Url="https://crm.example/x"/>
  </Initializers>
</primedocsConnectSessionTemplate>`;
    const res = await put("Broken", xml);
    expect(res.status).toBe(400);
    const body = await res.json<{ errors: { code: string; line: number }[] }>();
    // In document order: the root's missing <primedocsConnect> comes first.
    expect(body.errors.map((e) => [e.code, e.line])).toEqual([
      ["missing-target", 1],
      ["invalid-value", 3],
      ["missing-target", 4],
    ]);
    expect((await admin("/Broken")).status).toBe(404);
  });

  it("refuses a definition uploaded under another name, and deletes", async () => {
    const other = await put("OtherName", LETTER);
    expect(other.status).toBe(400);
    // The name as the caller wrote it in the path, not the lower-cased form routing matches.
    const errors = (await other.json<{ errors: { message: string }[] }>()).errors;
    expect(errors.map((e) => e.message)).toEqual([
      'The definition is named "CustomerLetter" but is uploaded as "OtherName".',
    ]);
    expect((await put("Temp", LETTER.replace('Name="CustomerLetter"', 'Name="Temp"'))).status).toBe(
      201,
    );
    expect((await admin("/Temp", { method: "DELETE" })).status).toBe(204);
    expect((await admin("/Temp", { method: "DELETE" })).status).toBe(404);
  });

  it("needs the admin scope", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await call(ADMIN, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
  });
});

describe("POST Connect/Session/Template/{name}", () => {
  it("starts from query parameters, runs the initializers and creates the session", async () => {
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      // Built per call: a body made in the test's context cannot be read in the request's.
      .mockImplementation(() =>
        Promise.resolve(Response.json({ contact: { salutation: "Grüezi" } })),
      );
    const res = await start("CustomerLetter?Data.CustomerId=1002&Forms.Notes=Hi&Agent=bo");
    expect(res.status).toBe(201);
    const body = await res.json<{
      sessionId: string;
      url: string;
      initializers: Record<string, unknown>[];
    }>();
    expect(body.url).toContain(`sessionId=${body.sessionId}`);
    expect(
      body.initializers.map((record) => {
        const rest = { ...record };
        delete rest.durationMs;
        return rest;
      }),
    ).toEqual([
      {
        position: 1,
        kind: "csv",
        element: "CsvInitializer",
        status: "Success",
        message: "customers.csv: 1 row(s) matched, 1 value(s) mapped.",
      },
      {
        position: 2,
        kind: "http",
        element: "HttpInitializer",
        status: "Success",
        message: "crm.example answered; 1 value(s) mapped.",
      },
    ]);
    for (const { durationMs } of body.initializers) {
      expect(
        typeof durationMs === "number" && Number.isInteger(durationMs) && durationMs >= 0,
      ).toBe(true);
    }
    expect(urlOf(fetchSpy.mock.calls[0]?.[0])).toBe("https://crm.example/customers/1002?by=bo");

    const input = await getSession(await tokenFor(CLIENTS.custom), body.sessionId, "Input");
    const values = await input.json<{
      forms: Record<string, unknown>;
      data: Record<string, unknown>;
    }>();
    expect(values.forms).toEqual({ Subject: "Ihr Konto", Notes: "Hi", Body: "Grüezi" });
    expect(values.data).toEqual({ CustomerId: "1002", CustomerName: "Café Bühler GmbH" });
    expect(values.data).not.toHaveProperty("Agent");
  });

  it("starts from a JSON body, with SQL and Excel initializers", async () => {
    const res = await start("Offer", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ "Data.OfferNumber": "A-100", "Forms.Delivery": "Kurier" }),
    });
    expect(res.status).toBe(201);
    const { sessionId } = await res.json<{ sessionId: string }>();
    const input = await getSession(await tokenFor(CLIENTS.custom), sessionId, "Input");
    const values = await input.json<{
      forms: Record<string, unknown>;
      data: Record<string, unknown>;
    }>();
    expect(values.forms).toEqual({
      Delivery: "Kurier",
      ValidUntil: "2026-12-31",
      IncludeTerms: "true",
    });
    expect(values.data).toMatchObject({
      OfferNumber: "A-100",
      CustomerId: "1001",
      CustomerName: "Muster AG",
      CustomerSince: "2019-04-01",
      Total: "CHF 1'450.00",
      Positions: [
        { Description: "Beratung / Consulting", Quantity: "8", Price: "CHF 150.00" },
        { Description: "Lizenz / Licence", Quantity: "1", Price: "CHF 250.00" },
      ],
    });
  });

  it("answers 422 naming the failed initializer and runs OnError", async () => {
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockImplementation(() => Promise.resolve(new Response(null, { status: 204 })));
    const res = await start("CustomerLetter?Data.CustomerId=9999");
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await res.json<{
      detail: string;
      initializer: unknown;
      commands: { status: string }[];
    }>();
    expect(body.initializer).toEqual({ position: 1, kind: "csv", element: "CsvInitializer" });
    expect(body.detail).toBe("CsvInitializer #1 failed: No row of customers.csv matched.");
    expect(body.commands).toMatchObject([
      { group: "OnError", type: "InvokeUrl", status: "Success" },
    ]);
    expect(urlOf(fetchSpy.mock.calls[0]?.[0])).toBe("https://receiver.example/failed/9999");
  });

  it("answers 502 naming the HTTP initializer when its source answers 404", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation((input) => {
      if (urlOf(input).startsWith("https://receiver.example"))
        return Promise.resolve(new Response(null));
      return Promise.resolve(new Response("missing", { status: 404 }));
    });
    const res = await start("CustomerLetter?Data.CustomerId=1001");
    expect(res.status).toBe(502);
    expect((await res.json<{ detail: string }>()).detail).toBe(
      "HttpInitializer #2 failed: crm.example answered HTTP 404.",
    );
  });

  /** A SQL initializer that succeeds, then an HTTP initializer calling `url`. */
  function outboundDefinition(url: string): string {
    return `<primedocsConnectSessionTemplate Name="Outbound">
  <primedocsConnect><Template Id="6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41"/></primedocsConnect>
  <Initializers>
    <SqlInitializer>
      <Query>SELECT name AS "Data.CustomerName" FROM customers WHERE id = ?1</Query>
      <Parameter>{Data.CustomerId}</Parameter>
    </SqlInitializer>
    <HttpInitializer Url="${url}">
      <Map From="contact.salutation" To="Forms.Body"/>
    </HttpInitializer>
  </Initializers>
</primedocsConnectSessionTemplate>`;
  }

  it("refuses an HTTP host off the allow-list, naming the initializer, without calling it", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    expect(
      (await put("Outbound", outboundDefinition("https://evil.example/c/{Data.CustomerId}"))).ok,
    ).toBe(true);
    const res = await start("Outbound?Data.CustomerId=1001");

    expect(res.status).toBe(422);
    const body = await res.json<{
      type: string;
      detail: string;
      initializer: unknown;
      initializers: { status: string }[];
    }>();
    expect(body.type).toBe("urn:connect-session:problem:initializer-failed");
    expect(body.detail).toBe(
      "HttpInitializer #2 failed: The host evil.example is not on this data source's initializer allow-list.",
    );
    expect(body.initializer).toEqual({ position: 2, kind: "http", element: "HttpInitializer" });
    expect(body.initializers.map((i) => i.status)).toEqual(["Success", "Error"]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("refuses a loopback or private HTTP address outside development, naming the initializer", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const targets = [
      ["https://127.0.0.1/c", "127.0.0.1"],
      ["https://localhost/c", "localhost"],
      ["https://192.168.1.10/c", "192.168.1.10"],
    ] as const;
    for (const [url, host] of targets) {
      expect((await put("Outbound", outboundDefinition(url))).ok).toBe(true);
      const res = await start("Outbound?Data.CustomerId=1001");
      expect(res.status).toBe(422);
      expect((await res.json<{ detail: string }>()).detail).toBe(
        `HttpInitializer #2 failed: The host ${host} is a local or private address, which initializer does not call.`,
      );
    }
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("does not follow an HTTP redirect and fails the start naming the initializer", async () => {
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockImplementation(() =>
        Promise.resolve(
          new Response(null, { status: 302, headers: { location: "https://crm.example/moved" } }),
        ),
      );
    expect(
      (await put("Outbound", outboundDefinition("https://crm.example/c/{Data.CustomerId}"))).ok,
    ).toBe(true);
    const res = await start("Outbound?Data.CustomerId=1001");

    expect(res.status).toBe(502);
    const body = await res.json<{ type: string; detail: string }>();
    expect(body.type).toBe("urn:connect-session:problem:initializer-source-failed");
    expect(body.detail).toBe(
      "HttpInitializer #2 failed: crm.example answered HTTP 302; redirects are not followed.",
    );
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    expect(urlOf(fetchSpy.mock.calls[0]?.[0])).toBe("https://crm.example/c/1001");
    expect(fetchSpy.mock.calls[0]?.[1]?.redirect).toBe("manual");
  });

  it("answers 201 with the outcomes of Initialization/OnSuccess", async () => {
    const fetchSpy = vi
      .spyOn(globalThis, "fetch")
      .mockImplementation(() => Promise.resolve(new Response(null)));
    expect((await put("Hello", HELLO)).ok).toBe(true);
    const res = await start("Hello?Data.CustomerId=1001");
    expect(res.status).toBe(201);
    const body = await res.json<{ commands: unknown[] }>();
    expect(body.commands).toMatchObject([
      { group: "OnSuccess", type: "InvokeUrl", status: "Success" },
    ]);
    expect(urlOf(fetchSpy.mock.calls[0]?.[0])).toBe("https://receiver.example/ok/1001");
  });

  it("refuses a start body that is not JSON, not UTF-8 or holds a non-finite number", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(() => Promise.resolve(new Response(null)));
    expect((await put("Hello", HELLO)).ok).toBe(true);
    const textBody = await start("Hello", {
      headers: { "content-type": "text/plain" },
      body: "Data.CustomerId=1001",
    });
    expect(textBody.status).toBe(415);
    const noType = await start("Hello", { body: new TextEncoder().encode("{}") });
    expect(noType.status).toBe(415);
    const emptyForm = await start("Hello", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(emptyForm.status).toBe(201);

    const latin1 = new Uint8Array([...new TextEncoder().encode('{"Agent":"'), 0xe9, 0x22, 0x7d]);
    const notUtf8 = await start("Hello", {
      headers: { "content-type": "application/json" },
      body: latin1,
    });
    expect(notUtf8.status).toBe(400);
    const infinite = await start("Hello", {
      headers: { "content-type": "application/json" },
      body: '{"Data.CustomerId": 1e400}',
    });
    expect(infinite.status).toBe(400);
    expect((await infinite.json<{ detail: string }>()).detail).toContain("Data.CustomerId");
  });

  it("judges a start body's media type and JSON text as session create does", async () => {
    expect((await put("Hello", HELLO)).ok).toBe(true);
    const token = await tokenFor(CLIENTS.custom);
    const problemOf = async (res: Response) => {
      const body = await res.json<{ type: string; detail: string }>();
      return { status: res.status, type: body.type, detail: body.detail };
    };

    // The same judgement; only the accepted types named differ (session create takes XML too).
    const refusals = {
      "application/json; charset=iso-8859-1": "Charset 'iso-8859-1' is not supported.",
      "application/jsonx": "Content-Type 'application/jsonx' is not accepted.",
    };
    for (const [contentType, reason] of Object.entries(refusals)) {
      const started = await problemOf(
        await start("Hello", { headers: { "content-type": contentType }, body: "{}" }),
      );
      const created = await problemOf(await postSession({ token, contentType, body: "{}" }));
      expect(started.status).toBe(415);
      expect(started.type).toBe(created.type);
      expect(started.detail).toBe(`${reason} Send application/json, in UTF-8.`);
      expect(created.detail.startsWith(`${reason} Send `)).toBe(true);
    }

    const broken = '{\r\n  "Agent": "bo"\r\n  "Data.CustomerId": "1001"\r\n}';
    const started = await start("Hello", {
      headers: { "content-type": "application/json" },
      body: broken,
    });
    expect(started.status).toBe(400);
    const body = await started.json<{ type: string; errors: unknown[] }>();
    expect(body.type).toBe("urn:connect-session:problem:malformed-payload");
    const created = await postSession({ token, contentType: "application/json", body: broken });
    const createdErrors = (await created.json<{ errors: unknown[] }>()).errors;
    expect(body.errors).toEqual(createdErrors);
    expect(body.errors).toEqual([
      expect.objectContaining({ path: "", code: "malformed-json", line: 3, column: 3 }),
    ]);
  });

  const ELSEWHERE = `<primedocsConnectSessionTemplate Name="Elsewhere">
  <primedocsConnect>
    <Template Id="6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41"/>
    <Commands><OnSuccess><InvokeUrl Url="https://elsewhere.example/x"><Document/></InvokeUrl></OnSuccess></Commands>
  </primedocsConnect>
  <Initializers>
    <HttpInitializer Url="https://crm.example/x"><Map From="a" To="Data.A"/></HttpInitializer>
  </Initializers>
  <Initialization>
    <OnSuccess><InvokeUrl Url="https://elsewhere.example/started"><Report/></InvokeUrl></OnSuccess>
  </Initialization>
</primedocsConnectSessionTemplate>`;

  it("refuses an upload whose commands call a host off the allow-list, with line and column", async () => {
    const res = await put("Elsewhere", ELSEWHERE);

    expect(res.status).toBe(400);
    const body = await res.json<{ errors: { code: string; path: string; line: number }[] }>();
    expect(body.errors.map((e) => [e.code, e.path, e.line])).toEqual([
      [
        "url-not-allowed",
        "/primedocsConnectSessionTemplate/primedocsConnect[1]/Commands/OnSuccess/InvokeUrl[1]",
        4,
      ],
      [
        "url-not-allowed",
        "/primedocsConnectSessionTemplate/Initialization[1]/OnSuccess/InvokeUrl[1]",
        10,
      ],
    ]);
    expect((await admin("/Elsewhere")).status).toBe(404);
  });

  it("answers 422 before any initializer runs when a stored definition's Connect calls a host the allow-list no longer holds", async () => {
    // Stored as if uploaded while the configuration still allowed the host.
    await putDefinition(env, DEMO_DATA_SOURCE, "Elsewhere", ELSEWHERE);
    const fetchSpy = vi.spyOn(globalThis, "fetch");

    const res = await start("Elsewhere");
    expect(res.status).toBe(422);
    const body = await res.json<{ errors: { code: string; path: string }[] }>();
    expect(body.errors).toEqual([
      expect.objectContaining({
        code: "url-not-allowed",
        path: "/primedocsConnect/Commands/OnSuccess/InvokeUrl[1]",
      }),
    ]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it("answers 404 for an unknown session template", async () => {
    expect((await start("Nope")).status).toBe(404);
  });
});

describe("GET /app/web/session/template/{name}", () => {
  beforeAll(async () => {
    await uploadDemoTemplates();
  });

  async function signedIn(): Promise<WebClient> {
    const client = new WebClient();
    expect((await client.signIn()).status).toBe(303);
    return client;
  }

  it("creates the session for the signed-in person and goes on to the web app", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(() =>
      Promise.resolve(Response.json({ contact: { salutation: "Grüezi" } })),
    );
    const client = await signedIn();
    const res = await client.get("/app/web/session/template/CustomerLetter?Data.CustomerId=1002");

    expect(res.status).toBe(303);
    const target = new URL(res.headers.get("location") ?? "", "https://x.invalid");
    expect(target.pathname).toBe("/app/web/connect");
    expect(target.searchParams.get("datasourceId")).toBe(DEMO_DATA_SOURCE);
    const page = await (await client.get(`${target.pathname}${target.search}`)).text();
    expect(page).toContain('value="Ihr Konto"');
  });

  it("explains a failed start, and its language links repeat the same start", async () => {
    vi.spyOn(globalThis, "fetch").mockImplementation(() =>
      Promise.resolve(new Response(null, { status: 204 })),
    );
    const client = await signedIn();
    const res = await client.get("/app/web/session/template/CustomerLetter?Data.CustomerId=9999");

    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain("No row of customers.csv matched.");
    expect(page).toContain(
      'href="/app/web/session/template/CustomerLetter?Data.CustomerId=9999&amp;lang=de"',
    );
  });

  it("answers 400 like the API for a link with an invalid parameter name", async () => {
    const client = await signedIn();
    const res = await client.get("/app/web/session/template/CustomerLetter?Forms.=x");

    expect(res.status).toBe(400);
    expect(await res.text()).toContain("&quot;Forms.&quot; is not a target");
  });

  it("shows the ShowDialog commands of Initialization/OnError on the page of a failed start", async () => {
    const definition = LETTER.replace("CustomerLetter", "LetterWithDialog").replace(
      /<OnError>[\s\S]*<\/OnError>/,
      '<OnError><ShowDialog Title="Unknown customer" Message="No customer {Data.CustomerId}."/></OnError>',
    );
    expect((await put("LetterWithDialog", definition)).status).toBe(201);
    const client = await signedIn();
    const res = await client.get("/app/web/session/template/LetterWithDialog?Data.CustomerId=9999");

    expect(res.status).toBe(422);
    const page = await res.text();
    expect(page).toContain('<h2 id="dialog-0-title">Unknown customer</h2>');
    expect(page).toContain('<p id="dialog-0-text">No customer 9999.</p>');
  });
});
