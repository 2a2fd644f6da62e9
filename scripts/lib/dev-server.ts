import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { isAlive } from "./embedded-postgres";

// `npm run dev` records where it serves, so `npm run cli` prints the URLs people can open.
const FILE = ".data/dev-server.json";

export function recordDevServer(appUrl: string): void {
  mkdirSync(".data", { recursive: true });
  writeFileSync(FILE, `${JSON.stringify({ pid: process.pid, appUrl })}\n`);
  process.once("exit", forgetDevServer);
}

export function forgetDevServer(): void {
  try {
    if ((JSON.parse(readFileSync(FILE, "utf8")) as { pid: number }).pid === process.pid) rmSync(FILE, { force: true });
  } catch {
    // already gone
  }
}

/** The APP_URL of the `npm run dev` running in this checkout, if one is. */
export function runningDevServerUrl(): string | null {
  if (!existsSync(FILE)) return null;
  try {
    const { pid, appUrl } = JSON.parse(readFileSync(FILE, "utf8")) as { pid: number; appUrl: string };
    return isAlive(pid) ? appUrl : null;
  } catch {
    return null;
  }
}
