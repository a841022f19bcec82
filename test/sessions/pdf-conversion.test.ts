import { describe, expect, it } from "vitest";

import { CLIENTS, postSession, tokenFor } from "../support/api.ts";

interface Answer {
  type: string;
  errors: { code: string; path: string; line: number | null; column: number | null }[];
}

const TEMPLATE = `<Template Id="30b55516-80b5-41d7-801b-b31d6da376ac"/>`;
const PDF_DOWNLOAD = `<DownloadFile FileName="a.pdf"><Document Conversion="Pdf"/></DownloadFile>`;

describe('POST / with Conversion="Pdf" and no converter configured', () => {
  it("answers 422 naming the Document element with its line and column", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      body: `<primedocsConnect>${TEMPLATE}\n<Commands><OnSuccess>${PDF_DOWNLOAD}</OnSuccess></Commands></primedocsConnect>`,
    });

    expect(res.status).toBe(422);
    const body = await res.json<Answer>();
    expect(body.type).toBe("urn:connect-session:problem:unsupported-feature");
    expect(body.errors).toEqual([
      expect.objectContaining({
        code: "conversion-unavailable",
        path: "/primedocsConnect/Commands/OnSuccess/DownloadFile[1]/Document",
        line: 2,
        column: 53,
      }),
    ]);
  });

  it("lists it in one answer with the payload's other problems", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      body: `<primedocsConnect>${TEMPLATE}<Commands><OnSuccess><SaveFile/>${PDF_DOWNLOAD}</OnSuccess></Commands></primedocsConnect>`,
    });

    expect(res.status).toBe(400);
    const body = await res.json<Answer>();
    expect(body.errors.map((e) => e.code)).toEqual([
      "unsupported-command",
      "conversion-unavailable",
    ]);
    expect(body.errors.every((e) => e.line === 1 && e.column !== null)).toBe(true);
  });

  it("answers 422 for the JSON form too", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const res = await postSession({
      token,
      contentType: "application/json",
      body: JSON.stringify({
        template: { id: "30b55516-80b5-41d7-801b-b31d6da376ac" },
        commands: {
          onSuccess: [
            { type: "DownloadFile", fileName: "a.pdf", target: "document", conversion: "Pdf" },
          ],
        },
      }),
    });

    expect(res.status).toBe(422);
    expect((await res.json<Answer>()).errors[0]?.code).toBe("conversion-unavailable");
  });
});
