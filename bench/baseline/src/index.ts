/**
 * Benchmark baseline Worker: `POST /` creates one Durable Object (named by a fresh UUID),
 * writes one row into its SQLite storage and answers 201 with the id. Nothing else: no auth,
 * no parsing, no alarm. Its request rate is the ceiling a session create is compared with.
 */
import { DurableObject } from "cloudflare:workers";

interface BaselineEnv {
  BASELINE: DurableObjectNamespace<BaselineObject>;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS item (
    id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
  )`;

export class BaselineObject extends DurableObject<BaselineEnv> {
  /** Writes the one row this object ever holds and returns its id. */
  write(id: string): string {
    const sql = this.ctx.storage.sql;
    sql.exec(SCHEMA);
    sql.exec("INSERT INTO item (id, created_at) VALUES (?, ?)", id, Date.now());
    return id;
  }
}

export default {
  async fetch(request, env): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (request.method !== "POST" || path !== "/") return new Response(null, { status: 404 });

    const id = crypto.randomUUID();
    const stub = env.BASELINE.get(env.BASELINE.idFromName(id));
    const written = await stub.write(id);
    return Response.json({ id: written }, { status: 201 });
  },
} satisfies ExportedHandler<BaselineEnv>;
