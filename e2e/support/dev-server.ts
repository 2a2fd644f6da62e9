import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";

export type DevServer = {
  origin: string;
  admin: { email: string; password: string };
  /** The environment `npm run dev` got; `npm run cli` with it shares dev's database. */
  env: NodeJS.ProcessEnv;
  stop: () => Promise<void>;
};

/**
 * Starts `npm run dev` (scripts/dev.ts) as a newcomer would: no DATABASE_URL, its own embedded
 * database directory, and reads the administrator it prints.
 */
export async function startDevServer(options: { port: number; dataDir: string }): Promise<DevServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_DB_DIR: options.dataDir, NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["DATABASE_URL", "APP_URL", "PORT", "NODE_ENV", "ADMIN_EMAIL", "ADMIN_PASSWORD", "AUTH_SECRET", "ENCRYPTION_KEY"]) delete env[name];
  const child: ChildProcess = spawn("npx", ["tsx", "scripts/dev.ts", "--port", String(options.port)], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  mkdirSync("test-results", { recursive: true });
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const origin = `http://localhost:${options.port}`;
  // What dev printed, for reading after a failure.
  child.once("exit", () => writeFileSync("test-results/dev-smoke.log", output));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGINT");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  };

  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run dev exited with ${child.exitCode}:\n${output}`);
    if (/Ready in/.test(output)) {
      const ok = await fetch(`${origin}/api/health`).then((r) => r.ok, () => false);
      if (ok) break;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  if (Date.now() >= deadline) {
    await stop();
    throw new Error(`npm run dev did not become ready:\n${output}`);
  }
  const email = /email:\s+(\S+)/.exec(output)?.[1];
  const password = /password:\s+(\S+)/.exec(output)?.[1];
  if (!email || !password) {
    await stop();
    throw new Error(`npm run dev did not print the administrator's credentials:\n${output}`);
  }
  return { origin, admin: { email, password }, env: { ...env, APP_URL: origin }, stop };
}
