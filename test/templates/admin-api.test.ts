import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import { SUPERSEDED_FILE_GRACE_MS } from "../../src/catalog/catalog-object.ts";
import { sweepTemplateFiles } from "../../src/catalog/catalog-service.ts";
import { MAX_INFLATED_BYTES, MAX_ZIP_ENTRIES } from "../../src/generation/zip-reader.ts";
import { DEMO_DATA_SOURCE } from "../bindings.ts";
import { docxWithBody } from "../generation/docx-helpers.ts";
import { CLIENTS, call, tokenFor } from "../support/api.ts";
import { docxText } from "../support/docx.ts";

const BASE = `/api/v3/${DEMO_DATA_SOURCE}/Admin/Templates`;
const name = { de: "Brief", fr: "Lettre", it: "Lettera", en: "Letter" };

interface Problem {
  status: number;
  errors: { path: string; code: string; message: string }[];
}

function meta(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    tags: ["Letter"],
    languages: ["de-CH", "en-GB"],
    defaultLanguage: "de-CH",
    formFields: [{ id: "Subject", type: "text", label: name }],
    ...overrides,
  };
}

/** `files` maps a part name (`file` or `file:{culture}`) to the `.docx` bytes. */
async function put(
  id: string,
  files: Record<string, Uint8Array>,
  metadata = meta(),
  client: { id: string; secret: string } = CLIENTS.admin,
  scope = "pd_AdminWebApi",
): Promise<Response> {
  const form = new FormData();
  form.set("meta", JSON.stringify(metadata));
  for (const [part, bytes] of Object.entries(files)) {
    form.set(part, new File([new Uint8Array(bytes)], `${part}.docx`));
  }
  return call(`${BASE}/${id}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${await tokenFor(client, scope)}` },
    body: form,
  });
}

async function admin(path: string, init: RequestInit = {}): Promise<Response> {
  const token = await tokenFor(CLIENTS.admin, "pd_AdminWebApi");
  return call(`${BASE}${path}`, { ...init, headers: { authorization: `Bearer ${token}` } });
}

/** What the upload stored in R2 for a template id. */
async function storedFiles(id: string): Promise<string[]> {
  const listed = await env.FILES.list({ prefix: `templates/${DEMO_DATA_SOURCE}/${id}/` });
  return listed.objects.map((o) => o.key);
}

/** Runs the catalog's sweep as its alarm does once files superseded now are due. */
async function sweepAfterGrace(): Promise<void> {
  await sweepTemplateFiles(env, DEMO_DATA_SOURCE, Date.now() + SUPERSEDED_FILE_GRACE_MS);
}

/** Offset of the end-of-central-directory record and of the first central header. */
function zipLayout(zip: Uint8Array): { eocd: number; central: number } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd > 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  return { eocd, central: view.getUint32(eocd + 16, true) };
}

