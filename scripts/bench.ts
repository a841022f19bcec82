/**
 * `npm run bench`: every benchmark of the project in one run, printed side by side with its
 * target (docs/benchmarks.md). Parse throughput runs in this process; session latency runs
 * against the real Worker and a bare Durable Object baseline, each under its own `wrangler dev`,
 * measured in turns. Speed never fails the run; a broken benchmark does (exit code 1).
 *
 *   npm run bench            full run (about two minutes on two cores)
 *   npm run bench -- --quick a short run that checks the harness, not the speed
 *   npm run bench -- --only=sessions   one part: parse, sessions or render
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";

import {
  killAllDevServersNow,
  startDevServer,
  stopAllDevServers,
  type DevServer,
} from "../bench/dev-server.ts";
import { benchParse } from "../bench/parse.ts";
import { errorRow, parseRows, printTable, sessionRows, type Row } from "../bench/report.ts";
import { benchSessions, type SessionBenchOptions, type SessionFigures } from "../bench/sessions.ts";

const ROOT = join(import.meta.dirname, "..");
const QUICK = process.argv.includes("--quick");
const ONLY = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length) ?? null;
const wanted = (part: string): boolean => ONLY === null || ONLY === part;

const PARSE = QUICK ? { warmupMs: 200, measureMs: 400 } : { warmupMs: 1_000, measureMs: 2_000 };
const SESSIONS: SessionBenchOptions = {
  load: {
    requests: QUICK ? 100 : 1_000,
    concurrency: 8,
    /** Per phase; at the rates seen on two cores a phase takes a few seconds. */
    deadlineMs: 120_000,
    requestTimeoutMs: 10_000,
  },
  warmupRequests: QUICK ? 20 : 100,
};
const DEV_SETUP_TIMEOUT_MS = 60_000;
/** The render benchmark (bench/render.ts) is given this long before it is stopped. */
const RENDER_TIMEOUT_MS = 10 * 60_000;
const RENDER_SCRIPT = join("bench", "render.ts");
/** Exit code of a process ended by Ctrl-C (128 + SIGINT). */
const INTERRUPTED = 130;

/** Scripts started by `runNode` that have not ended yet (dev set-up, the render benchmark). */
const helpers = new Set<ChildProcess>();

async function main(): Promise<number> {
  const rows: Row[] = [];
  const [loadAtStart] = loadavg();
  console.log(
    `bench: Node ${process.version}, ${availableParallelism()} cores, ` +
      `load average ${(loadAtStart ?? 0).toFixed(1)} at start` +
      (QUICK ? "; quick run: the figures check the harness, not the speed" : ""),
  );

  if (wanted("parse")) {
    console.log("\n== parse and validate: the sample Connect payload ==");
    try {
      show(rows, parseRows(benchParse(PARSE)));
    } catch (error) {
      show(rows, [errorRow("parse", error)]);
    }
  }

  if (wanted("sessions")) {
    console.log("\n== sessions over HTTP: wrangler dev on loopback ==");
    const sessions = await section(rows, "sessions", measureSessions);
    if (sessions) show(rows, sessionRows(sessions));
  }

  if (!wanted("render")) return finish(rows);
  console.log("\n== document rendering (bench/render.ts) ==");
  // Hook: bench/render.ts is its own script that prints its own figures; it runs here, after
  // the dev servers have stopped, so that it has the CPU to itself.
  if (existsSync(join(ROOT, RENDER_SCRIPT))) {
    const ok = await section(rows, "render", async () => {
      // --expose-gc lets it collect garbage before its memory reading.
      await runNode(["--expose-gc", RENDER_SCRIPT], RENDER_TIMEOUT_MS, true);
      return true;
    });
    if (ok) rows.push({ benchmark: "render", figure: "printed above", target: "", verdict: "" });
  } else {
    rows.push({
      benchmark: "render",
      figure: `not run: ${RENDER_SCRIPT} is missing`,
      target: "",
      verdict: "",
    });
  }

  return finish(rows);
}

function finish(rows: Row[]): number {
  const [loadAtEnd] = loadavg();
  console.log(
    `\n== summary (${new Date().toISOString()}, load average ${(loadAtEnd ?? 0).toFixed(1)}) ==`,
  );
  printTable(rows);
  return rows.some((r) => r.verdict === "error") ? 1 : 0;
}

/**
 * Starts the baseline Worker and the service, each under its own `wrangler dev` (one after the
 * other, so that neither bundles while the other starts), measures them, and stops both. The
 * idle one costs nothing while the other is measured. Without a baseline the service is still
 * measured, and the comparison is left out.
 */
async function measureSessions(): Promise<SessionFigures> {
  const servers: DevServer[] = [];
  try {
    let baseline: DevServer | null = null;
    try {
      baseline = await startDevServer({
        label: "baseline",
        root: ROOT,
        config: join("bench", "baseline", "wrangler.toml"),
        vars: {},
        readyPath: "/",
      });
      servers.push(baseline);
    } catch (error) {
      console.error("bench: the baseline Worker did not start:", messageOf(error));
    }

    await runNode([join("scripts", "dev-setup.ts")], DEV_SETUP_TIMEOUT_MS, false);
    const service = await startDevServer({
      label: "service",
      root: ROOT,
      config: "wrangler.toml",
      // Like the baseline, the service logs no line per successful request while measured.
      vars: { ENVIRONMENT: "development", REQUEST_LOG: "errors" },
      readyPath: "/health",
    });
    servers.push(service);
    console.log(
      `service on ${service.origin}` +
        (baseline ? `, baseline on ${baseline.origin}` : "") +
        `; ${SESSIONS.load.requests} requests per kind at concurrency ${SESSIONS.load.concurrency}`,
    );

    return await benchSessions(service.origin, baseline?.origin ?? null, SESSIONS);
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

/** Prints a part's rows as soon as it ends, and keeps them for the summary. */
function show(rows: Row[], part: Row[]): void {
  printTable(part);
  rows.push(...part);
}

/** Runs one benchmark; an error becomes a table row and its full message is printed. */
async function section<T>(rows: Row[], name: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    console.error(`bench: ${name} failed:`, messageOf(error));
    rows.push(errorRow(name, error));
    return null;
  }
}

/** Runs this Node with `args` (a TypeScript file last), bounded in time; rejects unless exit 0. */
function runNode(args: string[], timeoutMs: number, showOutput: boolean): Promise<void> {
  const script = args.at(-1) ?? "node";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ["ignore", showOutput ? "inherit" : "ignore", "inherit"],
    });
    helpers.add(child);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      helpers.delete(child);
      reject(error);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      helpers.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`${script} ended with ${signal ?? `exit code ${code ?? "?"}`}`));
    });
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function interrupt(): void {
  console.error("\nbench: interrupted, stopping the dev servers");
  for (const child of helpers) child.kill("SIGKILL");
  void stopAllDevServers().finally(() => process.exit(INTERRUPTED));
}

process.once("SIGINT", interrupt);
process.once("SIGTERM", interrupt);
process.once("exit", killAllDevServersNow);

try {
  process.exitCode = await main();
} catch (error) {
  console.error("bench: unexpected failure:", error);
  process.exitCode = 1;
} finally {
  await stopAllDevServers();
}
