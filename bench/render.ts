/**
 * Document generation benchmark for the demo sample template ("Invoice letter", es-ES):
 * ours (prepared template cached), a plain uncached docxtemplater call and Carbone, per
 * document; then time and memory to bundle 20 documents into one ZIP.
 * Run with `npm exec -- node bench/render.ts`.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import Docxtemplater from "docxtemplater";
import { strToU8, zipSync, type Zippable } from "fflate";
import PizZip from "pizzip";

import { buildDemoTemplates } from "../demo/templates/build.ts";
import { invoiceLetter } from "../demo/templates/invoice-letter.ts";
import type { DemoContent, Inline } from "../demo/templates/source.ts";
import { documentParts } from "../demo/templates/wordml.ts";
import type { Values } from "../src/connect/model.ts";
import { packageDownloads } from "../src/commands/package.ts";
import type { ProducedFile } from "../src/execution/model.ts";
import { renderDocx } from "../src/generation/render.ts";

const DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const LANGUAGE = "es-ES";
/**
 * The three contenders run in turns, ROUNDS times, and each reports its median round:
 * on a shared machine that keeps a burst of load from favouring one of them.
 */
const ROUNDS = 7;
const WARMUP_RUNS = 100;
const RUNS_PER_ROUND = { ours: 1_000, plain: 200, carbone: 50 };
const BUNDLE_SIZE = 20;
const BUNDLE_RUNS = 200;
const BUNDLE_TARGET_MS = 50;
const BUNDLE_TARGET_BYTES = 64 * 1024 * 1024;

const forms: Values = {
  Subject: { kind: "value", text: "From Sample Script" },
  Notes: { kind: "value", text: "Sample Note\nwith a second line" },
};
const data: Values = { InvoiceNumber: { kind: "value", text: "1234" } };
const plainData = {
  Forms: { Subject: "From Sample Script", Notes: "Sample Note\nwith a second line" },
  Data: { InvoiceNumber: "1234" },
};

const template = sampleTemplate();
const ours = (): Uint8Array => {
  const result = renderDocx(template, { forms, data });
  if (!result.ok) {
    throw new Error("the demo template does not render");
  }
  return result.bytes;
};
const plain = (): Uint8Array => plainDocxtemplater(template);

const dir = mkdtempSync(join(tmpdir(), "carbone-bench-"));
try {
  const carbone = carboneRenderer(writeCarboneTemplate(dir));
  const rounds = { ours: [] as number[], plain: [] as number[], carbone: [] as number[] };
  timeSync(ours, WARMUP_RUNS);
  timeSync(plain, WARMUP_RUNS);
  await timeAsync(carbone, WARMUP_RUNS / 10);
  for (let round = 0; round < ROUNDS; round++) {
    rounds.ours.push(timeSync(ours, RUNS_PER_ROUND.ours));
    rounds.plain.push(timeSync(plain, RUNS_PER_ROUND.plain));
    rounds.carbone.push(await timeAsync(carbone, RUNS_PER_ROUND.carbone));
  }
  const [o, p, c] = [median(rounds.ours), median(rounds.plain), median(rounds.carbone)];

  console.log(`Sample template ${invoiceLetter.meta.id} (${LANGUAGE}), per document:`);
  report("ours (cached)", o, ours().length);
  report("docxtemplater (plain)", p, plain().length);
  report("Carbone", c, null);
  console.log(
    `ours / docxtemplater: ${((o / p) * 100).toFixed(0)} % (target ≤ 50 %: ${verdict(o <= p / 2)}); ` +
      `Carbone / ours: ${(c / o).toFixed(1)}× (target ≥ 10×: ${verdict(c >= 10 * o)})`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
bundleBenchmark();

function sampleTemplate(): Uint8Array {
  const { meta, files } = buildDemoTemplates();
  const key = meta.find((m) => m.id === invoiceLetter.meta.id)?.files[LANGUAGE];
  const bytes = key === undefined ? undefined : files[key];
  if (bytes === undefined) {
    throw new Error(`no ${LANGUAGE} file for the sample template`);
  }
  return bytes;
}

/** What an uncached docxtemplater user writes: load, compile, render, deflate everything. */
function plainDocxtemplater(bytes: Uint8Array): Uint8Array {
  const doc = new Docxtemplater(new PizZip(bytes), {
    paragraphLoop: true,
    linebreaks: true,
    nullGetter: () => "",
    parser: (tag: string) => ({ get: (scope: unknown) => walk(scope, tag.trim().split(".")) }),
  });
  doc.render(plainData);
  return doc.getZip().generate({ type: "uint8array", compression: "DEFLATE" });
}

function walk(scope: unknown, path: string[]): unknown {
  let current = scope;
  for (const key of path) {
    current =
      typeof current === "object" && current !== null ? Reflect.get(current, key) : undefined;
  }
  return current;
}

/** Mean milliseconds per call. */
function timeSync(run: () => unknown, runs: number): number {
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    run();
  }
  return (performance.now() - start) / runs;
}

async function timeAsync(run: () => Promise<void>, runs: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    await run();
  }
  return (performance.now() - start) / runs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Carbone renders from a file path with its own tag syntax, so it gets the same template
 * source with `{d.Forms.Subject}` tags, and the content control as a plain tag.
 */
function writeCarboneTemplate(directory: string): string {
  const content = invoiceLetter.content[LANGUAGE];
  if (content === undefined) {
    throw new Error(`no ${LANGUAGE} content`);
  }
  const path = join(directory, "invoice-letter.docx");
  writeFileSync(path, packDocx(documentParts(carboneContent(content))));
  return path;
}

function carboneRenderer(path: string): () => Promise<void> {
  const render = carboneRender();
  return () =>
    new Promise((resolve, reject) => {
      render(path, plainData, {}, (error: unknown) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(`Carbone: ${JSON.stringify(error)}`));
        } else {
          resolve();
        }
      });
    });
}

