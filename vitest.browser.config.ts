// Browser tests: plain Node (no Workers runtime), real headless Chromium against `wrangler dev`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/browser/**/*.e2e.ts"],
    environment: "node",
    // Starting wrangler dev bundles the Worker; the first page load seeds demo templates.
    hookTimeout: 180_000,
    testTimeout: 60_000,
    fileParallelism: false,
  },
});
