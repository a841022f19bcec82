/**
 * The session operations the routes call: pick the Durable Object for an id and ask it.
 * Nothing here knows HTTP; results are values the routes map to responses.
 */
import type { Connect } from "../connect/model.ts";
import type { CreateOutcome, OpenOutcome, SessionAccess } from "./session-model.ts";
import type { SessionObject } from "./session-object.ts";
import { idempotentSessionId, newSessionId } from "./session-id.ts";

/** The Durable Object of a session id; it answers `not-found` for anything it does not hold. */
export function sessionStub(env: Env, sessionId: string): DurableObjectStub<SessionObject> {
  return env.SESSIONS.get(env.SESSIONS.idFromName(sessionId));
}

export interface CreateRequest {
  owner: string;
  dataSource: string;
  connect: Connect;
  idempotency: { key: string; requestHash: string } | null;
}

export async function createSession(env: Env, req: CreateRequest): Promise<CreateOutcome> {
  const sessionId = req.idempotency
    ? await idempotentSessionId(env.SIGNING_KEY, {
        clientId: req.owner,
        dataSource: req.dataSource,
        key: req.idempotency.key,
      })
    : newSessionId();

  return sessionStub(env, sessionId).create({
    sessionId,
    owner: req.owner,
    dataSource: req.dataSource,
    connectJson: JSON.stringify(req.connect),
    requestHash: req.idempotency?.requestHash ?? null,
  });
}

export function openSession(
  env: Env,
  sessionId: string,
  access: SessionAccess,
): Promise<OpenOutcome> {
  return sessionStub(env, sessionId).open(access);
}

export async function endSession(
  env: Env,
  sessionId: string,
  access: SessionAccess,
): Promise<boolean> {
  const outcome = await sessionStub(env, sessionId).end(access);
  return outcome.ok;
}
