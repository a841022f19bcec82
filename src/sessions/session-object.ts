/**
 * One Durable Object per Connect session (spec §9). It owns the session's row in its own
 * SQLite storage, the sliding one-hour life, and the alarm that deletes the session together
 * with its R2 prefix. Callers pass who they are; a session never answers a foreign caller.
 */
import { DurableObject } from "cloudflare:workers";

import type { Connect } from "../connect/model.ts";
import { deletePrefix, sessionPrefix } from "./files.ts";
import { expiresAt, isExpired } from "./lifetime.ts";
import type {
  BeginInput,
  BeginOutcome,
  CreateInput,
  CreateOutcome,
  ExecutionAnswer,
  OpenOutcome,
  SessionAccess,
  SessionView,
} from "./session-model.ts";

interface ExecutionRow extends Record<string, SqlStorageValue> {
  id: string;
  request_hash: string | null;
  answer: string | null;
  started_at: number;
}

/**
 * How long an ended session created with an `Idempotency-Key` keeps a tombstone, so a late
 * retry with that key cannot bring it back (spec §3: a touch never revives a session).
 */
const IDEMPOTENCY_MEMORY_MS = 24 * 60 * 60 * 1000;

/** A retry of an execution that never finished (its Worker died) may run again after this. */
const STALE_EXECUTION_MS = 5 * 60 * 1000;

