// `npm run db:deploy`: applies the committed migrations to DATABASE_URL (or this checkout's
// embedded Postgres, through scripts/with-env.ts), then moves book files still kept in the
// database to the storage backend (`storage:migrate`, docs/decisions/0027): run it with the
// server's storage variables (STORAGE_DIR or S3_*), so the files land where the server reads them.
import { runOrExit } from "./lib/run";

await runOrExit("node", ["scripts/prisma.mjs", "migrate", "deploy"]);
await runOrExit("npx", ["tsx", "--conditions=react-server", "cli/index.ts", "storage:migrate"]);
process.exit(0);
