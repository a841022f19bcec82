import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";

import { SAMPLE_WITH_DOWNLOAD_XML } from "../../demo/sample-payload.ts";
import { sessionPrefix } from "../../src/sessions/files.ts";
import type { SessionObject } from "../../src/sessions/session-object.ts";
import { SESSION_TTL_MS } from "../../src/sessions/lifetime.ts";
import {
  CLIENTS,
  createSampleSession,
  createSession,
  getSession,
  sessionCall,
  tokenFor,
  uploadDemoTemplates,
} from "../support/api.ts";

function stubOf(sessionId: string) {
  return env.SESSIONS.get(env.SESSIONS.idFromName(sessionId));
}

/** Moves the stored last touch into the past, as if the session had sat idle that long. */
async function age(sessionId: string, idleMs: number): Promise<void> {
  await runInDurableObject(stubOf(sessionId), (_instance, state) => {
    state.storage.sql.exec("UPDATE session SET last_touch = ?", Date.now() - idleMs);
  });
}

async function lastTouchOf(sessionId: string): Promise<number> {
  return runInDurableObject(
    stubOf(sessionId),
    (_instance, state) =>
      state.storage.sql.exec<{ last_touch: number }>("SELECT last_touch FROM session").one()
        .last_touch,
  );
}

async function alarmOf(sessionId: string): Promise<number | null> {
  return runInDurableObject(stubOf(sessionId), (_instance, state) => state.storage.getAlarm());
}

async function tablesOf(sessionId: string): Promise<number> {
  return runInDurableObject(
    stubOf(sessionId),
    (_instance, state) =>
      state.storage.sql
        .exec(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\'",
        )
        .toArray().length,
  );
}

