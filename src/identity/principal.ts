/** Who is calling: established by a bearer token (API) or a sign-in cookie (web app). */
export interface Principal {
  /** Sessions belong to this id: the OAuth client id, or `user:<name>` for web-app users. */
  clientId: string;
  /** Token subject or user name; recorded in execution reports. */
  subject: string;
  /** Display name for reports and the web app, when known. */
  displayName: string | null;
  scopes: string[];
  /** Data source ids (lower case) this principal may use. */
  dataSources: string[];
  via: "client-credentials" | "external-issuer" | "web-user";
}

export const CONNECT_SCOPE = "pd_ConnectWebApi";
export const ADMIN_SCOPE = "pd_AdminWebApi";
