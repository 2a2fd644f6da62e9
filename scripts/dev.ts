// `npm run dev`: Folio with demo data in one command. Uses DATABASE_URL when set, otherwise
// this checkout's embedded Postgres (data in .data/postgres, kept between runs).
// `npm run dev -- --port 4000` (or PORT=4000) serves on another port; `--production` serves
// the build (`npm run build` first) the way `npm start` does.
import { parseArgs } from "node:util";
import { prepareLocalEnv } from "./lib/local-env";
import { ensureLocalDatabase } from "./lib/local-database";
import { forgetDevServer, recordDevServer } from "./lib/dev-server";
import { run, runOrExit } from "./lib/run";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, production: { type: "boolean" } },
  strict: false,
});
prepareLocalEnv();
const port = String(values.port ?? process.env.PORT ?? "3000");
if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  console.error(`--port / PORT must be a port number (got "${port}").`);
  process.exit(2);
}
process.env.PORT = port;
// LTI URLs and redirects are built from APP_URL: by default, where this server listens.
process.env.APP_URL ??= `http://localhost:${port}`;
// A development LMS runs on this machine, over http: allow private addresses for its URLs.
process.env.LTI_ALLOW_PRIVATE_URLS ??= "true";
await ensureLocalDatabase();
await runOrExit("node", ["scripts/prisma.mjs", "migrate", "deploy"]);
// Book files an older checkout kept in the database move to .data/storage (or S3_BUCKET).
await runOrExit("npx", ["tsx", "--conditions=react-server", "cli/index.ts", "storage:migrate", "--quiet"]);
await runOrExit("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);
recordDevServer(process.env.APP_URL);
const code = values.production
  ? await run("node", ["dist/server.mjs"])
  : await run("npx", ["next", "dev", "-p", port]);
forgetDevServer();
process.exit(code);
