// `npm test`: unit and integration tests (Vitest) against a real Postgres, then end-to-end
// tests (Playwright) against a production build in Debian's Chromium.
// Postgres: the server in DATABASE_URL when set (databases folio_test and folio_e2e are
// created on it), otherwise an embedded one whose data is thrown away after the run.
import { existsSync, rmSync } from "node:fs";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";
import { run, runOrExit } from "./lib/run";
import { chromiumPath } from "../e2e/support/chromium";
import { E2E_ENV } from "../e2e/support/env";
import { ensureDatabase, resetAndMigrate } from "../tests/support/database";

const e2eOnly = process.argv.includes("--e2e-only");
const unitOnly = process.argv.includes("--unit-only");

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let testUrl: string;
let e2eUrl: string;
if (process.env.DATABASE_URL) {
  testUrl = process.env.TEST_DATABASE_URL ?? withDatabase(process.env.DATABASE_URL, "folio_test");
  e2eUrl = process.env.E2E_DATABASE_URL ?? withDatabase(process.env.DATABASE_URL, "folio_e2e");
} else {
  rmSync(".data/pglite-test", { recursive: true, force: true });
  const db = await startEmbeddedPostgres(".data/pglite-test", 5498);
  testUrl = e2eUrl = db.url;
  console.log("DATABASE_URL is not set: testing against an embedded Postgres.");
}

if (!e2eOnly) {
  await runOrExit("npx", ["vitest", "run"], { ...process.env, TEST_DATABASE_URL: testUrl });
}

if (!unitOnly) {
  const browser = chromiumPath();
  if (!browser) {
    const message = "No Chromium found at /usr/bin/chromium (or CHROMIUM_PATH): end-to-end tests did not run.\n" +
      "Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH, then run `npm run test:e2e`.";
    if (process.env.CI) {
      console.error(message);
      process.exit(1);
    }
    console.warn(`\n⚠ ${message}`);
    process.exit(0);
  }
  const e2eEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...E2E_ENV,
    NODE_ENV: "production",
    DATABASE_URL: e2eUrl,
    CHROMIUM_PATH: browser,
  };
  await ensureDatabase(e2eUrl);
  await resetAndMigrate(e2eUrl);
  await runOrExit("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], e2eEnv);
  if (!process.env.E2E_SKIP_BUILD) await runOrExit("npm", ["run", "-s", "build"], e2eEnv);
  const code = await run("npx", ["playwright", "test", ...process.argv.slice(2).filter((a) => !a.startsWith("--e2e") && !a.startsWith("--unit"))], e2eEnv);
  if (existsSync(".data/pglite-test") && !process.env.DATABASE_URL) rmSync(".data/pglite-test", { recursive: true, force: true });
  process.exit(code);
}
process.exit(0);
