/**
 * Writes the demo templates to `demo/templates/out/`: one `.docx` per file key and
 * `catalog.json` with the metadata. Run with `npm exec -- node scripts/build-demo-templates.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { buildDemoTemplates } from "../demo/templates/build.ts";

const OUT_DIR = join(import.meta.dirname, "..", "demo", "templates", "out");

const { meta, files } = buildDemoTemplates();
mkdirSync(OUT_DIR, { recursive: true });
for (const [key, bytes] of Object.entries(files)) {
  writeFileSync(join(OUT_DIR, key), bytes);
}
writeFileSync(join(OUT_DIR, "catalog.json"), `${JSON.stringify(meta, null, 2)}\n`);
console.log(`Wrote ${Object.keys(files).length} files and catalog.json to ${OUT_DIR}`);
