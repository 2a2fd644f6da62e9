import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import pg from "pg";
import { descendants } from "./server";

/**
 * CPU seconds used so far by Postgres: with `dataDir`, only that cluster's server (its postmaster
 * and the processes under it), so other databases on the machine do not count; without it, every
 * Postgres server process on this machine.
 */
export function postgresCpuSeconds(dataDir?: string): number {
  let pids: string[] = [];
  try {
    if (dataDir) {
      const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, "utf8").split("\n")[0]);
      pids = [postmaster, ...descendants(postmaster)].map(String);
    } else {
      pids = execFileSync("pgrep", ["-x", "postgres"], { encoding: "utf8" }).trim().split("\n").filter(Boolean);
    }
  } catch {
    return 0;
  }
  return pids.reduce((sum, pid) => {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      // utime + stime, plus cutime + cstime: the postmaster collects the CPU of backends that
      // have exited (a pool closing idle connections), which would otherwise go uncounted.
      return sum + (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / 100;
    } catch {
      return sum;
    }
  }, 0);
}

const LOG = "/var/log/postgresql/postgresql-15-main.log";

/**
 * Statements Postgres executes for one first and one returning launch, read from the server log
 * with log_statement=all set on the bench database only. Returns "n/a" where the log is not readable.
 */
export async function countStatements(url: string, prime: () => Promise<void>, first: () => Promise<void>, returning: () => Promise<void>): Promise<string> {
  const db = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    statSync(LOG);
  } catch {
    await admin.end();
    return "n/a (no readable Postgres log)";
  }
  const count = async (run: () => Promise<void>) => {
    const before = statSync(LOG).size;
    await run();
    await new Promise((r) => setTimeout(r, 300));
    const text = readFileSync(LOG, "utf8").slice(before);
    return text.split("\n").filter((l) => / LOG: {2}(execute [^:]*|statement): /.test(l) && !/pg_stat|log_statement/.test(l)).length;
  };
  try {
    await admin.query(`alter database "${db}" set log_statement = 'all'`);
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`, [db]);
    // The app's pooled connections were just ended: a launch that is not counted reconnects them
    // (with the setting); then a new person, then the same person again.
    await new Promise((r) => setTimeout(r, 500));
    await prime().catch(() => undefined);
    const a = await count(first);
    const b = await count(returning);
    return `${a} for a first launch, ${b} for a returning one (login + launch, both requests)`;
  } finally {
    await admin.query(`alter database "${db}" reset log_statement`);
    await admin.end();
  }
}
