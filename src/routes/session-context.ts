/** What every session route needs from the request: who asks, and the one 404 it gives. */
import type { Context } from "hono";

import type { AppEnv } from "../http/app-env.ts";
import { problem, problemResponse } from "../http/problem.ts";
import type { SessionAccess } from "../sessions/session-model.ts";

export function access(c: Context<AppEnv>): SessionAccess {
  return { owner: c.var.principal.clientId, dataSource: c.var.dataSource.id };
}

/** Unknown, expired, deleted and foreign sessions look the same (spec §3, §4). */
export function sessionNotFound(): Response {
  return problemResponse(
    problem(
      "session-not-found",
      "No session with this id is open for this client and data source.",
    ),
  );
}
