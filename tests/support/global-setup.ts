import { ensureDatabase, resetAndMigrate } from "./database";

// Migrated once per run; tests empty the tables between themselves (tests/support/setup.ts).
export default async function globalSetup() {
  const url = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/folio_test";
  await ensureDatabase(url);
  await resetAndMigrate(url);
}
