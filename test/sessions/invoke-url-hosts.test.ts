import { describe, expect, it } from "vitest";

import { CLIENTS, postSession, tokenFor } from "../support/api.ts";

interface Answer {
  type: string;
  errors: { code: string; path: string; line: number | null; column: number | null }[];
}

const TEMPLATE = `<Template Id="30b55516-80b5-41d7-801b-b31d6da376ac"/>`;

function payload(onSuccess: string): string {
  return `<primedocsConnect>${TEMPLATE}\n<Commands><OnSuccess>${onSuccess}</OnSuccess></Commands></primedocsConnect>`;
}

async function create(body: string, contentType?: string): Promise<Response> {
  const token = await tokenFor(CLIENTS.custom);
  return postSession({ token, body, ...(contentType ? { contentType } : {}) });
}

describe("POST / with an InvokeUrl whose host is written out", () => {
  it("answers 400 naming the InvokeUrl with its line and column when the host is not allowed", async () => {
    const res = await create(
      payload(`<InvokeUrl Url="https://elsewhere.example/docs/{Data.Id}"><Report/></InvokeUrl>`),
    );

    expect(res.status).toBe(400);
    const body = await res.json<Answer>();
    expect(body.type).toBe("urn:connect-session:problem:invalid-payload");
    expect(body.errors).toEqual([
      {
        code: "url-not-allowed",
        path: "/primedocsConnect/Commands/OnSuccess/InvokeUrl[1]",
        line: 2,
        column: 22,
        message: "The host elsewhere.example is not on this data source's InvokeUrl allow-list.",
      },
    ]);
  });

  it("refuses http outside local development, even to an allowed host", async () => {
    const res = await create(
      payload(`<InvokeUrl Url="http://receiver.example/docs"><Report/></InvokeUrl>`),
    );

    expect(res.status).toBe(400);
    expect((await res.json<Answer>()).errors).toEqual([
      expect.objectContaining({
        code: "url-not-allowed",
        message: "The URL must use https (host receiver.example).",
      }),
    ]);
  });

  it("lists it in one answer with the payload's other problems", async () => {
    const res = await create(
      payload(
        `<SaveFile/><InvokeUrl Url="https://10.0.0.1/x"><Report/></InvokeUrl><DownloadFile><Document Conversion="Pdf"/></DownloadFile>`,
      ),
    );

    expect(res.status).toBe(400);
    const body = await res.json<Answer>();
    expect(body.errors.map((e) => e.code)).toEqual([
      "unsupported-command",
      "url-not-allowed",
      "conversion-unavailable",
    ]);
    expect(body.errors.every((e) => e.line === 2 && e.column !== null)).toBe(true);
  });

  it("accepts an allowed host, and leaves a host from a placeholder or a field to Execute", async () => {
    const res = await create(
      payload(
        `<InvokeUrl Url="https://receiver.example/docs"><Report/></InvokeUrl>` +
          `<InvokeUrl Url="https://{Data.Host}/docs"><Report/></InvokeUrl>` +
          `<InvokeUrl Url="https://elsewhere.example/fallback" field-Url="Data.Url"><Report/></InvokeUrl>`,
      ),
    );

    expect(res.status).toBe(201);
  });

  it("refuses it in the JSON form too", async () => {
    const res = await create(
      JSON.stringify({
        template: { id: "30b55516-80b5-41d7-801b-b31d6da376ac" },
        commands: {
          onSuccess: [{ type: "InvokeUrl", url: "https://elsewhere.example/x", target: "report" }],
        },
      }),
      "application/json",
    );

    expect(res.status).toBe(400);
    expect((await res.json<Answer>()).errors).toEqual([
      expect.objectContaining({
        code: "url-not-allowed",
        path: "/primedocsConnect/Commands/OnSuccess/InvokeUrl[1]",
        line: null,
        column: null,
      }),
    ]);
  });
});
