import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createConnection } from "node:net";

/**
 * Starts Postgres compiled to WebAssembly (PGlite) behind the Postgres wire protocol, for a
 * machine with no Postgres server. One process, one database: fine for a laptop, not for production.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<{ url: string; stop: () => void }> {
  // Another Folio process (say `npm run dev`) already serves it: share that one.
  if (await canConnect(port)) return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop: () => {} };
  mkdirSync(dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    process.execPath,
    ["node_modules/@electric-sql/pglite-socket/dist/scripts/server.js", "-d", dataDir, "-p", String(port), "-m", "20"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.once("exit", stop);
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`Embedded Postgres exited with code ${child.exitCode}`);
    if (await canConnect(port)) return { url: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error("Embedded Postgres did not start within 30 seconds");
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}
