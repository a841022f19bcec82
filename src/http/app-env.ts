/** Hono's typing for this Worker: bindings plus what middleware puts on the context. */
import type { DataSource } from "../config/config.ts";
import type { Principal } from "../identity/principal.ts";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    principal: Principal;
    dataSource: DataSource;
    requestId: string;
    /** Set once a route has resolved a session, so the request log can name it. */
    sessionId: string;
  };
}
