// Runs a TypeScript entry point with .env.local/.env loaded and, without DATABASE_URL, the
// embedded Postgres started: `tsx scripts/with-env.ts cli/index.ts ...`.
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { prepareLocalEnv } from "./lib/local-env";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";

prepareLocalEnv();
if (!process.env.DATABASE_URL) {
  const db = await startEmbeddedPostgres(".data/pglite", Number(process.env.EMBEDDED_DB_PORT ?? 5499));
  process.env.DATABASE_URL = db.url;
}
const [entry, ...args] = process.argv.slice(2);
if (!entry) throw new Error("usage: tsx scripts/with-env.ts <entry.ts> [args]");
process.argv = [process.argv[0]!, resolve(entry), ...args];
await import(pathToFileURL(resolve(entry)).href);
