/**
 * Test helpers that talk to the Worker the way an integrator does: over HTTP, with tokens
 * from the token endpoint. No shortcuts into internals unless a test says why.
 */
import { exports } from "cloudflare:workers";

import { SAMPLE_XML } from "../../demo/sample-payload.ts";
import { DEMO_DATA_SOURCE } from "../bindings.ts";

export const ORIGIN = "https://connect.test";

export { SAMPLE_XML } from "../../demo/sample-payload.ts";

export const CLIENTS = {
  custom: { id: "CustomApiClient", secret: "CustomClient_Secret_123" },
  other: { id: "OtherClient", secret: "Other_Secret_456" },
  admin: { id: "DemoAdminClient", secret: "Other_Secret_456" },
} as const;

export function call(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(`${ORIGIN}${path}`, init));
}

const tokens = new Map<string, string>();

export async function tokenFor(
  client: { id: string; secret: string },
  scope = "pd_ConnectWebApi",
): Promise<string> {
  const cacheKey = `${client.id} ${scope}`;
  const cached = tokens.get(cacheKey);
  if (cached) return cached;

  const res = await call("/ids/connect/token", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: client.id,
      client_secret: client.secret,
      scope,
    }),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status}`);
  const { access_token } = await res.json<{ access_token: string }>();
  tokens.set(cacheKey, access_token);
  return access_token;
}

export function sessionBase(dataSource = DEMO_DATA_SOURCE): string {
  return `/api/v3/${dataSource}/Connect/Session`;
}

export interface CreateOptions {
  token: string;
  body?: string;
  contentType?: string;
  dataSource?: string;
  headers?: Record<string, string>;
}

export function postSession(opts: CreateOptions): Promise<Response> {
  return call(sessionBase(opts.dataSource), {
    method: "POST",
    headers: {
      authorization: `Bearer ${opts.token}`,
      "content-type": opts.contentType ?? "application/xml; charset=utf-8",
      ...opts.headers,
    },
    body: opts.body ?? SAMPLE_XML,
  });
}

export async function createSampleSession(token: string): Promise<string> {
  const res = await postSession({ token });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  const { sessionId } = await res.json<{ sessionId: string }>();
  return sessionId;
}

export function getSession(
  token: string,
  sessionId: string,
  what: "Navigation" | "Input",
  dataSource?: string,
): Promise<Response> {
  return call(`${sessionBase(dataSource)}/${sessionId}/${what}`, {
    headers: { authorization: `Bearer ${token}` },
  });
}

/**
 * Uploads the demo templates through the admin API, the way an administrator would; a
 * template already present is replaced, so every test file can call it.
 */
export async function uploadDemoTemplates(dataSource = DEMO_DATA_SOURCE): Promise<void> {
  const { buildDemoTemplates } = await import("../../demo/templates/build.ts");
  const demo = buildDemoTemplates();
  const token = await tokenFor(CLIENTS.admin, "pd_AdminWebApi");

  for (const meta of demo.meta) {
    const form = new FormData();
    const { files, ...rest } = meta;
    form.set("meta", JSON.stringify(rest));
    for (const [language, key] of Object.entries(files)) {
      const bytes = demo.files[key];
      if (!bytes) throw new Error(`demo file ${key} missing`);
      const part = language === "*" ? "file" : `file:${language}`;
      form.set(part, new File([new Uint8Array(bytes)], key));
    }
    const res = await call(`/api/v3/${dataSource}/Admin/Templates/${meta.id}`, {
      method: "PUT",
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (res.status !== 201 && res.status !== 200) {
      throw new Error(`upload of ${meta.id} failed: ${res.status} ${await res.text()}`);
    }
  }
}

export function sessionCall(
  token: string,
  sessionId: string,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${token}`);
  return call(`${sessionBase()}/${sessionId}/${path}`, { method: "POST", ...init, headers });
}

export async function createSession(token: string, xml: string): Promise<string> {
  const res = await postSession({ token, body: xml });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json<{ sessionId: string }>()).sessionId;
}
