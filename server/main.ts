// `npm start`: Folio in production. One Node HTTP server answers the LTI launch endpoints itself
// (server/lti-routes.ts) and hands every other request to Next. Built by `npm run build` into
// dist/server.mjs (scripts/build-server.ts).
//
// PORT (default 3000) and HOST (default: every interface) say where to listen.
// WEB_CONCURRENCY=N runs N such servers on the port (node:cluster), one per core; each has its
// own database pool of DATABASE_POOL_SIZE. No state lives in a process, so any worker can take
// any request, the second half of a launch included.
import cluster from "node:cluster";
import { createServer } from "node:http";
import nextEnv from "@next/env";
import next from "next";

const dir = process.cwd();
nextEnv.loadEnvConfig(dir, false);

/** A whole number from the environment within [min, max], or an exit that names the variable. */
function intFromEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    console.error(`Folio cannot start: ${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
    process.exit(1);
  }
  return value;
}

const port = intFromEnv("PORT", 3000, 1, 65535);
const host = process.env.HOST || undefined;
const workers = intFromEnv("WEB_CONCURRENCY", 1, 1, 64);

/** Refuses to start with an ENCRYPTION_KEY that cannot open this database's secrets. */
async function checkEncryptionKey(): Promise<void> {
  const { assertEncryptionKeyMatches, EncryptionKeyMismatchError } = await import("@/lib/crypto/encryption-key-check");
  try {
    await assertEncryptionKeyMatches();
  } catch (error) {
    if (!(error instanceof EncryptionKeyMismatchError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

async function serve(): Promise<void> {
  // After the environment is loaded: lib/env reads it when imported.
  const { appOrigin } = await import("@/lib/env");
  const { ltiRoute, serveLti } = await import("./lti-routes");
  const { pool } = await import("@/lib/sql");
  const { recordPeerAddress } = await import("@/lib/http/peer-address");
  if (cluster.isPrimary) await checkEncryptionKey();
  const app = next({ dev: false, dir, port, hostname: host ?? "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Grade delivery (docs/decisions/0020). Next's prepare() may have started them through
  // instrumentation.ts already: the second start waits for the first. A queue that cannot start
  // must not stop the server: owed scores wait in ScoreSync until a worker runs.
  const { startJobWorkers, stopJobWorkers } = await import("@/lib/jobs/workers");
  await startJobWorkers().catch((error: Error) => console.warn(`Job workers did not start: ${error.message}`));

  const server = createServer((req, res) => {
    // Sign-in limits need the connection's address; Next's handlers see only headers.
    recordPeerAddress(req);
    const lti = ltiRoute(req);
    if (lti) void serveLti(lti, req, res, appOrigin);
    else void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, host, () => {
    if (cluster.isPrimary) console.log(`Folio ready on ${appOrigin} (listening on ${host ?? "*"}:${port})`);
  });

  const stop = () => {
    server.close();
    server.closeIdleConnections();
    void Promise.allSettled([app.close(), stopJobWorkers(5_000), pool.end()]).then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

if (workers > 1 && cluster.isPrimary) {
  // Once, before any worker starts: a refused key would otherwise restart workers forever.
  await checkEncryptionKey();
  console.log(`Folio: starting ${workers} workers on port ${port}`);
  for (let i = 0; i < workers; i++) cluster.fork();
  let stopping = false;
  cluster.on("exit", (worker, code) => {
    if (stopping) return;
    console.error(`Folio worker ${worker.process.pid} exited with ${code}; starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
} else {
  await serve();
}
