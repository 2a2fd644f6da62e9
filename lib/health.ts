import "server-only";
import type pg from "pg";
import { pool } from "@/lib/sql";

/** How long /api/health waits for the database before it says the database is unreachable. */
export const HEALTH_DEADLINE_MS = 1_500;

/**
 * True when the database answers `select 1` within the deadline. A frozen server or a pool
 * whose connections are all stuck answers false in time, so a load balancer can act on it.
 */
export async function isDatabaseReachable(target: pg.Pool = pool, deadlineMs = HEALTH_DEADLINE_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), deadlineMs)));
  const answer = target.query("select 1").then(() => true, () => false);
  try {
    return await Promise.race([answer, late]);
  } finally {
    clearTimeout(timer);
  }
}