describe("session lifetime", () => {
  it("sets the alarm one hour after creation", async () => {
    const before = Date.now();
    const id = await createSampleSession(await tokenFor(CLIENTS.custom));
    const alarm = await alarmOf(id);

    expect(alarm).not.toBeNull();
    expect(alarm ?? 0).toBeGreaterThanOrEqual(before + SESSION_TTL_MS);
    expect(alarm ?? 0).toBeLessThanOrEqual(Date.now() + SESSION_TTL_MS);
  });

  it("moves the alarm to one hour after each touch", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSampleSession(token);
    await age(id, 30 * 60 * 1000);
    await runInDurableObject(stubOf(id), (_i, state) => state.storage.setAlarm(Date.now() + 1000));

    const before = Date.now();
    expect((await getSession(token, id, "Input")).status).toBe(200);
    expect(await alarmOf(id)).toBeGreaterThanOrEqual(before + SESSION_TTL_MS);
  });

  it("keeps a session touched just before its alarm fires, and re-arms the alarm an hour after that touch", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSampleSession(token);
    // Idle for 59 minutes: the alarm armed at the last touch is a minute away.
    await runInDurableObject(stubOf(id), async (_instance, state) => {
      const lastTouch = Date.now() - 59 * 60 * 1000;
      state.storage.sql.exec("UPDATE session SET last_touch = ?", lastTouch);
      await state.storage.setAlarm(lastTouch + SESSION_TTL_MS);
    });

    const before = Date.now();
    const touch = await getSession(token, id, "Navigation");
    expect(touch.status).toBe(200);
    const renewedUntil = Date.parse(touch.headers.get("x-session-expires-at") ?? "");

    // The alarm that was already due runs after the touch landed.
    expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);
    const lastTouch = await lastTouchOf(id);
    expect(lastTouch).toBeGreaterThanOrEqual(before);
    expect(await alarmOf(id)).toBe(lastTouch + SESSION_TTL_MS);
    expect(renewedUntil).toBe(lastTouch + SESSION_TTL_MS);
    expect((await getSession(token, id, "Input")).status).toBe(200);
  });

  it("deletes an expired session with its R2 objects, and it stays gone", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSampleSession(token);
    await env.FILES.put(`${sessionPrefix(id)}reports/r1.xml`, "<primedocsConnectReport/>");
    await env.FILES.put(`${sessionPrefix(id)}files/f1.docx`, new Uint8Array([1, 2, 3]));
    const neighbour = await createSampleSession(token);
    await env.FILES.put(`${sessionPrefix(neighbour)}reports/keep.xml`, "<keep/>");

    await age(id, SESSION_TTL_MS + 1000);
    await runDurableObjectAlarm(stubOf(id));

    const left = await env.FILES.list({ prefix: sessionPrefix(id) });
    expect(left.objects).toHaveLength(0);
    expect(await env.FILES.head(`${sessionPrefix(neighbour)}reports/keep.xml`)).not.toBeNull();
    expect((await getSession(token, id, "Input")).status).toBe(404);
    expect(await tablesOf(id)).toBe(0);
    expect(await alarmOf(id)).toBeNull();
  });

  it("deletes an expired session with every object its execution stored, and it stays 404", async () => {
    await uploadDemoTemplates();
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSession(token, SAMPLE_WITH_DOWNLOAD_XML);
    const executed = await sessionCall(token, id, "Execute");
    expect(executed.status).toBe(200);
    await executed.arrayBuffer();
    const executionPrefix = `${sessionPrefix(id)}executions/${executed.headers.get("x-execution-id")}/`;

    const stored = await env.FILES.list({ prefix: sessionPrefix(id) });
    expect(stored.objects.map((o) => o.key).sort()).toEqual([
      `${executionPrefix}answer`,
      `${executionPrefix}report.json`,
    ]);

    await age(id, SESSION_TTL_MS + 1000);
    expect(await runDurableObjectAlarm(stubOf(id))).toBe(true);

    expect((await env.FILES.list({ prefix: sessionPrefix(id) })).objects).toEqual([]);
    expect((await getSession(token, id, "Navigation")).status).toBe(404);
    expect((await getSession(token, id, "Navigation")).status).toBe(404);
    expect(await tablesOf(id)).toBe(0);
  });

  it("runs a second alarm on a deleted session without harm", async () => {
    const id = await createSampleSession(await tokenFor(CLIENTS.custom));
    await age(id, SESSION_TTL_MS + 1000);
    await runDurableObjectAlarm(stubOf(id));
    await runInDurableObject(stubOf(id), (_i, state) => state.storage.setAlarm(Date.now() - 1));

    await runDurableObjectAlarm(stubOf(id));
    expect(await tablesOf(id)).toBe(0);
  });

  it("answers 404 for an expired session before its alarm has run, without renewing it", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = await createSampleSession(token);
    await age(id, SESSION_TTL_MS + 1000);

    expect((await getSession(token, id, "Navigation")).status).toBe(404);
    expect((await getSession(token, id, "Input")).status).toBe(404);
  });

  it("answers every call that arrives while it is being deleted as if it were gone", async () => {
    const id = crypto.randomUUID();
    const input = {
      owner: "client",
      dataSource: "ds",
      sessionId: id,
      connectJson: "{}",
      requestHash: "hash",
    };
    const access = { owner: "client", dataSource: "ds" };
    const answers = await runInDurableObject(stubOf(id), async (instance: SessionObject) => {
      await instance.create(input);
      const ending = instance.end(access);
      // Delivered while end() awaits R2.
      const during = await Promise.all([instance.open(access), instance.create(input)]);
      await ending;
      return during;
    });

    expect(answers).toEqual([
      { ok: false, reason: "not-found" },
      { ok: false, reason: "ended" },
    ]);
    expect(await tablesOf(id)).toBe(1);
  });

  it("never creates storage when an unknown session id is touched", async () => {
    const token = await tokenFor(CLIENTS.custom);
    const id = crypto.randomUUID();
    expect((await getSession(token, id, "Input")).status).toBe(404);
    expect(await tablesOf(id)).toBe(0);
    expect(await alarmOf(id)).toBeNull();
  });
});
