import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { IntegrationKindName } from "./schemas";
import { displayName } from "@/lib/users/display-name";
import { COUNTERS_SELECT, sumCounters } from "./counters";

/** The name an LMS last sent for a person, for displayName. */
const LATEST_HINT = { where: { nameHint: { not: null } }, orderBy: { lastLaunchAt: "desc" }, take: 1, select: { nameHint: true } } as const;

export type IntegrationSummary = {
  id: string;
  name: string;
  kind: IntegrationKindName;
  enabled: boolean;
  access: { kind: "FULL" | "PLAN"; plan: { slug: string; name: string } | null };
  launches: number;
  failures: number;
  /** People who came in through it (LTI identities attached to it). */
  users: number;
  lastLaunchAt: string | null;
  /** LTI 1.3 values still waiting for the LMS; launches fail until the list is empty. */
  missing: string[];
};

export type LaunchRow = {
  id: string;
  at: string;
  outcome: "SUCCESS" | "FAILURE";
  errorCode: string | null;
  detail: string | null;
  ltiVersion: string;
  messageType: string | null;
  publicId: string | null;
  /** The person, as the Control Panel names them (lib/users/display-name.ts). */
  userId: string | null;
  person: string | null;
};

/** Failed launches of the last 7 days by code, tallied (lib/lti/launch-log.ts), most frequent first. */
export type FailureTallyRow = {
  errorCode: string;
  count: number;
  lastAt: string;
  lastDetail: string | null;
};

export const TALLY_DAYS = 7;

export type IntegrationDetail = IntegrationSummary & {
  issuer: string | null;
  clientId: string | null;
  deploymentIds: string[];
  authUrl: string | null;
  tokenUrl: string | null;
  jwksUrl: string | null;
  /** Service scopes the platform confirmed at dynamic registration (empty: not known). */
  grantedScopes: string[];
  consumerKey: string | null;
  hasSharedSecret: boolean;
  /** REFERRER: URL prefixes; IP_RANGE: CIDR ranges (empty for other kinds). */
  referrerPrefixes: string[];
  ipRanges: string[];
  /** Access grants given through it (they stay if it is deleted). */
  grants: number;
  createdAt: string;
  latestLaunches: LaunchRow[];
  /** Includes login attempts that named this platform but were never verified. */
  failuresByCode: FailureTallyRow[];
};

const summarySelect = {
  id: true, name: true, kind: true, enabled: true, accessKind: true, ...COUNTERS_SELECT,
  issuer: true, clientId: true, authUrl: true, jwksUrl: true, consumerKey: true, sharedSecretEnc: true,
  referrerPrefixes: true, ipRanges: true,
  plan: { select: { slug: true, name: true } },
  _count: { select: { identities: true, deployments: true, grants: true } },
} as const;

type SummaryRow = {
  id: string; name: string; kind: IntegrationKindName; enabled: boolean; accessKind: "FULL" | "PLAN";
  counters: { launches: number; failures: number; lastLaunchAt: Date | null }[];
  issuer: string | null; clientId: string | null; authUrl: string | null; jwksUrl: string | null;
  consumerKey: string | null; sharedSecretEnc: string | null;
  referrerPrefixes: string[]; ipRanges: string[];
  plan: { slug: string; name: string } | null;
  _count: { identities: number; deployments: number; grants: number };
};

function missingValues(row: SummaryRow): string[] {
  if (row.kind === "REFERRER") return row.referrerPrefixes.length ? [] : ["URL prefix"];
  if (row.kind === "IP_RANGE") return row.ipRanges.length ? [] : ["IP range"];
  if (row.kind === "SIGNED_LINK") return row.sharedSecretEnc ? [] : ["link key"];
  if (row.kind === "LTI11") return [...(row.consumerKey ? [] : ["consumer key"]), ...(row.sharedSecretEnc ? [] : ["shared secret"])];
  const missing: string[] = [];
  if (!row.issuer) missing.push("issuer");
  if (!row.clientId) missing.push("client ID");
  if (row._count.deployments === 0) missing.push("deployment ID");
  if (!row.authUrl) missing.push("auth request URL");
  if (!row.jwksUrl) missing.push("platform JWKS URL");
  return missing;
}

