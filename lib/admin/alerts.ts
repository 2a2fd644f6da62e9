import "server-only";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { requireAdmin } from "@/lib/auth/session";
import { listIntegrationRecords } from "@/lib/integrations/queries";

// What needs the store owner, for the dashboard (docs/decisions/0023). Each alert says what is
// wrong and links to where it is fixed. Few integrations exist (tens), so they are read whole;
// launches and score deliveries are counted in SQL over indexed ranges.

/** An integration is "failing" above this share of failed launches in the last hour… */
export const FAILURE_RATE_THRESHOLD = 0.25;
/** …with at least this many failures, so one student's bad click is not an alert. */
export const FAILURE_MIN_COUNT = 5;

export type OwnerAlert = {
  kind: "launches-failing" | "integration-incomplete" | "app-url" | "score-deliveries-failed";
  /** "error": people cannot get in or grades are lost; "warning": set-up to finish. */
  severity: "error" | "warning";
  title: string;
  detail: string;
  href: string;
  action: string;
};

/** Why an institution could not reach this APP_URL, or null when it can. */
export function appUrlProblem(appUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(appUrl);
  } catch {
    return "APP_URL is not a valid URL.";
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const local = host === "localhost" || host.endsWith(".localhost") || /^127\./.test(host) || host === "::1" || host === "0.0.0.0";
  if (local) return `APP_URL is ${url.origin}: an institution's LMS cannot reach this machine's own address.`;
  if (url.protocol !== "https:") return `APP_URL is ${url.origin}: LMSs require https:// for LTI launches, and browsers block an http:// page inside an https:// course.`;
  return null;
}

type FailingRow = { integrationId: string; name: string; launches: number; failures: number };

/**
 * Per integration over the last hour: launches and failures from the log, plus refusals that only
 * the hourly tallies know (logins that named the platform but never came back signed). Tallies are
 * per clock hour, so they are read from the start of the previous hour; the part of them the log
 * already holds is not counted twice.
 */
async function failingIntegrations(now: Date): Promise<FailingRow[]> {
  const since = new Date(now.getTime() - 60 * 60 * 1000);
  const rows = await prisma.$queryRaw<FailingRow[]>`
    with logged as (
      select l."integrationId",
             count(*) filter (where l."createdAt" >= ${since}::timestamp)::int as launches,
             count(*) filter (where l.outcome = 'FAILURE' and l."createdAt" >= ${since}::timestamp)::int as failures,
             count(*) filter (where l.outcome = 'FAILURE')::int as "failuresSinceHour"
        from "LaunchLog" l
       where l."createdAt" >= date_trunc('hour', ${since}::timestamp) and l."integrationId" is not null
       group by l."integrationId"),
    tallied as (
      select t."integrationId", sum(t.count)::int as n from "LaunchFailureTally" t
       where t.hour >= date_trunc('hour', ${since}::timestamp) and t."integrationId" is not null
       group by t."integrationId")
    select i.id as "integrationId", i.name,
           (coalesce(lg.launches, 0) + greatest(coalesce(t.n, 0) - coalesce(lg."failuresSinceHour", 0), 0))::int as launches,
           (coalesce(lg.failures, 0) + greatest(coalesce(t.n, 0) - coalesce(lg."failuresSinceHour", 0), 0))::int as failures
      from "Integration" i
      left join logged lg on lg."integrationId" = i.id
      left join tallied t on t."integrationId" = i.id
     where i.enabled and (lg."integrationId" is not null or t."integrationId" is not null)`;
  return rows.filter((r) => r.failures >= FAILURE_MIN_COUNT && r.failures / Math.max(r.launches, 1) > FAILURE_RATE_THRESHOLD);
}

/** Score deliveries the LMS refused or that ran out of retries, per integration. */
async function failedDeliveries(): Promise<{ integrationId: string; name: string; failed: number }[]> {
  return prisma.$queryRaw`
    select i.id as "integrationId", i.name, count(*)::int as failed
      from "ScoreSync" s join "ResourceLink" r on r.id = s."resourceLinkId" join "Integration" i on i.id = r."integrationId"
     where s.status = 'FAILED'
     group by i.id, i.name
     order by failed desc`;
}

/** The alerts as of `now`, for an installation reached at `appUrl`. No session check (see getOwnerAlerts). */
export async function collectOwnerAlerts(options: { now?: Date; appUrl?: string } = {}): Promise<OwnerAlert[]> {
  const now = options.now ?? new Date();
  const [failing, integrations, deliveries] = await Promise.all([failingIntegrations(now), listIntegrationRecords(), failedDeliveries()]);
  const alerts: OwnerAlert[] = [];
  const urlProblem = appUrlProblem(options.appUrl ?? env.APP_URL);
  if (urlProblem) {
    alerts.push({
      kind: "app-url", severity: "error", title: "Institutions cannot reach Folio", detail: `${urlProblem} Set APP_URL to the public https:// address in the server's environment and restart.`,
      href: "/admin/settings/integrations", action: "See the URLs institutions are given",
    });
  }
  for (const f of failing) {
    const from = new Date(now.getTime() - 60 * 60 * 1000).toISOString().slice(0, 10);
    alerts.push({
      kind: "launches-failing", severity: "error", title: `Launches through ${f.name} are failing`,
      detail: `${f.failures} of ${f.launches} launches in the last hour failed.`,
      href: `/admin/settings/integrations/${f.integrationId}/launches?outcome=FAILURE&from=${from}`, action: "See the failed launches",
    });
  }
  for (const i of integrations) {
    if (!i.enabled) continue;
    const missing = [...i.missing, ...(i.access.kind === "PLAN" && !i.access.plan ? ["the plan its people get"] : [])];
    if (missing.length === 0) continue;
    alerts.push({
      kind: "integration-incomplete", severity: "warning", title: `${i.name} is missing values`,
      detail: `Launches cannot work until it has: ${missing.join(", ")}.`,
      href: `/admin/settings/integrations/${i.id}${i.kind === "LTI13" && i.missing.length ? "#lms-values" : ""}`, action: "Complete the integration",
    });
  }
  for (const d of deliveries) {
    alerts.push({
      kind: "score-deliveries-failed", severity: "error", title: `Grades for ${d.name} were not delivered`,
      detail: `${d.failed} ${d.failed === 1 ? "score" : "scores"} failed to reach the LMS.`,
      href: `/admin/settings/integrations/${d.integrationId}#grades`, action: "Review the grade deliveries",
    });
  }
  return alerts;
}

export async function getOwnerAlerts(): Promise<OwnerAlert[]> {
  await requireAdmin();
  return collectOwnerAlerts();
}
