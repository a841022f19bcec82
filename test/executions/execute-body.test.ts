import { beforeAll, describe, expect, it } from "vitest";

import {
  CLIENTS,
  SAMPLE_XML,
  createSession,
  sessionCall,
  tokenFor,
  uploadDemoTemplates,
} from "../support/api.ts";

interface Problem {
  type: string;
  status: number;
  title: string;
  detail: string;
}

const DOWNLOAD = SAMPLE_XML.replace(
  "</primedocsConnect>",
  `<Commands><OnSuccess><DownloadFile FileName="a.docx"><Document/></DownloadFile></OnSuccess></Commands></primedocsConnect>`,
);

async function execute(contentType: string, body: string): Promise<Response> {
  const token = await tokenFor(CLIENTS.custom);
  const id = await createSession(token, DOWNLOAD);
  return sessionCall(token, id, "Execute", { headers: { "content-type": contentType }, body });
}

beforeAll(async () => {
  await uploadDemoTemplates();
});

describe("POST /{sessionId}/Execute, the body's media type", () => {
  it("accepts application/json with a UTF-8 charset", async () => {
    const res = await execute("application/json; charset=UTF-8", '{"language":"de-CH"}');
    expect(res.status).toBe(200);
  });

  it("answers 415 for a media type that only starts with application/json", async () => {
    const res = await execute("application/jsonx", '{"language":"de-CH"}');
    expect(res.status).toBe(415);
    expect(await res.json<Problem>()).toMatchObject({
      type: "urn:connect-session:problem:unsupported-media-type",
      detail: "Content-Type 'application/jsonx' is not accepted. Send application/json, in UTF-8.",
    });
  });

  it("answers 415 for a charset other than UTF-8, as session create does", async () => {
    const res = await execute("application/json; charset=iso-8859-1", '{"language":"de-CH"}');
    expect(res.status).toBe(415);
    expect((await res.json<Problem>()).detail).toBe(
      "Charset 'iso-8859-1' is not supported. Send application/json, in UTF-8.",
    );
  });

  it("answers 415 for an XML body, which only session create takes", async () => {
    const res = await execute("application/xml", "<x/>");
    expect(res.status).toBe(415);
  });
});
