import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import { SAMPLE_WITH_DOWNLOAD_XML } from "../../demo/sample-payload.ts";
import {
  createdSessionSchema,
  inputSchema,
  navigationSchema,
  problemSchema,
} from "../../src/api/schemas.ts";
import { DEMO_DATA_SOURCE, SECOND_DATA_SOURCE } from "../bindings.ts";
import {
  CLIENTS,
  call,
  createSampleSession,
  createSession,
  getSession,
  postSession,
  sessionBase,
  sessionCall,
  tokenFor,
  uploadDemoTemplates,
} from "../support/api.ts";

const HOUR_MS = 60 * 60 * 1000;

describe("POST /api/v3/{datasourceId}/Connect/Session", () => {
  it("creates a session from the sample payload and answers 201 with id, link and expiry", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const before = Date.now();
    const res = await postSession({ token });

    expect(res.status).toBe(201);
    const body = await res.json<{ sessionId: string; url: string; expiresAt: string }>();
    expect(body.sessionId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    const url = new URL(body.url);
    expect(url.pathname).toBe("/app/web/connect");
    expect(url.searchParams.get("sessionId")).toBe(body.sessionId);
    expect(url.searchParams.get("datasourceId")).toBe(DEMO_DATA_SOURCE);
    const expires = Date.parse(body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + HOUR_MS - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + HOUR_MS + 1000);
  });

  it("answers under /webapi with lower-case static segments and an upper-case data source id", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await call(`/webapi/api/v3/${DEMO_DATA_SOURCE.toUpperCase()}/connect/session`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/xml" },
      body: `<primedocsConnect><Template Id="30b55516-80b5-41d7-801b-b31d6da376ac"/></primedocsConnect>`,
    });
    expect(res.status).toBe(201);
  });

  it("accepts the JSON form of the payload", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      contentType: "application/json",
      body: JSON.stringify({
        template: { id: "30b55516-80b5-41d7-801b-b31d6da376ac" },
        documentLanguage: "de-CH",
        forms: { Subject: "Hallo" },
      }),
    });
    expect(res.status).toBe(201);
    const { sessionId } = await res.json<{ sessionId: string }>();
    const input = await getSession(token, sessionId, "Input");
    expect(await input.json()).toMatchObject({ forms: { Subject: "Hallo" }, data: {} });
  });

  it("answers 401 with a Bearer challenge when the token is missing", async () => {
    const res = await call(sessionBase(), { method: "POST", body: "<primedocsConnect/>" });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it("answers 404 for a data source that is not configured", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({ token, dataSource: "11111111-2222-4333-8444-555555555555" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 404 for a configured data source the client may not use", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({ token, dataSource: SECOND_DATA_SOURCE });
    expect(res.status).toBe(404);
  });

  it("answers 415 for a media type other than XML or JSON", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({ token, contentType: "text/plain" });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ status: 415, title: "Unsupported media type" });
  });

  it("answers 415 for a charset other than UTF-8", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({ token, contentType: "application/xml; charset=iso-8859-1" });
    expect(res.status).toBe(415);
  });

  it("answers 413 when the body is larger than the limit, declared or streamed", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const big = `<primedocsConnect><Forms><Value Key="A">${"x".repeat(1024 * 1024)}</Value></Forms></primedocsConnect>`;
    const declared = await postSession({ token, body: big });
    expect(declared.status).toBe(413);

    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 65536) controller.enqueue(bytes.slice(i, i + 65536));
        controller.close();
      },
    });
    const streamed = await call(sessionBase(), {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/xml" },
      body: stream,
      // @ts-expect-error -- `duplex` is required by fetch for stream bodies but not yet typed.
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
  });

  it("answers 400 with every problem's path, line and column for an invalid payload", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      body: `<primedocsConnect>
<Author Id="x"/>
<Commands><OnSuccess><SaveFile><Document/></SaveFile></OnSuccess></Commands>
</primedocsConnect>`,
    });
    expect(res.status).toBe(400);
    const body = await res.json<{ errors: { path: string; line: number; code: string }[] }>();
    expect(body.errors.length).toBeGreaterThanOrEqual(2);
    expect(body.errors.map((e) => e.line)).toEqual(expect.arrayContaining([2, 3]));
  });

  it("says in its detail that more problems were found than the 100 listed", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      body: `<primedocsConnect>${"<Unknown/>".repeat(150)}</primedocsConnect>`,
    });
    expect(res.status).toBe(400);
    const body = await res.json<{ detail: string; errors: unknown[] }>();
    expect(body.errors).toHaveLength(101);
    expect(body.detail).toBe("The Connect payload has more than 100 problems; see errors.");
  });

  it("answers 400 malformed with line and column for broken XML", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      body: "<primedocsConnect>\n<Forms>\n</primedocsConnect>",
    });
    expect(res.status).toBe(400);
    const body = await res.json<{ type: string; errors: { line: number; column: number }[] }>();
    expect(body.type).toBe("urn:connect-session:problem:malformed-payload");
    expect(body.errors[0]?.line).toBeGreaterThan(0);
  });

  it("answers 400 malformed-json with line and column for broken JSON", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      contentType: "application/json",
      body: '{\r\n  "forms": { "Subject": "Grüße" }\r\n  "data": {}\r\n}',
    });
    expect(res.status).toBe(400);
    const body = await res.json<{ type: string; errors: Record<string, unknown>[] }>();
    expect(body.type).toBe("urn:connect-session:problem:malformed-payload");
    expect(body.errors).toEqual([
      expect.objectContaining({ path: "", code: "malformed-json", line: 3, column: 3 }),
    ]);
  });

  it('refuses Conversion="Pdf" with 422 when the data source has no converter', async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      body: `<primedocsConnect><Template Id="30b55516-80b5-41d7-801b-b31d6da376ac"/>
<Commands><OnSuccess><DownloadFile FileName="a.pdf"><Document Conversion="Pdf"/></DownloadFile></OnSuccess></Commands>
</primedocsConnect>`,
    });
    expect(res.status).toBe(422);
    const body = await res.json<{ errors: { code: string }[] }>();
    expect(body.errors[0]?.code).toBe("conversion-unavailable");
  });
});

