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

interface Issue {
  path: string;
  line: number | null;
  column: number | null;
  code: string;
  message: string;
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

describe("POST /{sessionId}/Execute, problems in the body", () => {
  async function errorsOf(body: string): Promise<Issue[]> {
    const res = await execute("application/json", body);
    expect(res.status).toBe(400);
    const problem = await res.json<Problem & { errors: Issue[] }>();
    expect(problem.type).toBe("urn:connect-session:problem:invalid-request");
    return problem.errors;
  }

  it("names a template id that is not a GUID, with its pointer and a stable code", async () => {
    expect(await errorsOf('{"templateId":"invoice"}')).toEqual([
      {
        path: "/templateId",
        line: null,
        column: null,
        code: "invalid-guid",
        message: "templateId must be a GUID, such as 30b55516-80b5-41d7-801b-b31d6da376ac.",
      },
    ]);
  });

  it("names a language that is not a culture tag", async () => {
    expect(await errorsOf('{"language":"German"}')).toEqual([
      expect.objectContaining({
        path: "/language",
        code: "invalid-culture",
        message: "language must be a culture tag, such as de-CH or en.",
      }),
    ]);
  });

  it("names a form value that is neither a string, an object nor a list of objects", async () => {
    expect(await errorsOf('{"forms":{"Subject":5}}')).toEqual([
      expect.objectContaining({
        path: "/forms/Subject",
        code: "invalid-value",
        message:
          "/forms/Subject must be a string, an object of values, or an array of such objects, not a number.",
      }),
    ]);
  });

  it("calls forms that are not an object an object in its message, in JSON's words", async () => {
    expect(await errorsOf('{"forms":[]}')).toEqual([
      expect.objectContaining({
        path: "/forms",
        code: "invalid-type",
        message: "/forms must be an object, not an array.",
      }),
    ]);
  });

  it("names an unknown member by its own pointer and says which members the body takes", async () => {
    expect(await errorsOf('{"author":"x","a/b":1}')).toEqual([
      expect.objectContaining({
        path: "/author",
        code: "unknown-property",
        message:
          "/author is not a known property; an Execute body takes templateId, language and forms.",
      }),
      expect.objectContaining({ path: "/a~1b", code: "unknown-property" }),
    ]);
  });

  it("names a body that is not an object as the whole body, ''", async () => {
    expect(await errorsOf("[]")).toEqual([
      expect.objectContaining({
        path: "",
        code: "invalid-type",
        message: "The Execute body must be an object, not an array.",
      }),
    ]);
  });

  it("names a form key that breaks the Connect key rules, __proto__ included", async () => {
    const errors = await errorsOf('{"forms":{"a.b":"x","__proto__":"y"}}');
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ["/forms/__proto__", "invalid-key"],
      ["/forms/a.b", "invalid-key"],
    ]);
  });

  it("lists every problem of the body in one answer", async () => {
    const errors = await errorsOf('{"templateId":7,"language":"x","forms":[]}');
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ["/templateId", "invalid-type"],
      ["/language", "invalid-culture"],
      ["/forms", "invalid-type"],
    ]);
  });
});

describe("POST /{sessionId}/Execute, a body that is not JSON", () => {
  it("answers 400 with malformed-json at the line and column where the text breaks", async () => {
    const res = await execute("application/json", '{\n  "language": "de-CH",\n}');
    expect(res.status).toBe(400);
    const problem = await res.json<Problem & { errors: Issue[] }>();
    expect(problem.detail).toBe("The Execute body is not valid JSON.");
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: "", code: "malformed-json", line: 3, column: 1 }),
    ]);
  });
});
