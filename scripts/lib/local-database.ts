import { existsSync } from "node:fs";
import { startEmbeddedPostgres } from "./embedded-postgres";

/** Where this checkout's embedded Postgres keeps its data (EMBEDDED_DB_DIR moves it, for tests). */
export const embeddedDataDir = () => process.env.EMBEDDED_DB_DIR || ".data/postgres";

/**
 * Sets DATABASE_URL to this checkout's embedded Postgres when it is not set, starting the
 * server or sharing the one another process of this checkout runs.
 */
export async function ensureLocalDatabase(options: { quiet?: boolean } = {}): Promise<void> {
  if (process.env.DATABASE_URL) return;
  if (existsSync(".data/pglite") && !options.quiet) {
    console.log("Note: the embedded database is now a real Postgres in .data/postgres; the old PGlite data in .data/pglite is no longer used.");
  }
  const port = process.env.EMBEDDED_DB_PORT ? Number(process.env.EMBEDDED_DB_PORT) : undefined;
  const db = await startEmbeddedPostgres(embeddedDataDir(), { port, quiet: options.quiet });
  process.env.DATABASE_URL = db.url("folio");
  if (!options.quiet) console.log(`Using the embedded Postgres on 127.0.0.1:${db.port} (data in ${embeddedDataDir()}). Set DATABASE_URL to use your own server.`);
}