interface SessionRow extends Record<string, SqlStorageValue> {
  session_id: string;
  data_source: string;
  owner: string;
  connect: string;
  request_hash: string | null;
  created_at: number;
  last_touch: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS session (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    session_id TEXT NOT NULL,
    data_source TEXT NOT NULL,
    owner TEXT NOT NULL,
    connect TEXT NOT NULL,
    request_hash TEXT,
    created_at INTEGER NOT NULL,
    last_touch INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS execution (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    idempotency_key TEXT UNIQUE,
    request_hash TEXT,
    started_at INTEGER NOT NULL,
    answer TEXT
  )`;

export class SessionObject extends DurableObject<Env> {
  /**
   * True while #destroy() awaits R2: calls delivered meanwhile must find the session gone,
   * or an execution could finish into a prefix that was already listed for deletion.
   */
  #ending = false;

  /** Stores a new session, or replays the answer to an idempotent retry. */
  async create(input: CreateInput): Promise<CreateOutcome> {
    const now = Date.now();

    // Only an id derived from an Idempotency-Key can meet an earlier session; a random v4 id
    // reaches a new object, so the common path skips the look-ups.
    if (input.requestHash !== null) {
      // A retry that arrives while this session is being deleted must not outlive it.
      if (this.#ending) return { ok: false, reason: "ended" };
      const existing = this.#row();
      if (existing && !isExpired(existing.last_touch, now)) {
        const same =
          existing.owner === input.owner &&
          existing.data_source === input.dataSource &&
          existing.request_hash === input.requestHash;
        if (!same) return { ok: false, reason: "idempotency-conflict" };
        return { ok: true, replayed: true, session: await this.#touch(existing, now) };
      }
      if (existing) await this.#destroy(existing);
      if (this.#tombstoneUntil() > now) return { ok: false, reason: "ended" };
    }

    const row: SessionRow = {
      session_id: input.sessionId,
      data_source: input.dataSource,
      owner: input.owner,
      connect: input.connectJson,
      request_hash: input.requestHash,
      created_at: now,
      last_touch: now,
    };
    this.ctx.storage.sql.exec(SCHEMA);
    this.ctx.storage.sql.exec(
      `INSERT INTO session
         (singleton, session_id, data_source, owner, connect, request_hash, created_at, last_touch)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
      row.session_id,
      row.data_source,
      row.owner,
      row.connect,
      row.request_hash,
      row.created_at,
      row.last_touch,
    );
    await this.ctx.storage.setAlarm(expiresAt(now));
    return { ok: true, replayed: false, session: toView(row, false) };
  }

  /** Returns the session and renews its life; unknown, expired or foreign → not-found. */
  async open(access: SessionAccess): Promise<OpenOutcome> {
    const now = Date.now();
    const row = this.#row();
    if (!row || !owns(row, access) || isExpired(row.last_touch, now)) {
      return { ok: false, reason: "not-found" };
    }
    return { ok: true, session: await this.#touch(row, now) };
  }

  /** Ends the session now and deletes everything it stored. */
  async end(access: SessionAccess): Promise<{ ok: boolean }> {
    const row = this.#row();
    if (!row || !owns(row, access) || isExpired(row.last_touch, Date.now())) return { ok: false };
    await this.#destroy(row);
    return { ok: true };
  }

  /**
   * Registers an execution before it runs. An `Idempotency-Key` seen before replays the
   * stored answer (same body) or is refused (other body, or the first run is still going).
   */
  async beginExecution(access: SessionAccess, input: BeginInput): Promise<BeginOutcome> {
    const now = Date.now();
    const row = this.#row();
    if (!row || !owns(row, access) || isExpired(row.last_touch, now)) {
      return { ok: false, reason: "not-found" };
    }
    const sql = this.ctx.storage.sql;

    if (input.idempotencyKey !== null) {
      const seen = sql
        .exec<ExecutionRow>(
          "SELECT id, request_hash, answer, started_at FROM execution WHERE idempotency_key = ?",
          input.idempotencyKey,
        )
        .toArray()[0];
      if (seen && seen.request_hash !== input.requestHash) {
        return this.#refuse(row, now, "idempotency-conflict");
      }
      if (seen?.answer) {
        const renewed = await this.#touch(row, now);
        // SAFETY: written by finishExecution() from an ExecutionAnswer.
        const answer = JSON.parse(seen.answer) as ExecutionAnswer;
        return {
          ok: false,
          reason: "replay",
          executionId: seen.id,
          answer,
          expiresAt: renewed.expiresAt,
        };
      }
      if (seen && now - seen.started_at < STALE_EXECUTION_MS) {
        return this.#refuse(row, now, "in-progress");
      }
      if (seen) sql.exec("DELETE FROM execution WHERE id = ?", seen.id);
    }
    // A cancel is final (docs/api.md): the person's "no" reached the integrator through
    // OnCancel, so neither a later document nor a second OnCancel may follow it.
    if (this.#cancelled()) return this.#refuse(row, now, "cancelled");

    const executionId = crypto.randomUUID();
    sql.exec(
      `INSERT INTO execution (id, kind, idempotency_key, request_hash, started_at)
       VALUES (?, ?, ?, ?, ?)`,
      executionId,
      input.kind,
      input.idempotencyKey,
      input.requestHash,
      now,
    );
    return { ok: true, executionId, session: await this.#touch(row, now) };
  }

  /**
   * Stores how an execution was answered; its report is already in R2. False when the
   * session ended while the execution ran: its clean-up could not see what the execution
   * wrote afterwards, so the caller deletes that itself.
   */
  finishExecution(executionId: string, answer: ExecutionAnswer): boolean {
    if (!this.#row()) return false;
    this.ctx.storage.sql.exec(
      "UPDATE execution SET answer = ? WHERE id = ?",
      JSON.stringify(answer),
      executionId,
    );
    return true;
  }

  /** True when the execution belongs to this session; renews the session like any call. */
  async hasExecution(
    access: SessionAccess,
    executionId: string,
  ): Promise<OpenOutcome & { known?: boolean }> {
    const opened = await this.open(access);
    if (!opened.ok) return opened;
    const rows = this.ctx.storage.sql
      .exec("SELECT 1 FROM execution WHERE id = ? AND answer IS NOT NULL", executionId)
      .toArray();
    return { ...opened, known: rows.length > 0 };
  }

  /**
   * Fires at the expiry computed at the last touch. A touch may have raced it, so the stored
   * time decides; running twice is harmless because an emptied object has no row.
   */
  override async alarm(): Promise<void> {
    const row = this.#row();
    if (!row) {
      const until = this.#tombstoneUntil();
      if (until > Date.now()) await this.ctx.storage.setAlarm(until);
      else await this.ctx.storage.deleteAll();
      return;
    }
    if (!isExpired(row.last_touch, Date.now())) {
      await this.ctx.storage.setAlarm(expiresAt(row.last_touch));
      return;
    }
    await this.#destroy(row);
  }

  async #refuse(
    row: SessionRow,
    now: number,
    reason: "idempotency-conflict" | "in-progress" | "cancelled",
  ): Promise<BeginOutcome> {
    const renewed = await this.#touch(row, now);
    return { ok: false, reason, expiresAt: renewed.expiresAt };
  }

  async #touch(row: SessionRow, now: number): Promise<SessionView> {
    this.ctx.storage.sql.exec("UPDATE session SET last_touch = ? WHERE singleton = 1", now);
    await this.ctx.storage.setAlarm(expiresAt(now));
    return toView({ ...row, last_touch: now }, this.#cancelled());
  }

  /** R2 first: if it fails the row survives and the alarm's retry tries again. */
  async #destroy(row: SessionRow): Promise<void> {
    this.#ending = true;
    try {
      const files = await deletePrefix(this.env.FILES, sessionPrefix(row.session_id));
      await this.ctx.storage.deleteAlarm();
      await this.ctx.storage.deleteAll();
      if (row.request_hash !== null) {
        const until = Date.now() + IDEMPOTENCY_MEMORY_MS;
        this.ctx.storage.sql.exec("CREATE TABLE tombstone (until INTEGER NOT NULL)");
        this.ctx.storage.sql.exec("INSERT INTO tombstone (until) VALUES (?)", until);
        await this.ctx.storage.setAlarm(until);
      }
      console.log(JSON.stringify({ event: "session-deleted", sessionId: row.session_id, files }));
    } finally {
      this.#ending = false;
    }
  }

  /** Reads the row without creating anything: an unknown session must stay empty. */
  #row(): SessionRow | null {
    if (this.#ending) return null;
    const sql = this.ctx.storage.sql;
    const table = sql
      .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'session'")
      .toArray();
    if (table.length === 0) return null;
    return sql.exec<SessionRow>("SELECT * FROM session WHERE singleton = 1").toArray()[0] ?? null;
  }

  #cancelled(): boolean {
    const rows = this.ctx.storage.sql
      .exec("SELECT 1 FROM execution WHERE kind = 'cancel' LIMIT 1")
      .toArray();
    return rows.length > 0;
  }

  /** When the tombstone of an ended idempotent session lapses; 0 when there is none. */
  #tombstoneUntil(): number {
    const sql = this.ctx.storage.sql;
    const table = sql
      .exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'tombstone'")
      .toArray();
    if (table.length === 0) return 0;
    const row = sql.exec<{ until: number }>("SELECT until FROM tombstone").toArray()[0];
    return row?.until ?? 0;
  }
}

function owns(row: SessionRow, access: SessionAccess): boolean {
  if (row.data_source !== access.dataSource) return false;
  return access.owner === null || row.owner === access.owner;
}

function toView(row: SessionRow, cancelled: boolean): SessionView {
  return {
    sessionId: row.session_id,
    dataSource: row.data_source,
    owner: row.owner,
    // SAFETY: written by create() from a validated Connect value and never edited since.
    connect: JSON.parse(row.connect) as Connect,
    createdAt: row.created_at,
    lastTouch: row.last_touch,
    expiresAt: expiresAt(row.last_touch),
    cancelled,
  };
}
