// `npm test`: unit and integration tests (Vitest) against a real Postgres, then end-to-end
// tests (Playwright) against a production build in Debian's Chromium.
// Postgres: the server in DATABASE_URL when set, otherwise a fresh embedded Postgres of this
// checkout (.data/postgres-test, thrown away after the run). Either way the databases
// folio_test and folio_e2e are created on it.
// `--unit-only` and `--e2e-only` run one half.
import { rmSync } from "node:fs";
import { removeEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgres } from "./lib/embedded-postgres";
import { run } from "./lib/run";
import { chromiumPath } from "../e2e/support/chromium";
import { E2E_ENV, E2E_STORAGE_DIR } from "../e2e/support/env";
import { ensureDatabase, resetAndMigrate } from "../tests/support/database";

const e2eOnly = process.argv.includes("--e2e-only");
const unitOnly = process.argv.includes("--unit-only");
const TEST_CLUSTER = ".data/postgres-test";
const passThrough = process.argv.slice(2).filter((a) => !a.startsWith("--e2e") && !a.startsWith("--unit"));

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

let embedded: EmbeddedPostgres | undefined;
let testUrl: string;
let e2eUrl: string;
if (process.env.DATABASE_URL) {
  testUrl = process.env.TEST_DATABASE_URL ?? withDatabase(process.env.DATABASE_URL, "folio_test");
  e2eUrl = process.env.E2E_DATABASE_URL ?? withDatabase(process.env.DATABASE_URL, "folio_e2e");
  console.log(`Testing against the Postgres server in DATABASE_URL (${new URL(testUrl).host}).`);
} else {
  removeEmbeddedPostgres(TEST_CLUSTER);
  embedded = await startEmbeddedPostgres(TEST_CLUSTER, { quiet: true });
  testUrl = embedded.url("folio_test");
  e2eUrl = embedded.url("folio_e2e");
  console.log(`DATABASE_URL is not set: testing against this checkout's embedded Postgres (port ${embedded.port}).`);
}

let e2eStorageUsed = false;
async function finish(code: number): Promise<never> {
  if (e2eStorageUsed) rmSync(E2E_STORAGE_DIR, { recursive: true, force: true });
  if (embedded) {
    await embedded.stop();
    removeEmbeddedPostgres(TEST_CLUSTER);
  }
  process.exit(code);
}

async function step(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  const code = await run(command, args, env);
  if (code !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} exited with code ${code}`);
    await finish(code);
  }
}

if (!e2eOnly) {
  await step("npx", ["vitest", "run", ...(unitOnly ? passThrough : [])], { ...process.env, TEST_DATABASE_URL: testUrl });
}

if (!unitOnly) {
  const browser = chromiumPath();
  if (!browser) {
    const message = "No Chromium found at /usr/bin/chromium (or CHROMIUM_PATH): end-to-end tests did not run.\n" +
      "Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu) or set CHROMIUM_PATH, then run `npm run test:e2e`.";
    if (process.env.CI) {
      console.error(message);
      await finish(1);
    }
    console.warn(`\n⚠ ${message}`);
    await finish(0);
  }
  const e2eEnv: NodeJS.ProcessEnv = { ...process.env, ...E2E_ENV, NODE_ENV: "production", DATABASE_URL: e2eUrl, CHROMIUM_PATH: browser ?? undefined };
  await ensureDatabase(e2eUrl);
  await resetAndMigrate(e2eUrl);
  // A fresh database gets a fresh storage directory (never .data/storage).
  rmSync(E2E_STORAGE_DIR, { recursive: true, force: true });
  e2eStorageUsed = true;
  await step("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], e2eEnv);
  if (!process.env.E2E_SKIP_BUILD) {
    // The build gets no database and no secrets: it must not need them (issue 9).
    const buildEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "ENCRYPTION_KEY", "APP_URL"]) delete buildEnv[name];
    await step("npm", ["run", "-s", "build"], buildEnv);
  }
  await finish(await run("npx", ["playwright", "test", ...(e2eOnly ? passThrough : [])], e2eEnv));
}
await finish(0);
