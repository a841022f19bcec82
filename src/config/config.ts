/**
 * Service configuration: data sources, API clients, the optional external token issuer and
 * the optional OpenID Connect provider for web sign-in. It arrives as JSON in the
 * `CONNECT_CONFIG` secret (docs/configuration.md) and is checked once per isolate; a broken
 * configuration fails every request loudly instead of half-working.
 */
import { z } from "zod";

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)
  .transform((s) => s.toLowerCase());

/** A SQL initializer database: a D1 binding, or a Hyperdrive binding to PostgreSQL. */
const sqlDatabaseSchema = z.object({
  name: z.string().min(1),
  kind: z.enum(["d1", "postgres"]),
  /** Name of the Worker binding (`[[d1_databases]]` or `[[hyperdrive]]` in wrangler.toml). */
  binding: z.string().min(1),
});

const dataSourceSchema = z.object({
  id: guid,
  name: z.string().min(1),
  /** Used when neither the payload nor the template names a document language. */
  defaultLanguage: z.string().min(2).default("de-CH"),
  /** Hosts that `InvokeUrl` may call (exact host names, lower case). */
  invokeUrlHosts: z.array(z.string().min(1)).default([]),
  /** HMAC secret that signs `InvokeUrl` requests. */
  invokeUrlSecret: z.string().min(16).optional(),
  /** Endpoint of a document converter; without it `Conversion="Pdf"` is refused. */
  pdfConverterUrl: z.url().optional(),
  /** Sites that may show the web app in a frame (CSP `frame-ancestors` sources); none: no one. */
  frameAncestors: z.array(z.string().regex(/^https:\/\/[^\s;,']+$/)).default([]),
  /** Hosts that HTTP initializers and CSV/Excel files at a URL may fetch (exact host names). */
  initializerHosts: z.array(z.string().min(1)).default([]),
  /** Databases SQL initializers may query, by the name a definition uses. */
  sqlDatabases: z.array(sqlDatabaseSchema).default([]),
});

const clientSchema = z.object({
  id: z.string().min(1),
  /** `pbkdf2-sha256$<iterations>$<salt base64url>$<hash base64url>`; see identity/secret-hash.ts. */
  secretHash: z.string().startsWith("pbkdf2-sha256$"),
  scopes: z.array(z.string().min(1)).min(1),
  /** Data source ids this client may use. */
  dataSources: z.array(guid),
});

const externalIssuerSchema = z.object({
  issuer: z.url(),
  audience: z.string().min(1),
  jwksUrl: z.url(),
  algorithms: z.array(z.string()).default(["RS256", "ES256"]),
  /** Claim naming the client; sessions belong to it. */
  clientClaim: z.string().default("client_id"),
  /** Data sources that tokens from this issuer may use. */
  dataSources: z.array(guid),
});

const userSchema = z.object({
  name: z.string().min(1),
  displayName: z.string().min(1).optional(),
  passwordHash: z.string().startsWith("pbkdf2-sha256$"),
  dataSources: z.array(guid),
});

/** An OpenID Connect provider people may sign in to the web app with (docs/web-app.md). */
const oidcSignInSchema = z.object({
  /** Issuer identifier; discovery reads `{issuer}/.well-known/openid-configuration`. */
  issuer: z.url(),
  clientId: z.string().min(1),
  /** Absent: a public client that relies on PKCE alone (RFC 7636). */
  clientSecret: z.string().min(1).optional(),
  scopes: z.array(z.string().min(1)).default(["openid", "profile", "email"]),
  /** Shown on the sign-in button: "Sign in with {displayName}". */
  displayName: z.string().min(1).default("OpenID Connect"),
  /** Data sources every person signed in this way may use. */
  dataSources: z.array(guid),
});

const webSignInSchema = z.object({
  oidc: oidcSignInSchema.optional(),
});

export const configSchema = z.object({
  dataSources: z.array(dataSourceSchema),
  clients: z.array(clientSchema),
  externalIssuer: externalIssuerSchema.optional(),
  users: z.array(userSchema).default([]),
  webSignIn: webSignInSchema.optional(),
});

export type ServiceConfig = z.infer<typeof configSchema>;
export type DataSource = z.infer<typeof dataSourceSchema>;
export type Client = z.infer<typeof clientSchema>;
export type ExternalIssuer = z.infer<typeof externalIssuerSchema>;
export type OidcSignIn = z.infer<typeof oidcSignInSchema>;
export type SqlDatabaseConfig = z.infer<typeof sqlDatabaseSchema>;

export type ConfigResult = { ok: true; config: ServiceConfig } | { ok: false; message: string };

/** Parses the configuration text. Pure; the caller caches the result per isolate. */
export function parseConfig(text: string): ConfigResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: "CONNECT_CONFIG is not valid JSON" };
  }

  const result = configSchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first ? first.path.join(".") : "";
    return {
      ok: false,
      message: `CONNECT_CONFIG is invalid at '${where}': ${first?.message ?? ""}`,
    };
  }
  return { ok: true, config: result.data };
}

export function findDataSource(config: ServiceConfig, id: string): DataSource | undefined {
  const wanted = id.toLowerCase();
  return config.dataSources.find((d) => d.id === wanted);
}
