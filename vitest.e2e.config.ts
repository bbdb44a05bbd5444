import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.spec.ts"],
    globalSetup: ["./e2e/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000, // beforeAll starts a server on a copy of the template (see e2e/server.ts)
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
