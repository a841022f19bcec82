import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

import { testBindings } from "./test/bindings.js";

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: { bindings: testBindings },
    }),
  ],
  test: {
    include: ["test/**/*.test.ts"],
    // They need a PostgreSQL server: `npm run test:postgres` (vitest.postgres.config.ts).
    exclude: ["test/postgres/**"],
    // The first request of a file starts the Worker and its Durable Objects in workerd.
    testTimeout: 30_000,
  },
});
