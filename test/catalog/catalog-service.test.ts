import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import { SUPERSEDED_FILE_GRACE_MS } from "../../src/catalog/catalog-object.ts";
import {
  deleteTemplate,
  getTemplate,
  readTemplateFile,
  sweepTemplateFiles,
  uploadTemplate,
} from "../../src/catalog/catalog-service.ts";
import { DEMO_DATA_SOURCE } from "../bindings.ts";
import { docxWithBody } from "../generation/docx-helpers.ts";
import { docxText } from "../support/docx.ts";

const name = { de: "Brief", fr: "Lettre", it: "Lettera", en: "Letter" };

function meta(id: string): Record<string, unknown> {
  return { id, name, tags: ["Letter"], languages: ["de-CH"], defaultLanguage: "de-CH" };
}

/** One file for every language, holding a copy of these exact bytes. */
function allLanguages(docx: Uint8Array): Map<string, Uint8Array<ArrayBuffer>> {
  return new Map([["*", new Uint8Array(docx)]]);
}

/**
 * The Worker environment with an R2 bucket that holds an upload after writing its files:
 * `written` resolves once they are in R2, and the upload goes on (switching the metadata)
 * only after `release()`. Lets a test interleave two replaces step by step.
 */
function paused(): { env: Env; written: Promise<undefined>; release: () => void } {
  const written = Promise.withResolvers<undefined>();
  const gate = Promise.withResolvers<undefined>();
  const files = env.FILES;
  const FILES = new Proxy(files, {
    get(target, property) {
      if (property === "put") {
        return async (...args: Parameters<R2Bucket["put"]>) => {
          const stored = await files.put(...args);
          written.resolve(undefined);
          await gate.promise;
          return stored;
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === "function" ? (value as () => unknown).bind(target) : value;
    },
  });
  return {
    env: { ...env, FILES },
    written: written.promise,
    release: () => {
      gate.resolve(undefined);
    },
  };
}

/** The template's files in R2, whatever metadata says. */
async function storedFiles(id: string): Promise<string[]> {
  const listed = await env.FILES.list({ prefix: `templates/${DEMO_DATA_SOURCE}/${id}/` });
  return listed.objects.map((o) => o.key);
}

/** Sweeps as the alarm would once the grace period of files superseded now has ended. */
function sweepAfterGrace(): Promise<number> {
  return sweepTemplateFiles(env, DEMO_DATA_SOURCE, Date.now() + SUPERSEDED_FILE_GRACE_MS);
}

function catalogStub() {
  return env.CATALOGS.get(env.CATALOGS.idFromName(DEMO_DATA_SOURCE));
}

async function currentText(id: string): Promise<string | null> {
  const current = await getTemplate(env, DEMO_DATA_SOURCE, id);
  const bytes = await readTemplateFile(env, current?.files["*"] ?? "");
  return bytes ? docxText(bytes) : null;
}

describe("uploadTemplate", () => {
  it("keeps the current file when two replaces interleave and one re-uploads the current bytes", async () => {
    const id = crypto.randomUUID();
    const first = docxWithBody(["Version 1"]);
    await uploadTemplate(env, DEMO_DATA_SOURCE, meta(id), allLanguages(first));
    const a = paused();
    const b = paused();

    const replaceA = uploadTemplate(
      a.env,
      DEMO_DATA_SOURCE,
      meta(id),
      allLanguages(docxWithBody(["Version 2"])),
    );
    await a.written;
    const replaceB = uploadTemplate(b.env, DEMO_DATA_SOURCE, meta(id), allLanguages(first));
    await b.written;
    // Both files are in R2; A switches the metadata first, then B switches it back.
    a.release();
    expect(await replaceA).toMatchObject({ ok: true, created: false });
    b.release();
    expect(await replaceB).toMatchObject({ ok: true, created: false });

    expect(await currentText(id)).toBe("Version 1");
    await sweepAfterGrace();
    expect(await currentText(id)).toBe("Version 1");
    const current = await getTemplate(env, DEMO_DATA_SOURCE, id);
    expect(await storedFiles(id)).toEqual([current?.files["*"]]);
  });

  it("writes a re-upload of the same bytes under a key of its own", async () => {
    const id = crypto.randomUUID();
    const docx = docxWithBody(["Hallo"]);
    await uploadTemplate(env, DEMO_DATA_SOURCE, meta(id), allLanguages(docx));
    const before = await getTemplate(env, DEMO_DATA_SOURCE, id);
    await uploadTemplate(env, DEMO_DATA_SOURCE, meta(id), allLanguages(docx));
    const after = await getTemplate(env, DEMO_DATA_SOURCE, id);

    expect(after?.files["*"]).not.toBe(before?.files["*"]);
  });

  it("keeps a replaced file readable through the grace period, for executions that read its metadata", async () => {
    const id = crypto.randomUUID();
    await uploadTemplate(env, DEMO_DATA_SOURCE, meta(id), allLanguages(docxWithBody(["Old"])));
    // An execution has read the metadata and is about to read the file when a replace lands.
    const seen = (await getTemplate(env, DEMO_DATA_SOURCE, id))?.files["*"] ?? "";
    await uploadTemplate(env, DEMO_DATA_SOURCE, meta(id), allLanguages(docxWithBody(["New"])));

    const read = await readTemplateFile(env, seen);
    expect(read && docxText(read)).toBe("Old");
    await sweepTemplateFiles(env, DEMO_DATA_SOURCE, Date.now());
    expect(await readTemplateFile(env, seen)).not.toBeNull();

    expect(await sweepAfterGrace()).toBeGreaterThanOrEqual(1);
    expect(await readTemplateFile(env, seen)).toBeNull();
    expect(await currentText(id)).toBe("New");
  });
});

describe("deleteTemplate", () => {
  it("deletes the template's files a grace period later", async () => {
    const id = crypto.randomUUID();
    await uploadTemplate(env, DEMO_DATA_SOURCE, meta(id), allLanguages(docxWithBody(["Hallo"])));

    expect(await deleteTemplate(env, DEMO_DATA_SOURCE, id)).toBe(true);
    expect(await getTemplate(env, DEMO_DATA_SOURCE, id)).toBeNull();
    expect(await storedFiles(id)).toHaveLength(1);

    await sweepAfterGrace();
    expect(await storedFiles(id)).toEqual([]);
  });
});

describe("CatalogObject alarm", () => {
  it("is set for when the earliest superseded file is due, and sweeps what is due", async () => {
    const id = crypto.randomUUID();
    await uploadTemplate(env, DEMO_DATA_SOURCE, meta(id), allLanguages(docxWithBody(["Hallo"])));
    const supersededAt = Date.now();
    await deleteTemplate(env, DEMO_DATA_SOURCE, id);

    const alarm = await runInDurableObject(catalogStub(), (_instance, state) =>
      state.storage.getAlarm(),
    );
    expect(alarm).not.toBeNull();
    expect(alarm).toBeLessThanOrEqual(supersededAt + SUPERSEDED_FILE_GRACE_MS + 1000);

    // Ringing early (as a retried alarm might) deletes nothing that is not yet due.
    expect(await runDurableObjectAlarm(catalogStub())).toBe(true);
    expect(await storedFiles(id)).toHaveLength(1);
  });
});
