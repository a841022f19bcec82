// SQL initializers against a real PostgreSQL through a Hyperdrive binding, in workerd. The
// global set-up starts a throwaway server (test/postgres-server/global-setup.ts); miniflare's
// Hyperdrive binding connects to it the way Hyperdrive connects to a company's database.
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

import { testBindings } from "./test/bindings.js";

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: testBindings,
        hyperdrives: { ERP_HYPERDRIVE: inject("postgresUrl") },
      },
    })),
  ],
  test: {
    include: ["test/postgres/**/*.test.ts"],
    globalSetup: ["./test/postgres-server/global-setup.ts"],
    testTimeout: 30_000,
  },
});
