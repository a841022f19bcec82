import { beforeAll, describe, expect, it } from "vitest";

import {
  CLIENTS,
  createSession,
  sessionCall,
  tokenFor,
  uploadDemoTemplates,
} from "../support/api.ts";

beforeAll(async () => {
  await uploadDemoTemplates();
});

describe("POST /{sessionId}/Execute with form values that do not fit the template", () => {
  it("still generates, and the report warns about the missing required field", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(
      token,
      `<primedocsConnect><Template Id="30b55516-80b5-41d7-801b-b31d6da376ac"/>
<Forms><Value Key="Notes">n</Value></Forms>
<Commands><OnSuccess><DownloadFile FileName="a.docx"><Document/></DownloadFile></OnSuccess></Commands>
</primedocsConnect>`,
    );

    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(200);
    const report = await sessionCall(
      token,
      id,
      `Result/${res.headers.get("x-execution-id") ?? ""}`,
      {
        method: "GET",
        headers: { accept: "application/json" },
      },
    );
    const body = await report.json<{ status: string; warnings: string[] }>();
    expect(body.status).toBe("Success");
    expect(body.warnings).toContain("Forms.Subject is required by the template but has no value.");
  });
});