describe("Idempotency-Key on POST /", () => {
  it("replays the first answer for a retry with the same key and body", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const headers = { "idempotency-key": `retry-${crypto.randomUUID()}` };
    const first = await postSession({ token, headers });
    const second = await postSession({ token, headers });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotency-replayed")).toBe("true");
    const a = await first.json<{ sessionId: string }>();
    const b = await second.json<{ sessionId: string }>();
    expect(b.sessionId).toBe(a.sessionId);
  });

  it("answers 409 when the same key comes with another body", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const headers = { "idempotency-key": `conflict-${crypto.randomUUID()}` };
    expect((await postSession({ token, headers })).status).toBe(201);
    const other = await postSession({
      token,
      headers,
      body: `<primedocsConnect><Template Id="30b55516-80b5-41d7-801b-b31d6da376ac"/></primedocsConnect>`,
    });
    expect(other.status).toBe(409);
  });

  it("refuses a retry after the session ended, and the session stays gone", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const headers = { "idempotency-key": `ended-${crypto.randomUUID()}` };
    const first = await postSession({ token, headers });
    const { sessionId } = await first.json<{ sessionId: string }>();
    const del = await call(`${sessionBase()}/${sessionId}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(del.status).toBe(204);

    const retry = await postSession({ token, headers });
    expect(retry.status).toBe(409);
    expect((await getSession(token, sessionId, "Input")).status).toBe(404);
  });

  it("keeps keys of different clients apart", async () => {
    const key = `shared-${crypto.randomUUID()}`;
    const a = await postSession({
      token: await tokenFor(CLIENTS.custom),
      headers: { "idempotency-key": key },
    });
    const b = await postSession({
      token: await tokenFor(CLIENTS.other),
      headers: { "idempotency-key": key },
    });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    const ida = (await a.json<{ sessionId: string }>()).sessionId;
    const idb = (await b.json<{ sessionId: string }>()).sessionId;
    expect(ida).not.toBe(idb);
  });
});

describe("GET /{sessionId}/Navigation and /Input", () => {
  it("returns the template and language the payload named", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSampleSession(token);
    const res = await getSession(token, id, "Navigation");

    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      sessionId: id,
      template: { id: "30b55516-80b5-41d7-801b-b31d6da376ac" },
      documentLanguage: "es-es",
    });
    expect(res.headers.get("x-session-expires-at")).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("returns the tag filter as sent", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      body: `<primedocsConnect><Template><TagFilter AllowTemplatePicker="true"><Tag>Letter;Customer</Tag><Tag>Offer</Tag></TagFilter></Template></primedocsConnect>`,
    });
    const { sessionId } = await res.json<{ sessionId: string }>();
    const nav = await getSession(token, sessionId, "Navigation");
    expect(await nav.json()).toMatchObject({
      template: { tagFilter: { tags: ["Letter;Customer", "Offer"], allowTemplatePicker: true } },
    });
  });

  it("returns Forms and Data exactly as sent, whitespace included", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      body: `<primedocsConnect><Forms><Value Key="Notes">  two
lines &amp; more </Value></Forms><Data><Value Key="InvoiceNumber">1234</Value></Data></primedocsConnect>`,
    });
    const { sessionId } = await res.json<{ sessionId: string }>();
    const input = await getSession(token, sessionId, "Input");
    expect(await input.json()).toMatchObject({
      forms: { Notes: "  two\nlines & more " },
      data: { InvoiceNumber: "1234" },
    });
  });

  it("answers 404 to another client, as if the session did not exist", async () => {
    const id = await createSampleSession(await tokenFor(CLIENTS.custom));
    const other = await tokenFor(CLIENTS.other);

    expect((await getSession(other, id, "Navigation")).status).toBe(404);
    expect((await getSession(other, id, "Input")).status).toBe(404);
    const del = await call(`${sessionBase()}/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${other}` },
    });
    expect(del.status).toBe(404);
    expect((await getSession(await tokenFor(CLIENTS.custom), id, "Input")).status).toBe(200);
  });

  it("answers 404 for an unknown id and for an id that is not a GUID", async () => {
    const token = await tokenFor(CLIENTS.custom);
    expect((await getSession(token, crypto.randomUUID(), "Input")).status).toBe(404);
    expect((await getSession(token, "not-a-guid", "Input")).status).toBe(404);
  });

  it("matches ids and static segments in any case", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSampleSession(token);
    const res = await call(
      `/WEBAPI/API/V3/${DEMO_DATA_SOURCE}/CONNECT/SESSION/${id.toUpperCase()}/NAVIGATION`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(res.status).toBe(200);
  });
});

describe("methods a session path does not take", () => {
  it("answer 405 with Allow and a problem body, and unknown paths stay 404", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSampleSession(token);
    const authorization = `Bearer ${token}`;

    const execute = await call(`${sessionBase()}/${id}/Execute`, { headers: { authorization } });
    expect(execute.status).toBe(405);
    expect(execute.headers.get("allow")).toBe("POST");
    expect(execute.headers.get("content-type")).toBe("application/problem+json");
    expect(await execute.json()).toMatchObject({
      status: 405,
      detail: "This endpoint takes POST.",
    });

    const navigation = await call(`${sessionBase()}/${id}/Navigation`, {
      method: "POST",
      headers: { authorization },
    });
    expect(navigation.status).toBe(405);
    expect(navigation.headers.get("allow")).toBe("GET, HEAD");

    const create = await call(`/webapi${sessionBase()}/`, {
      method: "GET",
      headers: { authorization },
    });
    expect(create.headers.get("allow")).toBe("POST");

    const unknown = await call(`${sessionBase()}/${id}/Nothing`, { headers: { authorization } });
    expect(unknown.status).toBe(404);
  });
});

describe("Cache-Control", () => {
  it("marks every API answer no-store, problems included", async () => {
    const token = await tokenFor(CLIENTS.custom);
    expect((await postSession({ token })).headers.get("cache-control")).toBe("no-store");
    expect(
      (await postSession({ token, contentType: "text/plain" })).headers.get("cache-control"),
    ).toBe("no-store");
  });
});

describe("DELETE /{sessionId}", () => {
  it("ends the session: 204, then 404 on every later call", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSampleSession(token);
    const del = () =>
      call(`${sessionBase()}/${id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${token}` },
      });

    expect((await del()).status).toBe(204);
    expect((await getSession(token, id, "Input")).status).toBe(404);
    expect((await del()).status).toBe(404);
  });

  it("removes the R2 objects an execution stored under sessions/{id}/", async () => {
    await uploadDemoTemplates();
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const executed = await sessionCall(token, id, "Execute");
    expect(executed.status).toBe(200);
    await executed.arrayBuffer();
    const prefix = `sessions/${id}/`;
    expect((await env.FILES.list({ prefix })).objects).toHaveLength(2);

    const del = await call(`${sessionBase()}/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${token}` },
    });

    expect(del.status).toBe(204);
    expect((await env.FILES.list({ prefix })).objects).toEqual([]);
  });
});

describe("documented schemas", () => {
  it("describe the answers the API really gives", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const created = await (await postSession({ token })).json();
    expect(createdSessionSchema.safeParse(created).success).toBe(true);

    const { sessionId } = createdSessionSchema.parse(created);
    const navigation = await (await getSession(token, sessionId, "Navigation")).json();
    expect(navigationSchema.safeParse(navigation).error).toBeUndefined();
    const input = await (await getSession(token, sessionId, "Input")).json();
    expect(inputSchema.safeParse(input).error).toBeUndefined();
    const problem = await (await postSession({ token, body: "<x" })).json();
    expect(problemSchema.safeParse(problem).error).toBeUndefined();
  });
});

describe("GET /openapi.json", () => {
  it("describes the session routes and the JSON payload schema", async () => {
    const res = await call("/openapi.json");
    expect(res.status).toBe(200);
    const doc = await res.json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>();
    expect(doc.openapi).toBe("3.1.0");
    // JSON Schema patterns have no flags: a JavaScript `/…/i` must not leak into them.
    expect(JSON.stringify(doc)).not.toContain("$/i");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/v3/{datasourceId}/Connect/Session",
        "/api/v3/{datasourceId}/Connect/Session/{sessionId}/Navigation",
        "/api/v3/{datasourceId}/Connect/Session/{sessionId}/Input",
        "/api/v3/{datasourceId}/Connect/Session/{sessionId}/Execute",
        "/api/v3/{datasourceId}/Connect/Session/{sessionId}/Result/{executionId}",
        "/api/v3/{datasourceId}/Connect/Session/Template/{templateName}",
        "/api/v3/{datasourceId}/Admin/Templates/{templateId}",
        "/api/v3/{datasourceId}/Admin/SessionTemplates/{name}",
        "/api/v3/{datasourceId}/Admin/InitializerFiles/{fileName}",
      ]),
    );
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        "ConnectPayload",
        "CreatedSession",
        "Problem",
        "ExecuteRequest",
        "ExecutionReport",
        "TemplateMeta",
        "InitializerFile",
      ]),
    );
  });

  it("offers XML and JSON bodies for the create route, JSON by the ConnectPayload schema", async () => {
    const doc = await (
      await call("/openapi.json")
    ).json<{
      paths: Record<
        string,
        { post?: { requestBody?: { content?: Record<string, { schema?: unknown }> } } }
      >;
    }>();
    const content = doc.paths["/api/v3/{datasourceId}/Connect/Session"]?.post?.requestBody?.content;

    expect(content?.["application/json"]?.schema).toEqual({
      $ref: "#/components/schemas/ConnectPayload",
    });
    expect(content?.["application/xml"]).toBeDefined();
  });

  it("describes the template list's repeatable tag query parameter", async () => {
    const doc = await (
      await call("/openapi.json")
    ).json<{
      paths: Record<string, { get?: { parameters?: { name: string; schema?: unknown }[] } }>;
    }>();
    const parameters = doc.paths["/api/v3/{datasourceId}/Admin/Templates"]?.get?.parameters;
    const tag = parameters?.find((p) => p.name === "tag");

    expect(tag).toMatchObject({ in: "query", required: false, style: "form", explode: true });
    expect(tag?.schema).toMatchObject({ type: "array" });
  });

  it("describes template metadata with the schema that checks an upload", async () => {
    const doc = await (
      await call("/openapi.json")
    ).json<{
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }>();
    const meta = doc.components.schemas.TemplateMeta;
    expect(Object.keys(meta?.properties ?? {})).toEqual(
      expect.arrayContaining(["id", "name", "languages", "defaultLanguage", "formFields"]),
    );
  });
});