function toSummary(row: SummaryRow): IntegrationSummary {
  const counts = sumCounters(row.counters);
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled,
    access: { kind: row.accessKind, plan: row.plan },
    launches: counts.launches,
    failures: counts.failures,
    users: row._count.identities,
    lastLaunchAt: counts.lastLaunchAt?.toISOString() ?? null,
    missing: missingValues(row),
  };
}

/** Every integration, newest first. No session check: for trusted callers (see ./admin.ts). */
export async function listIntegrationRecords(): Promise<IntegrationSummary[]> {
  const rows = await prisma.integration.findMany({ orderBy: [{ createdAt: "desc" }, { id: "asc" }], select: summarySelect });
  return rows.map(toSummary);
}

/** One integration with its registration and its latest 20 launches. Never the secret itself. */
export async function getIntegrationRecord(id: string): Promise<IntegrationDetail> {
  const since = new Date(Date.now() - TALLY_DAYS * 24 * 60 * 60 * 1000);
  const [row, tallies] = await Promise.all([prisma.integration.findUnique({
    where: { id },
    select: {
      ...summarySelect, tokenUrl: true, createdAt: true, grantedScopes: true,
      deployments: { select: { deploymentId: true }, orderBy: { id: "asc" } },
      launches: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 20,
        select: { id: true, createdAt: true, outcome: true, errorCode: true, detail: true, ltiVersion: true, messageType: true, user: { select: { id: true, publicId: true, name: true, ltiIdentities: LATEST_HINT } } },
      },
    },
  }), prisma.launchFailureTally.findMany({
    where: { integrationId: id, hour: { gte: since } },
    orderBy: { lastAt: "desc" },
    select: { errorCode: true, count: true, lastAt: true, lastDetail: true },
  })]);
  if (!row) throw new AppError("NOT_FOUND", "That integration does not exist (it may have been deleted).");
  return {
    ...toSummary(row),
    issuer: row.issuer,
    clientId: row.clientId,
    deploymentIds: row.deployments.map((d) => d.deploymentId),
    authUrl: row.authUrl,
    tokenUrl: row.tokenUrl,
    jwksUrl: row.jwksUrl,
    grantedScopes: row.grantedScopes,
    consumerKey: row.consumerKey,
    hasSharedSecret: row.sharedSecretEnc !== null,
    referrerPrefixes: row.referrerPrefixes,
    ipRanges: row.ipRanges,
    grants: row._count.grants,
    createdAt: row.createdAt.toISOString(),
    latestLaunches: row.launches.map((l) => ({
      id: l.id,
      at: l.createdAt.toISOString(),
      outcome: l.outcome,
      errorCode: l.errorCode,
      detail: l.detail,
      ltiVersion: l.ltiVersion,
      messageType: l.messageType,
      publicId: l.user?.publicId ?? null,
      userId: l.user?.id ?? null,
      person: l.user ? displayName({ name: l.user.name, nameHint: l.user.ltiIdentities[0]?.nameHint, publicId: l.user.publicId }) : null,
    })),
    failuresByCode: failuresByCode(tallies),
  };
}

/** Hourly tallies summed per code; the latest detail of each code is kept (rows come newest first). */
function failuresByCode(rows: { errorCode: string; count: number; lastAt: Date; lastDetail: string | null }[]): FailureTallyRow[] {
  const byCode = new Map<string, FailureTallyRow>();
  for (const row of rows) {
    const seen = byCode.get(row.errorCode);
    if (seen) seen.count += row.count;
    else byCode.set(row.errorCode, { errorCode: row.errorCode, count: row.count, lastAt: row.lastAt.toISOString(), lastDetail: row.lastDetail });
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count || a.errorCode.localeCompare(b.errorCode));
}

/** Failed launches in the last 24 hours that could not be tied to any integration. */
export async function countUnattributedFailures(): Promise<number> {
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  const sum = await prisma.launchFailureTally.aggregate({ where: { scope: "-", hour: { gte: since } }, _sum: { count: true } });
  return sum._sum.count ?? 0;
}