type CarboneRender = (
  path: string,
  data: object,
  options: object,
  callback: (error: unknown) => void,
) => void;

function carboneRender(): CarboneRender {
  const carbone: unknown = createRequire(import.meta.url)("carbone");
  const render: unknown =
    typeof carbone === "object" && carbone !== null ? Reflect.get(carbone, "render") : null;
  if (typeof render !== "function") {
    throw new Error("carbone.render not found");
  }
  return (path, values, options, callback) => {
    Reflect.apply(render, carbone, [path, values, options, callback]);
  };
}

function carboneContent(content: DemoContent): DemoContent {
  const tags = (text: string): string => text.replace(/\{(Forms|Data)\./g, "{d.$1.");
  const inline = (i: Inline): Inline => {
    if (typeof i === "string") {
      return tags(i);
    }
    if ("strong" in i) {
      return { strong: tags(i.strong) };
    }
    if ("split" in i) {
      return { split: i.split.map((piece) => piece.replace("{Forms", "{d.Forms")) };
    }
    return `{d.${i.control}}`;
  };
  return {
    header: content.header.map(inline),
    footer: content.footer.map(inline),
    body: content.body.map((b) =>
      "paragraph" in b ? { ...b, paragraph: b.paragraph.map(inline) } : b,
    ),
  };
}

function packDocx(parts: Record<string, string>): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, xml] of Object.entries(parts)) {
    zippable[name] = strToU8(xml);
  }
  return zipSync(zippable);
}

/** The same packaging Execute uses for several downloads: one ZIP, documents stored. */
function bundle(documents: ProducedFile[]): Uint8Array {
  return packageDownloads(documents, { modified: new Date() })?.bytes ?? new Uint8Array(0);
}

/**
 * Bundling 20 documents with fflate's `zipSync`, stored: time per bundle (mean of
 * BUNDLE_RUNS after a warm-up) and the memory the bundle adds (heap and array buffers,
 * measured around one run; the output ZIP is the bulk of it).
 */
function bundleBenchmark(): void {
  const documents = Array.from({ length: BUNDLE_SIZE }, (_, i) => {
    const result = renderDocx(template, { forms, data });
    if (!result.ok) {
      throw new Error("the demo template does not render");
    }
    return { name: `Invoice ${i % 5}.docx`, contentType: DOCX_CONTENT_TYPE, bytes: result.bytes };
  });
  timeSync(() => bundle(documents), WARMUP_RUNS);
  const ms = timeSync(() => bundle(documents), BUNDLE_RUNS);

  // With --expose-gc (as `npm run bench` runs it) the reading starts from a collected heap.
  globalThis.gc?.();
  const before = process.memoryUsage();
  const zip = bundle(documents);
  const after = process.memoryUsage();
  const added = Math.max(
    0,
    after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers),
  );
  const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  console.log(
    `ZIP of ${BUNDLE_SIZE} documents (stored, ${zip.length} bytes): ` +
      `${ms.toFixed(2)} ms (target < ${BUNDLE_TARGET_MS} ms: ${verdict(ms < BUNDLE_TARGET_MS)}), ` +
      `+${mib(added)} memory (target < ${mib(BUNDLE_TARGET_BYTES)}: ` +
      `${verdict(added < BUNDLE_TARGET_BYTES)}); process RSS ${mib(after.rss)}`,
  );
}

function report(label: string, ms: number, bytes: number | null): void {
  const perSecond = String(Math.round(1000 / ms)).padStart(6);
  const size = bytes === null ? "" : `  ${bytes} bytes`;
  console.log(
    `  ${label.padEnd(24)} ${(ms * 1000).toFixed(0).padStart(7)} µs  ${perSecond} docs/s${size}`,
  );
}

function verdict(met: boolean): string {
  return met ? "target met" : "target missed";
}
