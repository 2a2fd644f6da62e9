import { treeCpuSeconds } from "./server";
import { postgresCpuSeconds } from "./postgres";
import { pool, summarize } from "./stats";

/**
 * Requests `count` times, `concurrency` at a time, timing each; with the CPU the app process tree
 * and Postgres spent per request meanwhile (from /proc).
 */
export async function timeRequests(opts: { name: string; count: number; concurrency: number; appPid: number; request: () => Promise<unknown> }) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const app0 = treeCpuSeconds(opts.appPid);
  const pg0 = postgresCpuSeconds();
  const started = performance.now();
  await pool(opts.count, opts.concurrency, async () => {
    const t = performance.now();
    try {
      await opts.request();
      latencies.push(performance.now() - t);
    } catch (error) {
      errors++;
      firstError ??= (error as Error).message;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    summary: summarize({ name: opts.name, count: opts.count, errors, seconds, latencies }),
    appMs: ((treeCpuSeconds(opts.appPid) - app0) * 1000) / opts.count,
    postgresMs: ((postgresCpuSeconds() - pg0) * 1000) / opts.count,
    firstError,
  };
}
