/**
 * Finds the session a link names for a signed-in person: in the data source the link gives,
 * or else in each of the person's data sources in turn. A session outside them is not found,
 * exactly like an unknown or expired one (spec §3, §4).
 */
import { findDataSource, type DataSource } from "../config/config.ts";
import { runtimeOf } from "../config/runtime.ts";
import { isGuid } from "../sessions/session-id.ts";
import type { SessionView } from "../sessions/session-model.ts";
import { openSession } from "../sessions/session-service.ts";
import type { WebUser } from "./user-session.ts";

export interface FoundSession {
  dataSource: DataSource;
  session: SessionView;
}

export async function findUserSession(
  env: Env,
  user: WebUser,
  sessionId: string | undefined,
  dataSourceId: string | undefined,
): Promise<FoundSession | null> {
  const id = (sessionId ?? "").toLowerCase();
  if (!isGuid(id)) return null;

  const wanted = dataSourceId ? [dataSourceId.toLowerCase()] : user.dataSources;
  const config = runtimeOf(env).config;
  for (const candidate of wanted) {
    if (!user.dataSources.includes(candidate)) continue;
    const dataSource = findDataSource(config, candidate);
    if (!dataSource) continue;

    const opened = await openSession(env, id, { owner: null, dataSource: dataSource.id });
    if (opened.ok) return { dataSource, session: opened.session };
  }
  return null;
}
