/**
 * Local development starts with demo templates (spec §7): built from the readable sources
 * in demo/templates/ and uploaded through the same checks as an admin upload. Called only
 * when ENVIRONMENT is `development`, once per isolate; a deployment never seeds anything.
 */
import { buildDemoTemplates } from "../../demo/templates/build.ts";
import { getTemplate, uploadTemplate } from "./catalog-service.ts";

let seeded: Promise<void> | undefined;

export function seedDemoTemplates(env: Env, dataSourceIds: string[]): Promise<void> {
  seeded ??= seed(env, dataSourceIds).catch((err: unknown) => {
    seeded = undefined;
    throw err;
  });
  return seeded;
}

async function seed(env: Env, dataSourceIds: string[]): Promise<void> {
  const demo = buildDemoTemplates();
  for (const dataSourceId of dataSourceIds) {
    for (const meta of demo.meta) {
      if (await getTemplate(env, dataSourceId, meta.id)) continue;

      const files = new Map<string, Uint8Array<ArrayBuffer>>();
      for (const [language, key] of Object.entries(meta.files)) {
        const bytes = demo.files[key];
        if (bytes) files.set(language, new Uint8Array(bytes));
      }
      const outcome = await uploadTemplate(env, dataSourceId, { ...meta }, files);
      if (!outcome.ok) throw new Error(`demo template ${meta.id} was refused`);
    }
  }
  console.log(
    JSON.stringify({ event: "demo-templates-seeded", dataSources: dataSourceIds.length }),
  );
}
