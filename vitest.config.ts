import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));
// Book files the tests store go to a fresh directory for each run (removed by the global
// set-up's teardown), never to .data/storage.
const storageDir = (process.env.FOLIO_TEST_STORAGE_DIR ??= mkdtempSync(join(tmpdir(), "folio-test-storage-")));

export default defineConfig({
  resolve: {
    alias: {
      "@/": root,
      "@/tests": `${root}tests`,
      // Next's guard against importing server code into the browser; tests are the server.
      "server-only": `${root}tests/support/empty-module.ts`,
    },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup.ts"],
    // One database for the run, emptied between tests: files run one after another.
    fileParallelism: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    env: {
      NODE_ENV: "test",
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/folio_test",
      APP_URL: "http://localhost:3000",
      AUTH_SECRET: "test-auth-secret-that-is-long-enough-0123456789",
      ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
      LTI_JWKS_TIMEOUT_MS: "1000",
      DATABASE_CONNECT_TIMEOUT_MS: "2500",
      DATABASE_STATEMENT_TIMEOUT_MS: "3000",
      // The simulated platforms listen on 127.0.0.1 over http; tests that prove the production
      // rule pass allowPrivate: false to the URL policy and the outbound fetch helper.
      LTI_ALLOW_PRIVATE_URLS: "true",
      STORAGE_DIR: storageDir,
      // The directory backend, whatever the shell says; the S3 backend's tests make their own.
      S3_BUCKET: "",
      S3_ENDPOINT: "",
      S3_ACCESS_KEY_ID: "",
      S3_SECRET_ACCESS_KEY: "",
      // What next.config's experimental.authInterrupts sets in Next: forbidden() and unauthorized() work.
      __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true",
    },
  },
});
