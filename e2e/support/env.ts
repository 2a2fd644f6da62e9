import { tmpdir } from "node:os";
import { join } from "node:path";

// The environment of the production build the end-to-end tests run against.
// E2E_PORT moves the server when several checkouts run end-to-end tests on one machine.
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_ORIGIN = `http://localhost:${E2E_PORT}`;
/** Where the server sends mail: an SMTP server the tests start when they expect mail (tests/support/smtp-sink.ts). */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? E2E_PORT + 25);
/** Book files of the end-to-end run: emptied by scripts/test.ts before the seed and after the run. */
export const E2E_STORAGE_DIR = process.env.E2E_STORAGE_DIR ?? join(tmpdir(), `folio-e2e-storage-${E2E_PORT}`);
export const E2E_ADMIN = { email: "admin@folio.test", password: "e2e violet kettle harbour" };

export const E2E_ENV = {
  APP_URL: E2E_ORIGIN,
  PORT: String(E2E_PORT),
  AUTH_SECRET: "e2e-auth-secret-0123456789-0123456789-abcdef",
  ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  ADMIN_EMAIL: E2E_ADMIN.email,
  ADMIN_PASSWORD: E2E_ADMIN.password,
  // The LMS simulator runs on 127.0.0.1 over http.
  LTI_ALLOW_PRIVATE_URLS: "true",
  SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`,
  MAIL_FROM: "Folio E2E <library@folio.test>",
  STORAGE_DIR: E2E_STORAGE_DIR,
  S3_BUCKET: "",
};
