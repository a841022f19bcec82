/** Worker entry: the HTTP app and the Durable Object classes it binds. */
import { app } from "./app.ts";

export { CatalogObject } from "./catalog/catalog-object.ts";
export { SessionObject } from "./sessions/session-object.ts";
export { SignInGuardObject } from "./web/sign-in-guard-object.ts";

export default app;
