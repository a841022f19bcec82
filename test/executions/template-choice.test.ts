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

describe("POST /{sessionId}/Execute without a template", () => {
  it("answers 422 that the session names no template, listing the ones to choose from", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, "<primedocsConnect/>");

    const res = await sessionCall(token, id, "Execute");

    expect(res.status).toBe(422);
    const body = await res.json<{ detail: string; candidates: { id: string }[] }>();
    expect(body.detail).toMatch(
      /^The session names no template and \d+ are available; name one of /,
    );
    expect(body.candidates.map((t) => t.id)).toContain("30b55516-80b5-41d7-801b-b31d6da376ac");
  });
});