describe("admin template API", () => {
  it("uploads, lists, fetches, replaces and deletes a template", async () => {
    const id = crypto.randomUUID();
    const de = docxWithBody(["Hallo {Forms.Subject}"]);
    const en = docxWithBody(["Hello {Forms.Subject}"]);

    const created = await put(id, { "file:de-CH": de, "file:en-GB": en });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id, tags: ["Letter"] });

    const list = await (await admin("")).json<{ templates: { id: string }[] }>();
    expect(list.templates.map((t) => t.id)).toContain(id);
    expect(await (await admin(`/${id}`)).json()).toMatchObject({
      id,
      languages: ["de-CH", "en-GB"],
      defaultLanguage: "de-CH",
    });
    const deFile = await admin(`/${id}/Files/de-CH`);
    expect(deFile.headers.get("content-type")).toBe(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(new Uint8Array(await deFile.arrayBuffer())).toEqual(de);
    expect(new Uint8Array(await (await admin(`/${id}/Files/en-GB`)).arrayBuffer())).toEqual(en);
    expect((await admin(`/${id}/Files/all`)).status).toBe(404);

    const all = docxWithBody(["Guten Tag {Forms.Subject}"]);
    const replaced = await put(id, { file: all }, meta({ tags: ["Letter", "Customer"] }));
    expect(replaced.status).toBe(200);
    expect(await (await admin(`/${id}`)).json()).toMatchObject({ tags: ["Letter", "Customer"] });
    expect(docxText(new Uint8Array(await (await admin(`/${id}/Files/all`)).arrayBuffer()))).toBe(
      "Guten Tag {Forms.Subject}",
    );
    expect((await admin(`/${id}/Files/de-CH`)).status).toBe(404);
    // The replaced files stay for executions that read the old metadata, until the sweep.
    expect(await storedFiles(id)).toHaveLength(3);
    await sweepAfterGrace();
    expect(await storedFiles(id)).toHaveLength(1);

    expect((await admin(`/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await admin(`/${id}`)).status).toBe(404);
    expect((await admin(`/${id}/Files/all`)).status).toBe(404);
    expect((await admin(`/${id}`, { method: "DELETE" })).status).toBe(404);
    await sweepAfterGrace();
    expect(await storedFiles(id)).toEqual([]);
  });

  it("rejects a file that is not a .docx package, and stores nothing", async () => {
    const id = crypto.randomUUID();
    const res = await put(id, { file: new TextEncoder().encode("%PDF-1.7 not a zip") });

    expect(res.status).toBe(400);
    expect((await res.json<Problem>()).errors).toEqual([
      expect.objectContaining({ path: "/file:*/", code: "zip-not-a-zip" }),
    ]);
    expect((await admin(`/${id}`)).status).toBe(404);
    expect(await storedFiles(id)).toEqual([]);
  });

  it("rejects an unclosed tag with its part and offset", async () => {
    const id = crypto.randomUUID();
    const res = await put(id, {
      "file:de-CH": docxWithBody(["Betreff: {Forms.Subject"]),
      "file:en-GB": docxWithBody(["Subject: {Forms.Subject}"]),
    });

    expect(res.status).toBe(400);
    const { type, title, errors } = await res.json<Problem & { type: string; title: string }>();
    expect(type).toBe("urn:connect-session:problem:invalid-template");
    expect(title).toBe("The template upload is not valid");
    expect(errors).toEqual([
      expect.objectContaining({ path: "/file:de-CH/word/document.xml", code: "unclosed_tag" }),
    ]);
    expect(errors[0]?.message).toContain("offset 9");
    expect((await admin(`/${id}`)).status).toBe(404);
  });

  it("rejects a loop that is never closed with its part, tag and offset", async () => {
    const id = crypto.randomUUID();
    const res = await put(id, { file: docxWithBody(["Items:", "{#Data.Items}{Name}"]) });

    expect(res.status).toBe(400);
    const { errors } = await res.json<Problem>();
    expect(errors).toEqual([
      expect.objectContaining({ path: "/file:*/word/document.xml", code: "unclosed_loop" }),
    ]);
    expect(errors[0]?.message).toContain("(tag 'Data.Items', offset 6)");
    expect((await admin(`/${id}`)).status).toBe(404);
  });

  it("refuses an archive declaring too many entries before reading them", async () => {
    const id = crypto.randomUUID();
    const docx = docxWithBody(["Hallo"]);
    new DataView(docx.buffer).setUint16(zipLayout(docx).eocd + 10, MAX_ZIP_ENTRIES + 1, true);

    const res = await put(id, { file: docx });

    expect(res.status).toBe(400);
    const { errors } = await res.json<Problem>();
    expect(errors).toEqual([expect.objectContaining({ code: "zip-too-many-entries" })]);
    expect(errors[0]?.message).toContain(`limit ${MAX_ZIP_ENTRIES}`);
    expect(await storedFiles(id)).toEqual([]);
  });

  it("refuses an archive declaring too many inflated bytes before inflating it", async () => {
    const id = crypto.randomUUID();
    const docx = docxWithBody(["Hallo"]);
    new DataView(docx.buffer).setUint32(zipLayout(docx).central + 24, MAX_INFLATED_BYTES + 1, true);

    const res = await put(id, { file: docx });

    expect(res.status).toBe(400);
    const { errors } = await res.json<Problem>();
    expect(errors).toEqual([expect.objectContaining({ code: "zip-too-large" })]);
    expect(errors[0]?.message).toContain(`inflate to more than ${MAX_INFLATED_BYTES} bytes`);
    expect(await storedFiles(id)).toEqual([]);
  });

  it("lists only the templates a tag filter matches: ';' within a tag is AND, repeats are OR", async () => {
    const tag = (t: string) => `${t}-${crypto.randomUUID().slice(0, 8)}`;
    const [offer, customer, memo] = [tag("Offer"), tag("Customer"), tag("Memo")];
    const ids = {
      both: crypto.randomUUID(),
      offer: crypto.randomUUID(),
      memo: crypto.randomUUID(),
    };
    const file = { file: docxWithBody(["Hallo"]) };
    expect((await put(ids.both, file, meta({ tags: [offer, customer] }))).status).toBe(201);
    expect((await put(ids.offer, file, meta({ tags: [offer] }))).status).toBe(201);
    expect((await put(ids.memo, file, meta({ tags: [memo] }))).status).toBe(201);
    const listed = async (query: string) => {
      const res = await admin(`?${query}`);
      expect(res.status).toBe(200);
      return (await res.json<{ templates: { id: string }[] }>()).templates.map((t) => t.id);
    };
    const sorted = (...list: string[]) => [...list].sort();

    expect(await listed(`tag=${offer}`)).toEqual(sorted(ids.both, ids.offer));
    expect(await listed(`tag=${encodeURIComponent(`${offer};${customer}`)}`)).toEqual([ids.both]);
    expect(
      await listed(`tag=${encodeURIComponent(` ${customer.toUpperCase()} ; ${offer} `)}`),
    ).toEqual([ids.both]);
    expect(await listed(`tag=${encodeURIComponent(`${customer};${offer}`)}&tag=${memo}`)).toEqual(
      sorted(ids.both, ids.memo),
    );
    expect(await listed(`tag=${tag("Nothing")}`)).toEqual([]);
  });

  it("answers 400 for a tag filter with an empty tag", async () => {
    const res = await admin(`?tag=Letter&tag=${encodeURIComponent("Offer;;Customer")}`);

    expect(res.status).toBe(400);
    expect((await res.json<Problem>()).errors).toEqual([
      expect.objectContaining({ path: "/tag/1", code: "invalid-tag" }),
    ]);
    expect((await admin("?tag=")).status).toBe(400);
    expect((await admin(`?${"tag=Letter&".repeat(51)}`)).status).toBe(400);
    expect((await admin(`?${"tag=Letter&".repeat(50)}`)).status).toBe(200);
  });

  it("answers 403 to a token without the admin scope", async () => {
    const id = crypto.randomUUID();
    const token = await tokenFor(CLIENTS.custom);

    const res = await put(
      id,
      { file: docxWithBody(["Hallo"]) },
      meta(),
      CLIENTS.custom,
      "pd_ConnectWebApi",
    );
    expect(res.status).toBe(403);
    expect((await call(BASE, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    expect(await storedFiles(id)).toEqual([]);
  });
});
