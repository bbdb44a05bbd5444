import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["e2e/**/*.spec.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000, // beforeAll starts a server (up to 240 s under load, see e2e/harness.ts)
    pool: "forks",
    maxWorkers: 1,
    fileParallelism: false,
  },
});
