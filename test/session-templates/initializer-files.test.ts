import { afterEach, describe, expect, it, vi } from "vitest";

import { customersCsvBytes, customersXlsx } from "../../demo/session-templates/content.ts";
import { MAX_INITIALIZER_FILE_BYTES } from "../../src/initializers/file-store.ts";
import { DEMO_DATA_SOURCE } from "../bindings.ts";
import { CLIENTS, call, getSession, tokenFor } from "../support/api.ts";

const FILES = `/api/v3/${DEMO_DATA_SOURCE}/Admin/InitializerFiles`;

async function admin(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${await tokenFor(CLIENTS.admin, "pd_AdminWebApi")}`);
  return call(`${FILES}${path}`, { ...init, headers });
}

function upload(name: string, body: BodyInit, type = "text/csv"): Promise<Response> {
  return admin(`/${name}`, { method: "PUT", headers: { "content-type": type }, body });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("Admin/InitializerFiles", () => {
  it("stores a CSV that a session template then reads", async () => {
    const put = await upload("Lists/Kunden.csv", customersCsvBytes());
    expect(put.status).toBe(201);
    expect(await put.json()).toMatchObject({ name: "Lists/Kunden.csv", contentType: "text/csv" });

    const definition = `<primedocsConnectSessionTemplate Name="FromUpload">
  <primedocsConnect><Template Id="6f1c2b7e-4a59-4c1e-9d3a-2b8f0e5a7c41"/></primedocsConnect>
  <Initializers>
    <CsvInitializer File="Lists/Kunden.csv" Delimiter=";" Encoding="windows-1252"
                    KeyColumn="CustomerId" KeyValue="{Data.CustomerId}">
      <Map From="Name" To="Data.CustomerName"/>
    </CsvInitializer>
  </Initializers>
</primedocsConnectSessionTemplate>`;
    const adminToken = await tokenFor(CLIENTS.admin, "pd_AdminWebApi");
    const defined = await call(`/api/v3/${DEMO_DATA_SOURCE}/Admin/SessionTemplates/FromUpload`, {
      method: "PUT",
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/xml" },
      body: definition,
    });
    expect(defined.status).toBe(201);

    const token = await tokenFor(CLIENTS.custom);
    const started = await call(
      `/api/v3/${DEMO_DATA_SOURCE}/Connect/Session/Template/FromUpload?Data.CustomerId=1002`,
      { method: "POST", headers: { authorization: `Bearer ${token}` } },
    );
    expect(started.status).toBe(201);
    const { sessionId } = await started.json<{ sessionId: string }>();
    const input = await (await getSession(token, sessionId, "Input")).json<{ data: object }>();
    expect(input.data).toEqual({ CustomerId: "1002", CustomerName: "Café Bühler GmbH" });
  });

  it("lists, returns, replaces and deletes files, keeping the case of their names", async () => {
    expect((await upload("Case/MixedName.csv", "a;b\n1;2\n")).status).toBe(201);
    expect((await upload("Case/MixedName.csv", "a;b\n3;4\n")).status).toBe(200);

    const list = await (await admin("")).json<{ files: { name: string; size: number }[] }>();
    expect(list.files).toContainEqual(expect.objectContaining({ name: "Case/MixedName.csv" }));

    const fetched = await admin("/Case/MixedName.csv");
    expect(await fetched.text()).toBe("a;b\n3;4\n");
    expect((await admin("/case/mixedname.csv")).status).toBe(404);

    expect((await admin("/Case/MixedName.csv", { method: "DELETE" })).status).toBe(204);
    expect((await admin("/Case/MixedName.csv", { method: "DELETE" })).status).toBe(404);
  });

  it("checks an .xlsx on upload and lists its sheets", async () => {
    const good = await upload("customers-upload.xlsx", customersXlsx(), "application/octet-stream");
    expect(good.status).toBe(201);
    expect(await good.json()).toMatchObject({ sheets: ["Customers"] });

    const broken = await upload("broken.xlsx", "not a zip at all", "application/octet-stream");
    expect(broken.status).toBe(400);
    expect((await broken.json<{ detail: string }>()).detail).toContain(
      "broken.xlsx is not a readable .xlsx",
    );
    expect((await admin("/broken.xlsx")).status).toBe(404);
  });

  it("refuses names that are not plain file names, empty bodies and oversized files", async () => {
    for (const name of ["..%2Fsecret.csv", ".hidden.csv", "a%20b.csv", "x".repeat(201)]) {
      const res = await upload(name, "a\n1\n");
      expect(res.status, name).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
    expect((await upload("empty.csv", "")).status).toBe(400);

    const tooLarge = await upload("big.csv", new Uint8Array(MAX_INITIALIZER_FILE_BYTES + 1));
    expect(tooLarge.status).toBe(413);
  });

  it("needs the admin scope", async () => {
    const res = await call(FILES, {
      headers: { authorization: `Bearer ${await tokenFor(CLIENTS.custom)}` },
    });
    expect(res.status).toBe(403);
  });
});
