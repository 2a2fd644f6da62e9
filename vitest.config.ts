import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

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
      // Book files stored by tests, apart from the development server's (tests/support/storage-dir.ts).
      STORAGE_DIR: ".data/test-storage",
      // The simulated platforms listen on 127.0.0.1 over http; tests that prove the production
      // rule pass allowPrivate: false to the URL policy and the outbound fetch helper.
      LTI_ALLOW_PRIVATE_URLS: "true",
      // What next.config's experimental.authInterrupts sets in Next: forbidden() and unauthorized() work.
      __NEXT_EXPERIMENTAL_AUTH_INTERRUPTS: "true",
    },
  },
});
