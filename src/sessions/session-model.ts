/**
 * What callers exchange with a session Durable Object (session-object.ts): who asks, what a
 * session looks like to them, and the outcomes of creating, opening and executing it.
 */
import type { Connect } from "../connect/model.ts";

export interface SessionView {
  sessionId: string;
  dataSource: string;
  owner: string;
  connect: Connect;
  createdAt: number;
  lastTouch: number;
  expiresAt: number;
  /** A Cancel ran (or is running): the session is closed to Execute and Cancel. */
  cancelled: boolean;
}

/**
 * Who asks. An API client reaches only the sessions it created in that data source. A person
 * signed in to the web app (`owner: null`) reaches any session of a data source they belong
 * to: the session link is handed to them, and the sign-in proves who they are (spec §1, §4).
 */
export interface SessionAccess {
  owner: string | null;
  dataSource: string;
}

export interface CreateInput {
  /** The client (or `user:<name>` for the web app) that owns the new session. */
  owner: string;
  dataSource: string;
  sessionId: string;
  /**
   * The validated Connect as JSON text: stored as is, and plain text crosses the RPC
   * boundary without structured-clone surprises (the parser builds prototype-free maps).
   */
  connectJson: string;
  /** SHA-256 of the request body when the create carried an `Idempotency-Key`. */
  requestHash: string | null;
}

export type CreateOutcome =
  | { ok: true; replayed: boolean; session: SessionView }
  | { ok: false; reason: "idempotency-conflict" | "ended" };

export type OpenOutcome = { ok: true; session: SessionView } | { ok: false; reason: "not-found" };

/** How an execution's answer was stored, so an idempotent retry can replay it. */
export interface ExecutionAnswer {
  status: "Success" | "Error" | "Cancelled";
  httpStatus: number;
  /** R2 key of the answer body (the file or ZIP, or the problem JSON); null for 204. */
  bodyKey: string | null;
  headers: Record<string, string>;
}

export interface BeginInput {
  kind: "execute" | "cancel";
  idempotencyKey: string | null;
  requestHash: string | null;
}

export type BeginOutcome =
  | { ok: true; executionId: string; session: SessionView }
  | { ok: false; reason: "not-found" }
  | {
      ok: false;
      reason: "idempotency-conflict" | "in-progress" | "cancelled";
      /** A refused call is still a call on the session: it renewed it (spec §3). */
      expiresAt: number;
    }
  | {
      ok: false;
      reason: "replay";
      executionId: string;
      answer: ExecutionAnswer;
      /** The replay renewed the session like any call. */
      expiresAt: number;
    };
