import { rm } from "node:fs/promises";
import { ensureDatabase, resetAndMigrate } from "./database";

// Migrated once per run; tests empty the tables between themselves (tests/support/setup.ts).
// The run's storage directory (vitest.config.ts) goes when the run ends.
export default async function globalSetup() {
  const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/folio_test";
  await ensureDatabase(url);
  await resetAndMigrate(url);
  return async () => {
    const dir = process.env.FOLIO_TEST_STORAGE_DIR;
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
