import { spawn, type ChildProcess } from "node:child_process";

const children = new Set<ChildProcess>();
let forwarding = false;

/**
 * Signals this process gets go to the command it runs, and the command ends when this process
 * does: a `next dev` left running after its `npm run dev` was killed kept writing to .next/dev,
 * and the next `npm run dev` then reloaded every page forever.
 */
function forwardSignals(): void {
  if (forwarding) return;
  forwarding = true;
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      for (const child of children) child.kill(signal);
      if (!children.size) process.exit(1);
    });
  }
  process.on("exit", () => {
    for (const child of children) child.kill("SIGTERM");
  });
}

/** Runs a command with inherited output; resolves with its exit code. */
export function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  forwardSignals();
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env });
    children.add(child);
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

export async function runOrExit(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<void> {
  const code = await run(command, args, env);
  if (code !== 0) {
    console.error(`\n✗ ${command} ${args.join(" ")} exited with code ${code}`);
    process.exit(code);
  }
}
