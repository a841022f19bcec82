/**
 * Starts a throwaway PostgreSQL server for the Hyperdrive tests (runs in Node, not workerd):
 * a new cluster in a temporary directory, password authentication (a Hyperdrive origin
 * always has one) on 127.0.0.1 only, a free port, fsync off. It seeds the tables the tests read and is stopped and removed afterwards.
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user that
 * Debian's package creates.
 */
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import postgres from "postgres";
import type { TestProject } from "vitest/node";

const USER = "initializer";
const PASSWORD = "initializer-test-password";
const DATABASE = "erp";

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup({ provide }: TestProject): Promise<() => void> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), "connect-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, uid("postgres"), gid("postgres"));
  const run = (tool: string, args: string[]) => {
    const command = asRoot ? "runuser" : join(bin, tool);
    const full = asRoot ? ["-u", "postgres", "--", join(bin, tool), ...args] : args;
    execFileSync(command, full, { stdio: ["ignore", "ignore", "pipe"] });
  };

  const data = join(dir, "data");
  const port = await freePort();
  const passwordFile = join(dir, "password");
  writeFileSync(passwordFile, PASSWORD);
  if (asRoot) chownSync(passwordFile, uid("postgres"), gid("postgres"));
  run("initdb", [
    ...["-D", data, "-U", USER, "-E", "UTF8", "--no-sync"],
    ...["-A", "scram-sha-256", "--pwfile", passwordFile],
  ]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "server.log"), "-w", "start"]);
  const stop = () => {
    run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    const admin = postgres(`postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`, {
      onnotice: () => {},
    });
    await admin.unsafe(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    await seed(`postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`);
  } catch (error) {
    stop();
    throw error;
  }

  provide("postgresUrl", `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`);
  return stop;
}

/** The tables the tests query: customers, and the positions of their orders. */
async function seed(url: string): Promise<void> {
  const sql = postgres(url, { onnotice: () => {} });
  await sql.unsafe(`
    CREATE TABLE customers (id text PRIMARY KEY, name text NOT NULL, city text);
    INSERT INTO customers VALUES
      ('C-1', 'Muster AG', 'Zürich'), ('C-2', 'Beispiel GmbH', 'Bern'), ('C-3', 'Exemple SA', NULL);
    CREATE TABLE order_lines (customer text, line int, article text, amount numeric(10,2));
    INSERT INTO order_lines VALUES
      ('C-1', 1, 'Beratung', 1200.00), ('C-1', 2, 'Lizenz', 250.50), ('C-2', 1, 'Support', 99.90);
    CREATE SEQUENCE audit_numbers;
    -- Functions the statement check cannot see into: what they do is the database's to refuse.
    CREATE FUNCTION next_audit_number() RETURNS bigint
      LANGUAGE sql VOLATILE AS $$ SELECT nextval('audit_numbers') $$;
    CREATE FUNCTION slow_lookup(seconds float8) RETURNS int
      LANGUAGE sql VOLATILE AS $$ SELECT 1 FROM pg_sleep(seconds) $$;
  `);
  await sql.end();
}

/** PostgreSQL's server programs: on the PATH, or where Debian's package puts them. */
function postgresBinDir(): string {
  const onPath = (process.env.PATH ?? "").split(":").find((d) => existsSync(join(d, "initdb")));
  if (onPath) return onPath;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions
    .map((v) => join(root, v, "bin"))
    .find((d) => existsSync(join(d, "initdb")));
  if (!found) throw new Error("PostgreSQL is not installed: apt-get install postgresql");
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

function uid(name: string): number {
  return Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim());
}

function gid(name: string): number {
  return Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim());
}
