import { defineConfig } from "vitest/config";

/** Tests that need the stand-ins: they start once for the whole run, and each test file gets its own table and bucket. */
const withStandIns = {
  globalSetup: ["test/support/global-setup.ts"],
  setupFiles: ["test/support/file-setup.ts"],
};

// Four layers, each runnable alone (`npm test -- --project unit`): unit needs neither Java nor a network, and
// takes seconds; the others share one set of stand-ins.
export default defineConfig({
  test: {
    reporters: ["default", "./test/support/summary-reporter.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 90_000,
    env: { STAGE: "test", LOG_LEVEL: "WARN" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Core's pure modules beside the code; pages rendered to HTML from data, with no table behind them.
          include: ["packages/*/src/**/*.test.{ts,tsx}", "test/unit/**/*.test.{ts,tsx}"],
          setupFiles: ["test/support/unit-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["test/{api,core,fuzz,local,pages}/**/*.test.{ts,tsx}"],
          ...withStandIns,
        },
      },
      { extends: true, test: { name: "browser", include: ["test/browser/**/*.test.{ts,tsx}"], ...withStandIns } },
      { extends: true, test: { name: "infra", include: ["test/infra/**/*.test.{ts,tsx}"], ...withStandIns } },
    ],
  },
});
