// Runs a TypeScript entry point with .env.local/.env loaded and, without DATABASE_URL, this
// checkout's embedded Postgres: `tsx scripts/with-env.ts cli/index.ts ...`.
import { pathToFileURL } from "node:url";
import { resolve } from "node:path";
import { prepareLocalEnv } from "./lib/local-env";
import { ensureLocalDatabase } from "./lib/local-database";
import { runningDevServerUrl } from "./lib/dev-server";

prepareLocalEnv();
// URLs printed for people (integration URLs, registration links) point where dev serves.
process.env.APP_URL ??= runningDevServerUrl() ?? `http://localhost:${process.env.PORT ?? "3000"}`;
await ensureLocalDatabase({ quiet: true });
const [entry, ...args] = process.argv.slice(2);
if (!entry) throw new Error("usage: tsx scripts/with-env.ts <entry.ts> [args]");
process.argv = [process.argv[0]!, resolve(entry), ...args];
await import(pathToFileURL(resolve(entry)).href);
