import { defineConfig } from "@playwright/test";
import { chromiumPath } from "./e2e/support/chromium";
import { E2E_ORIGIN, E2E_PORT } from "./e2e/support/env";

// Run through `npm run test:e2e`, which prepares the database and the production build.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: E2E_ORIGIN,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: chromiumPath() ?? undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    },
  },
  webServer: {
    command: `PORT=${E2E_PORT} node dist/server.mjs`,
    url: `${E2E_ORIGIN}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
