/**
 * Bindings for the test runtime: the demo data source and clients plus a second client and
 * data source, so tests can show that one client never sees another's sessions. Secrets:
 * CustomApiClient / CustomClient_Secret_123, OtherClient / Other_Secret_456 (admin too),
 * DemoAdminClient / Other_Secret_456.
 */
const DEMO = "b78c3707-d7c7-4fc7-b97f-87d70f63c1ac";
const SECOND = "0f5e2c1a-3b4d-4e6f-8a9b-0c1d2e3f4a5b";

const CUSTOM_HASH =
  "pbkdf2-sha256$100000$FSyaGWd-Cc6Y_UyISVx50A$sl5OSuiyhiOgF42OotB4jJcTQsZY4-6GxMlKfasDc2A";
const OTHER_HASH =
  "pbkdf2-sha256$100000$BiaZw9Jo-RznI_1WuJ_9gQ$RLobmgqoZXk_ZWQM9EXEveoDOI7Va-3NQC-yZiAxb1w";

export const testConfig = {
  dataSources: [
    {
      id: DEMO,
      name: "Demo company",
      defaultLanguage: "de-CH",
      invokeUrlHosts: ["receiver.example"],
      invokeUrlSecret: "test-invoke-url-signing-secret",
      initializerHosts: ["crm.example", "files.example"],
      sqlDatabases: [{ name: "default", kind: "d1", binding: "SQL_DEMO" }],
    },
    { id: SECOND, name: "Second company", defaultLanguage: "en" },
  ],
  clients: [
    {
      id: "CustomApiClient",
      secretHash: CUSTOM_HASH,
      scopes: ["pd_ConnectWebApi"],
      dataSources: [DEMO],
    },
    {
      id: "OtherClient",
      secretHash: OTHER_HASH,
      scopes: ["pd_ConnectWebApi", "pd_AdminWebApi"],
      dataSources: [DEMO, SECOND],
    },
    {
      id: "DemoAdminClient",
      secretHash: OTHER_HASH,
      scopes: ["pd_AdminWebApi"],
      dataSources: [DEMO],
    },
  ],
  users: [
    {
      name: "demo",
      displayName: "Demo User",
      // demo-password
      passwordHash:
        "pbkdf2-sha256$100000$9gSfLeNro7-YcVEWp0737Q$nE4QqYg6kJiVWTiEgcH5ftstIayJP-3oOrxIw3mtyN4",
      dataSources: [DEMO],
    },
    {
      // Locked out on purpose by the sign-in throttle test; nothing else signs in as it.
      name: "guarded",
      passwordHash:
        "pbkdf2-sha256$100000$9gSfLeNro7-YcVEWp0737Q$nE4QqYg6kJiVWTiEgcH5ftstIayJP-3oOrxIw3mtyN4",
      dataSources: [DEMO],
    },
  ],
};

/** A fixed ES256 key for tests only; production reads SIGNING_KEY from a secret. */
export const testSigningKey = {
  kty: "EC",
  crv: "P-256",
  x: "q-VgPOiJmA4ZU9HXUrU7XEw2RTbPRql-94vATZKWgvk",
  y: "UgH50jpKe_RuZJje56mjV6MiC77VPdJd-4-KH7u_3ag",
  d: "UA_yTTCh9LIYjbdBLHWs8RIDxc7zf7DZV0CnBLM-yyU",
};

export const testBindings = {
  ENVIRONMENT: "test",
  MAX_CONNECT_BYTES: "1048576",
  REQUEST_LOG: "all",
  CONNECT_CONFIG: JSON.stringify(testConfig),
  SIGNING_KEY: JSON.stringify(testSigningKey),
};

export const DEMO_DATA_SOURCE = DEMO;
export const SECOND_DATA_SOURCE = SECOND;
