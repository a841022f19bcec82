import { exports } from "cloudflare:workers";
import * as oauth from "oauth4webapi";
import { describe, expect, it } from "vitest";

import { SAMPLE_XML } from "../../demo/sample-payload.ts";
import { ORIGIN, sessionBase } from "../support/api.ts";

/** Sends the OAuth library's requests to the Worker itself instead of the network. */
const intoWorker = {
  [oauth.customFetch]: (
    url: string,
    init: oauth.CustomFetchOptions<string, URLSearchParams | undefined>,
  ) => exports.default.fetch(new Request(url, init)),
};

describe("the sample flow with a standard OAuth client library", () => {
  it("takes a token with oauth4webapi from discovery and creates and reads a session", async () => {
    const issuer = new URL(`${ORIGIN}/ids`);
    const as = await oauth.processDiscoveryResponse(
      issuer,
      await oauth.discoveryRequest(issuer, intoWorker),
    );
    const client: oauth.Client = { client_id: "CustomApiClient" };
    const auth = oauth.ClientSecretPost("CustomClient_Secret_123");
    const grant = await oauth.clientCredentialsGrantRequest(
      as,
      client,
      auth,
      { scope: "pd_ConnectWebApi" },
      intoWorker,
    );
    const { access_token } = await oauth.processClientCredentialsResponse(as, client, grant);

    const created = await exports.default.fetch(
      new Request(`${ORIGIN}${sessionBase()}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${access_token}`,
          "content-type": "application/xml; charset=utf-8",
        },
        body: SAMPLE_XML,
      }),
    );
    expect(created.status).toBe(201);
    const { sessionId } = await created.json<{ sessionId: string }>();

    const input = await exports.default.fetch(
      new Request(`${ORIGIN}${sessionBase()}/${sessionId}/Input`, {
        headers: { authorization: `Bearer ${access_token}` },
      }),
    );
    expect(await input.json()).toMatchObject({
      forms: { Subject: "From Sample Script", Notes: "Sample Note" },
      data: { InvoiceNumber: "1234" },
    });
  });
});
