import { beforeAll, describe, expect, it } from "vitest";

import {
  CLIENTS,
  SAMPLE_XML,
  createSession,
  sessionCall,
  tokenFor,
  uploadDemoTemplates,
} from "../support/api.ts";

const DOWNLOAD = SAMPLE_XML.replace(
  "</primedocsConnect>",
  `<Commands><OnSuccess><DownloadFile FileName="a.docx"><Document/></DownloadFile></OnSuccess></Commands></primedocsConnect>`,
);

beforeAll(async () => {
  await uploadDemoTemplates();
});

async function executed(): Promise<{ token: string; id: string; executionId: string }> {
  const token = await tokenFor(CLIENTS.custom);
  const id = await createSession(token, DOWNLOAD);
  const res = await sessionCall(token, id, "Execute");
  expect(res.status).toBe(200);
  return { token, id, executionId: res.headers.get("x-execution-id") ?? "" };
}

describe("GET /{sessionId}/Result/{executionId} content negotiation", () => {
  it("follows the Accept header's preferences, q-values included, and says it varies", async () => {
    const { token, id, executionId } = await executed();
    const get = (accept: string) =>
      sessionCall(token, id, `Result/${executionId}`, { method: "GET", headers: { accept } });

    const xmlPreferred = await get("application/json;q=0.1, application/xml");
    const jsonPreferred = await get("application/xml;q=0.5, application/json");
    const anything = await get("*/*");

    expect(xmlPreferred.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(jsonPreferred.headers.get("content-type")).toBe("application/json");
    expect(anything.headers.get("content-type")).toMatch(/^application\/xml/);
    expect(xmlPreferred.headers.get("vary")).toBe("Accept");
  });

  it("says the execution is unknown, not the session, for a malformed execution id", async () => {
    const { token, id } = await executed();

    const res = await sessionCall(token, id, "Result/not-an-id", { method: "GET" });

    expect(res.status).toBe(404);
    const body = await res.json<{ type: string; detail: string }>();
    expect(body.detail).toBe("No finished execution with this id in this session.");
  });
});
