import "server-only";
import { prisma } from "@/lib/db";

// An integration's launch and failure counts live in IntegrationCounter, up to 64 rows per
// integration (prisma/schema.prisma): a launch adds to the row of its Postgres connection's shard,
// so simultaneous launches never wait on one another's row. Totals are the rows' sums.

/** SQL: the shard this connection counts in. */
export const COUNTER_SHARD = "pg_backend_pid() % 64";

export type IntegrationCounts = { launches: number; failures: number; lastLaunchAt: Date | null };

const ZERO: IntegrationCounts = { launches: 0, failures: 0, lastLaunchAt: null };

/** Sums a set of counter rows. */
export function sumCounters(rows: { launches: number; failures: number; lastLaunchAt: Date | null }[]): IntegrationCounts {
  return rows.reduce<IntegrationCounts>((total, row) => ({
    launches: total.launches + row.launches,
    failures: total.failures + row.failures,
    lastLaunchAt: row.lastLaunchAt && (!total.lastLaunchAt || row.lastLaunchAt > total.lastLaunchAt) ? row.lastLaunchAt : total.lastLaunchAt,
  }), ZERO);
}

/** The select that brings an integration's counter rows along for sumCounters. */
export const COUNTERS_SELECT = { counters: { select: { launches: true, failures: true, lastLaunchAt: true } } } as const;

/** One integration's totals. */
export async function integrationCounts(integrationId: string): Promise<IntegrationCounts> {
  return sumCounters(await prisma.integrationCounter.findMany({ where: { integrationId }, select: COUNTERS_SELECT.counters.select }));
}

/** Counts one launch outside the LTI launch statement (guest entries). */
export async function countLaunch(integrationId: string, at: Date): Promise<void> {
  await prisma.$executeRaw`
    insert into "IntegrationCounter" ("integrationId", shard, launches, "lastLaunchAt") values (${integrationId}, pg_backend_pid() % 64, 1, ${at})
    on conflict ("integrationId", shard) do update
      set launches = "IntegrationCounter".launches + 1, "lastLaunchAt" = greatest("IntegrationCounter"."lastLaunchAt", excluded."lastLaunchAt")`;
}
