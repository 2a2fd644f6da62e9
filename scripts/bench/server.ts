import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** Starts `next start` on a port and waits for /api/health. */
export async function startNext(port: number, env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; stop: () => Promise<void> }> {
  const proc = spawn("node", ["node_modules/next/dist/bin/next", "start", "-p", String(port)], {
    env: { ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 600; i++) {
    if (proc.exitCode !== null) throw new Error(`next start on ${port} exited with ${proc.exitCode}`);
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

/** CPU seconds (user + system) used so far by a process and its children, from /proc. */
export function cpuSeconds(pid: number): number {
  const ticks = 100; // USER_HZ on Linux
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime, stime, cutime, cstime are fields 14-17 (1-based) of the whole line: 12-15 after the comm.
  return fields.slice(11, 15).reduce((sum, v) => sum + Number(v), 0) / ticks;
}

/** Process IDs of next-server workers below a parent (next start forks the real server). */
export function descendants(pid: number): number[] {
  const out: number[] = [];
  const visit = (p: number) => {
    let children: string[] = [];
    try {
      children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    } catch {
      return;
    }
    for (const c of children) {
      out.push(Number(c));
      visit(Number(c));
    }
  };
  visit(pid);
  return out;
}

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
