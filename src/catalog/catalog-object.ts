/**
 * One Durable Object per data source holding its template catalog (spec §7): metadata in
 * SQLite with a tag index, so lookups by id and by tag filter are single queries and every
 * reader sees a replace at once. The `.docx` files themselves live in R2 under keys that
 * are never reused (catalog-service.ts); files a replace or delete supersedes are deleted
 * here by an alarm, a grace period later (docs/architecture.md, "Template files").
 */
import { DurableObject } from "cloudflare:workers";

import type { TemplateRef } from "../connect/model.ts";
import type { TemplateMeta } from "../templates/model.ts";
import { normalizeTag } from "../templates/resolve.ts";

/**
 * How long a superseded template file stays in R2. An execution reads the file right after
 * it read the metadata naming it; this leaves such a read ample time to find the file.
 */
export const SUPERSEDED_FILE_GRACE_MS = 5 * 60 * 1000;
/** Keys deleted per sweep; R2 deletes at most 1,000 keys per call. */
const MAX_SWEPT_FILES = 1000;

interface TemplateRow extends Record<string, SqlStorageValue> {
  id: string;
  meta: string;
}

export class CatalogObject extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    // The catalog is created on first use; unlike a session it has no life to protect.
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS template (
        id TEXT PRIMARY KEY,
        meta TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS template_tag (
        tag TEXT NOT NULL,
        template_id TEXT NOT NULL REFERENCES template(id) ON DELETE CASCADE,
        PRIMARY KEY (tag, template_id)
      );
      CREATE TABLE IF NOT EXISTS superseded_file (
        key TEXT PRIMARY KEY,
        delete_after INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS session_template (
        name_key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        source TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );`);
  }

  /**
   * Stores or replaces a template; returns the metadata it replaced, if any. The replaced
   * metadata's files that the new one does not name are superseded in the same transaction.
   */
  async put(meta: TemplateMeta): Promise<TemplateMeta | null> {
    const previous = this.get(meta.id);
    const sql = this.ctx.storage.sql;
    this.ctx.storage.transactionSync(() => {
      sql.exec("DELETE FROM template_tag WHERE template_id = ?", meta.id);
      sql.exec(
        `INSERT INTO template (id, meta, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET meta = excluded.meta, updated_at = excluded.updated_at`,
        meta.id,
        JSON.stringify(meta),
        Date.now(),
      );
      for (const tag of new Set(meta.tags.map(normalizeTag))) {
        sql.exec("INSERT INTO template_tag (tag, template_id) VALUES (?, ?)", tag, meta.id);
      }
      if (previous) this.#supersede(previous);
    });
    await this.#scheduleSweep();
    return previous;
  }

  get(id: string): TemplateMeta | null {
    const row = this.ctx.storage.sql
      .exec<TemplateRow>("SELECT id, meta FROM template WHERE id = ?", id.toLowerCase())
      .toArray()[0];
    return row ? parseMeta(row) : null;
  }

  list(): TemplateMeta[] {
    return this.ctx.storage.sql
      .exec<TemplateRow>("SELECT id, meta FROM template ORDER BY id")
      .toArray()
      .map(parseMeta);
  }

  /** Removes a template, superseding its files; returns what was removed. */
  async remove(id: string): Promise<TemplateMeta | null> {
    const previous = this.get(id);
    if (!previous) return null;
    this.ctx.storage.transactionSync(() => {
      this.ctx.storage.sql.exec("DELETE FROM template_tag WHERE template_id = ?", previous.id);
      this.ctx.storage.sql.exec("DELETE FROM template WHERE id = ?", previous.id);
      this.#supersede(previous);
    });
    await this.#scheduleSweep();
    return previous;
  }

  /**
   * Deletes from R2 the superseded files whose grace period ended by `now`, then sets the
   * alarm for the next ones. Safe to run twice: deleting a deleted key is not an error,
   * and a key leaves the table only after R2 confirmed. Returns how many were deleted.
   */
  async sweepFiles(now: number): Promise<number> {
    const due = this.ctx.storage.sql
      .exec<{ key: string }>(
        "SELECT key FROM superseded_file WHERE delete_after <= ? ORDER BY delete_after LIMIT ?",
        now,
        MAX_SWEPT_FILES,
      )
      .toArray()
      .map((row) => row.key);
    if (due.length > 0) {
      await this.env.FILES.delete(due);
      for (const key of due) {
        this.ctx.storage.sql.exec("DELETE FROM superseded_file WHERE key = ?", key);
      }
    }
    await this.#scheduleSweep();
    return due.length;
  }

  override async alarm(): Promise<void> {
    await this.sweepFiles(Date.now());
  }

  /**
   * Every template a reference selects, ordered by id: by id, by tag filter (an OR of
   * AND-groups, through the tag index), or all of them when no template was named.
   */
  match(ref: TemplateRef | null): TemplateMeta[] {
    if (ref === null) return this.list();
    if (ref.kind === "id") {
      const one = this.get(ref.id);
      return one ? [one] : [];
    }

    const ids = new Set<string>();
    for (const group of ref.anyOf) {
      const tags = [...new Set(group.map(normalizeTag).filter((t) => t !== ""))];
      if (tags.length === 0) return this.list();
      const placeholders = tags.map(() => "?").join(", ");
      const rows = this.ctx.storage.sql.exec<{ template_id: string }>(
        `SELECT template_id FROM template_tag WHERE tag IN (${placeholders})
         GROUP BY template_id HAVING COUNT(*) = ?`,
        ...tags,
        tags.length,
      );
      for (const row of rows) ids.add(row.template_id);
    }
    return [...ids]
      .sort()
      .map((id) => this.get(id))
      .filter((t): t is TemplateMeta => t !== null);
  }

  /**
   * Session-template definitions (spec §8), stored as the checked XML they were uploaded
   * as; `nameKey` is the lower-case name. Returns whether a definition was replaced.
   */
  putSessionTemplate(nameKey: string, name: string, source: string): boolean {
    const replaced = this.getSessionTemplate(nameKey) !== null;
    this.ctx.storage.sql.exec(
      `INSERT INTO session_template (name_key, name, source, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name_key) DO UPDATE SET
         name = excluded.name, source = excluded.source, updated_at = excluded.updated_at`,
      nameKey,
      name,
      source,
      Date.now(),
    );
    return replaced;
  }

  getSessionTemplate(nameKey: string): SessionTemplateRow | null {
    return (
      this.ctx.storage.sql
        .exec<SessionTemplateRow>(
          "SELECT name, source, updated_at FROM session_template WHERE name_key = ?",
          nameKey,
        )
        .toArray()[0] ?? null
    );
  }

  listSessionTemplates(): SessionTemplateRow[] {
    return this.ctx.storage.sql
      .exec<SessionTemplateRow>(
        "SELECT name, source, updated_at FROM session_template ORDER BY name_key",
      )
      .toArray();
  }

  removeSessionTemplate(nameKey: string): boolean {
    const cursor = this.ctx.storage.sql.exec(
      "DELETE FROM session_template WHERE name_key = ?",
      nameKey,
    );
    return cursor.rowsWritten > 0;
  }

  /** Files of `previous` that no current metadata names, to be deleted after the grace period. */
  #supersede(previous: TemplateMeta): void {
    const current = new Set(this.list().flatMap((t) => Object.values(t.files)));
    const deleteAfter = Date.now() + SUPERSEDED_FILE_GRACE_MS;
    for (const key of new Set(Object.values(previous.files))) {
      if (current.has(key)) continue;
      this.ctx.storage.sql.exec(
        `INSERT INTO superseded_file (key, delete_after) VALUES (?, ?)
         ON CONFLICT (key) DO NOTHING`,
        key,
        deleteAfter,
      );
    }
  }

  /** The alarm rings when the earliest superseded file is due; none left, no alarm. */
  async #scheduleSweep(): Promise<void> {
    const next = this.ctx.storage.sql
      .exec<{ due: number | null }>("SELECT MIN(delete_after) AS due FROM superseded_file")
      .one().due;
    if (next === null) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(next);
  }
}

/** A stored session-template definition: its name as written, XML source, last change. */
export interface SessionTemplateRow extends Record<string, SqlStorageValue> {
  name: string;
  source: string;
  updated_at: number;
}

function parseMeta(row: TemplateRow): TemplateMeta {
  // SAFETY: written by put() from metadata that parseTemplateMeta had accepted.
  return JSON.parse(row.meta) as TemplateMeta;
}
