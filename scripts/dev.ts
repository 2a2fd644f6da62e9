// `npm run dev`: Folio with demo data in one command. Uses DATABASE_URL when set,
// otherwise an embedded Postgres whose data stays in .data/ between runs.
import { prepareLocalEnv } from "./lib/local-env";
import { startEmbeddedPostgres } from "./lib/embedded-postgres";
import { run, runOrExit } from "./lib/run";

prepareLocalEnv();
const port = process.env.PORT ?? "3000";
// LTI URLs and redirects are built from APP_URL: by default, where this server listens.
process.env.APP_URL ??= `http://localhost:${port}`;
if (!process.env.DATABASE_URL) {
  const db = await startEmbeddedPostgres(".data/pglite", Number(process.env.EMBEDDED_DB_PORT ?? 5499));
  process.env.DATABASE_URL = db.url;
  console.log(`Using the embedded Postgres at ${db.url} (data in .data/pglite). Set DATABASE_URL to use your own server.`);
}
await runOrExit("npx", ["prisma", "migrate", "deploy"]);
await runOrExit("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"]);
const args = process.argv.slice(2);
// --production serves the build (`npm run build` first) the way `npm start` does.
const code = args.includes("--production")
  ? await run("node", ["dist/server.mjs"], { ...process.env, PORT: port })
  : await run("npx", ["next", "dev", "-p", port]);
process.exit(code);
