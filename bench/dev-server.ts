/**
 * Runs a Worker under `wrangler dev` for a benchmark: on a free loopback port, with its own
 * throw-away persistence directory, in its own process group so that stopping it also stops
 * workerd and esbuild. Every server started here is tracked until it is stopped, so an error
 * or Ctrl-C in the benchmark can still tear all of them down.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const LOOPBACK = "127.0.0.1";
/** How long wrangler may take to bundle the Worker and answer its first request. */
const START_TIMEOUT_MS = 90_000;
const READY_POLL_INTERVAL_MS = 250;
const READY_PROBE_TIMEOUT_MS = 2_000;
/** Grace between SIGTERM and SIGKILL when stopping. */
const STOP_GRACE_MS = 5_000;
/** Lines of wrangler output kept to explain a failed start. */
const OUTPUT_TAIL_LINES = 30;
/** What wrangler prints when esbuild cannot bundle the Worker; it then waits for edits. */
const BUILD_FAILED = "Build failed";
/**
 * Durable Object storage goes to memory where the system has it: every new object is a new
 * SQLite file, and on a VM disk its fsyncs would dominate what the benchmark measures.
 */
const MEMORY_TMP = "/dev/shm";

export interface DevServerOptions {
  /** Shown in messages: "service", "baseline". */
  label: string;
  /** The project root: wrangler runs here and is taken from its node_modules/.bin. */
  root: string;
  /** Path of the wrangler configuration file, relative to `root`. */
  config: string;
  /** `--var` values. */
  vars: Record<string, string>;
  /** Path that answers once the Worker is up; any HTTP status counts as an answer. */
  readyPath: string;
}

export interface DevServer {
  origin: string;
  stop(): Promise<void>;
}

interface Running {
  label: string;
  child: ChildProcess;
  persistDir: string;
  /** Set when the process could not be spawned at all. */
  spawnError: Error | null;
  buildFailed: boolean;
}

const running = new Set<Running>();

/** Starts `wrangler dev` and resolves once the Worker answers, or rejects with its output. */
export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  const port = await freePort();
  const inspectorPort = await freePort();
  const persistDir = await mkdtemp(join(persistRoot(), `connect-bench-${options.label}-`));
  const origin = `http://${LOOPBACK}:${port}`;

  const args = [
    "dev",
    "--config",
    options.config,
    "--port",
    String(port),
    "--ip",
    LOOPBACK,
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    persistDir,
    "--show-interactive-dev-session=false",
    // Leaves out wrangler's per-request lines and the Workers' own log lines, so that the
    // figures are about the Workers rather than about printing to a pipe.
    "--log-level",
    "warn",
    ...Object.entries(options.vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  ];

  const bin = join(options.root, "node_modules", ".bin");
  const child = spawn(join(bin, "wrangler"), args, {
    cwd: options.root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      // wrangler's launcher runs `node` from PATH; make it the Node that runs this script.
      PATH: [bin, dirname(process.execPath), process.env.PATH ?? ""].join(delimiter),
      WRANGLER_SEND_METRICS: "false",
    },
  });
  const entry: Running = {
    label: options.label,
    child,
    persistDir,
    spawnError: null,
    buildFailed: false,
  };
  running.add(entry);
  child.once("error", (error) => {
    entry.spawnError = error;
  });

  const tail: string[] = [];
  const keep = (chunk: Buffer): void => {
    const text = chunk.toString("utf8");
    if (text.includes(BUILD_FAILED)) entry.buildFailed = true;
    tail.push(...text.split("\n").filter(Boolean));
    tail.splice(0, Math.max(0, tail.length - OUTPUT_TAIL_LINES));
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);

  const server: DevServer = { origin, stop: () => stop(entry) };
  try {
    await waitUntilReady(entry, `${origin}${options.readyPath}`);
  } catch (error) {
    await server.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${options.label}: wrangler dev did not start (${reason})\n${tail.join("\n")}`,
      {
        cause: error,
      },
    );
  }
  return server;
}

/** Stops every server still running: for error paths. */
export async function stopAllDevServers(): Promise<void> {
  await Promise.all([...running].map((entry) => stop(entry)));
}

/** Last resort from an `exit` handler, where nothing asynchronous runs any more. */
export function killAllDevServersNow(): void {
  for (const entry of running) signalGroup(entry.child, "SIGKILL");
}

async function stop(entry: Running): Promise<void> {
  if (!running.has(entry)) return;

  if (isAlive(entry.child)) {
    signalGroup(entry.child, "SIGTERM");
    const ended = await exited(entry.child, STOP_GRACE_MS);
    if (!ended) {
      signalGroup(entry.child, "SIGKILL");
      await exited(entry.child, STOP_GRACE_MS);
    }
  }
  // wrangler may leave workerd behind for a moment after its own exit; end the whole group.
  signalGroup(entry.child, "SIGKILL");
  running.delete(entry);
  await rm(entry.persistDir, { recursive: true, force: true });
}

async function waitUntilReady(entry: Running, url: string): Promise<void> {
  const deadline = performance.now() + START_TIMEOUT_MS;

  while (performance.now() < deadline) {
    if (entry.spawnError) throw entry.spawnError;
    if (entry.buildFailed) throw new Error("the Worker does not build");
    if (!isAlive(entry.child)) {
      throw new Error(`wrangler exited with code ${entry.child.exitCode ?? "?"}`);
    }

    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(READY_PROBE_TIMEOUT_MS) });
      await res.arrayBuffer();
      return;
    } catch {
      // Not listening yet.
    }
    await sleep(READY_POLL_INTERVAL_MS);
  }
  throw new Error(`no answer from ${url} within ${START_TIMEOUT_MS / 1000} s`);
}

function isAlive(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** Signals the child's whole process group (it leads one: `detached`); gone groups are fine. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group has already ended.
  }
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (!isAlive(child)) return Promise.resolve(true);

  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      resolve(false);
    }, timeoutMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function persistRoot(): string {
  return existsSync(MEMORY_TMP) ? MEMORY_TMP : tmpdir();
}

/** A port the OS just handed out on loopback; free unless someone takes it in between. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, LOOPBACK, () => {
      const address = probe.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      probe.close(() => {
        if (port > 0) resolve(port);
        else reject(new Error("no free port"));
      });
    });
  });
}
