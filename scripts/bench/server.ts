import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** Starts the production server (`npm start`: dist/server.mjs) on a port and waits for /api/health. */
export async function startNext(port: number, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<{ proc: ChildProcess; stop: () => Promise<void> }> {
  const proc = spawn("node", [...nodeArgs, "dist/server.mjs"], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`the server on ${port} exited with ${proc.exitCode}`);
    const ok = await fetch(`http://localhost:${port}/api/health`).then((r) => r.ok).catch(() => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const stop = () => new Promise<void>((resolve) => {
    if (proc.exitCode !== null) return resolve();
    proc.once("exit", () => resolve());
    proc.kill("SIGTERM");
  });
  return { proc, stop };
}

/** Process IDs below a parent (with WEB_CONCURRENCY the workers are its children). */
export function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("pgrep", ["-P", String(pid)], { encoding: "utf8" }).trim().split("\n").filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/** CPU seconds (user + system) used so far by a process and everything below it, from /proc. */
export function treeCpuSeconds(pid: number): number {
  return [pid, ...descendants(pid)].reduce((sum, p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ");
      return sum + (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      return sum;
    }
  }, 0);
}
