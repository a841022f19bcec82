/** Hono's typing for the web app: the Worker's environment plus the person and UI language. */
import type { AppEnv } from "../http/app-env.ts";
import type { UiLanguage } from "../templates/model.ts";
import type { WebUser } from "./user-session.ts";

export interface WebEnv {
  Bindings: AppEnv["Bindings"];
  Variables: AppEnv["Variables"] & {
    ui: UiLanguage;
    /** Set by requireUser for every route past the sign-in. */
    user: WebUser;
    /** Set by a route once it knows the data source, so the CSP may allow framing. */
    frameAncestors: string[];
  };
}
