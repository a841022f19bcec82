/** Hono's typing for this Worker: bindings plus what middleware puts on the context. */
import type { Principal } from "../identity/principal.ts";

export interface AppEnv {
  Bindings: Env;
  Variables: {
    principal: Principal;
    requestId: string;
  };
}
