// `npm run db:deploy`: applies the committed migrations to DATABASE_URL (or this checkout's
// embedded Postgres, through scripts/with-env.ts).
import { runOrExit } from "./lib/run";

await runOrExit("node", ["scripts/prisma.mjs", "migrate", "deploy"]);
process.exit(0);
