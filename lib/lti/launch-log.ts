import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { sql } from "@/lib/sql";

export type LaunchLogEntry = {
  integrationId: string | null;
  /**
   * The failure is the integration's own: its platform's signature verified, or at least the
   * login state or LTI 1.1 consumer key was valid. Only then does it get a row in the
   * integration's launch log and count as a failed launch; anything else (a login naming a
   * public issuer, an unknown state) only adds to an hourly tally.
   */
  attributable: boolean;
  outcome: "FAILURE";
  errorCode: string;
  detail?: string | null;
  ltiVersion: "1.3" | "1.1";
  messageType?: string | null;
};

// Anything shaped like a JWT or a long opaque value is cut out: the log is read by people on
// the phone with an institution and must never hold a token or a secret.
function scrub(detail: string): string {
  return detail
    .replace(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, "[token]")
    .replace(/[A-Za-z0-9+/_=-]{48,}/g, "[redacted]")
    .slice(0, 500);
}

// One statement per failure, however it is attributed: the hourly tally (per integration, or
// "-" when none) is upserted; an attributable failure also gets its log row and bumps the
// integration's failure counter. So 2,000 launches from nobody add 2,000 to one counter row.
// $1 integration or null, $2 code, $3 detail, $4 LTI version, $5 message type, $6 log id, $7 attributable.
const RECORD_FAILURE = `
  with tally as (
    insert into "LaunchFailureTally" (scope, "integrationId", "errorCode", hour, count, "ltiVersion", "lastDetail", "lastAt")
    values (coalesce($1::text, '-'), $1, $2, date_trunc('hour', now()), 1, $4, $3, now())
    on conflict (scope, "errorCode", hour) do update
      set count = "LaunchFailureTally".count + 1, "lastDetail" = excluded."lastDetail", "lastAt" = excluded."lastAt", "ltiVersion" = excluded."ltiVersion"
    returning 1),
  counted as (
    insert into "IntegrationCounter" as n ("integrationId", shard, failures)
    select id, pg_backend_pid() % 64, 1 from "Integration" where $7 and id = $1
    on conflict ("integrationId", shard) do update set failures = n.failures + 1
    returning 1),
  logged as (
    insert into "LaunchLog" (id, "integrationId", outcome, "errorCode", detail, "ltiVersion", "messageType", "createdAt")
    select $6, $1, 'FAILURE', $2, $3, $4, $5, now() where $7 and $1::text is not null
    returning 1)
  select (select count(*) from tally)::int as tallied`;

/** Records a failed launch: a tally always, a log row and the failure counter when attributable. */
export async function recordLaunch(entry: LaunchLogEntry): Promise<void> {
  const attributable = entry.attributable && entry.integrationId !== null;
  await sql("lti-record-failure", RECORD_FAILURE, [
    entry.integrationId,
    entry.errorCode.slice(0, 64),
    entry.detail ? scrub(entry.detail) : null,
    entry.ltiVersion,
    entry.messageType?.slice(0, 64) ?? null,
    `ll${randomUUID().replaceAll("-", "")}`,
    attributable,
  ]);
  maybePruneLaunchLog();
}

/** Deletes launch log rows and tallies older than LAUNCH_LOG_RETENTION_DAYS. */
export async function pruneLaunchLog(now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - env.LAUNCH_LOG_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const rows = await sql<{ n: number }>("lti-prune-launch-log", `
    with logs as (delete from "LaunchLog" where "createdAt" < $1 returning 1),
    tallies as (delete from "LaunchFailureTally" where hour < $1 returning 1)
    select ((select count(*) from logs) + (select count(*) from tallies))::int as n`, [cutoff]);
  return rows[0]?.n ?? 0;
}

/**
 * Prunes on about one launch in a hundred, in the background (as LTI 1.1 nonces are): no timer,
 * and no launch waits for it.
 */
export function maybePruneLaunchLog(): void {
  if (Math.random() < 0.01) void pruneLaunchLog().catch(() => undefined);
}
