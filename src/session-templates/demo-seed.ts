/**
 * Local development starts with demo session templates (spec §8): the offers database in
 * D1, the customers CSV and .xlsx in R2, and definitions that use every initializer kind,
 * stored through the same checks as an admin upload. Called only when ENVIRONMENT is
 * `development`, once per isolate; a deployment never seeds anything.
 */
import {
  CUSTOMERS_CSV,
  CUSTOMERS_XLSX,
  DEMO_SQL,
  OFFER_DEFINITION,
  customerLetterDefinition,
  customersCsvBytes,
  customersXlsx,
} from "../../demo/session-templates/content.ts";
import { initializerFileKey } from "../initializers/file-source.ts";
import { getDefinitionSource, putDefinition } from "./store.ts";

let seeded: Promise<void> | undefined;

/** `origin` is where this Worker answers, so the HTTP demo can call its own demo endpoint. */
export function seedDemoSessionTemplates(
  env: Env,
  dataSourceIds: string[],
  origin: string,
): Promise<void> {
  seeded ??= seed(env, dataSourceIds, origin).catch((err: unknown) => {
    seeded = undefined;
    throw err;
  });
  return seeded;
}

/** Creates the demo tables and rows; safe to run again. Tests call it too. */
export async function seedDemoDatabase(db: D1Database): Promise<void> {
  await db.batch(DEMO_SQL.map((sql) => db.prepare(sql)));
}

async function seed(env: Env, dataSourceIds: string[], origin: string): Promise<void> {
  await seedDemoDatabase(env.SQL_DEMO);
  for (const dataSourceId of dataSourceIds) {
    const files: [string, Uint8Array, string][] = [
      [CUSTOMERS_CSV, customersCsvBytes(), "text/csv; charset=windows-1252"],
      [CUSTOMERS_XLSX, customersXlsx(), XLSX_TYPE],
    ];
    for (const [name, bytes, contentType] of files) {
      const key = initializerFileKey(dataSourceId, name);
      if ((await env.FILES.head(key)) === null) {
        await env.FILES.put(key, bytes, { httpMetadata: { contentType } });
      }
    }
    const definitions: [string, string][] = [
      ["CustomerLetter", customerLetterDefinition(origin)],
      ["Offer", OFFER_DEFINITION],
    ];
    for (const [name, source] of definitions) {
      if ((await getDefinitionSource(env, dataSourceId, name)) !== null) continue;
      const outcome = await putDefinition(env, dataSourceId, name, source);
      if (!outcome.ok) throw new Error(`demo session template ${name} was refused`);
    }
  }
  console.log(JSON.stringify({ event: "demo-session-templates-seeded" }));
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
