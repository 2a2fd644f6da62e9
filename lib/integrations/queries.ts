import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { displayName } from "@/lib/users/display-name";

export type IntegrationSummary = {
  id: string;
  name: string;
  kind: "LTI13" | "LTI11";
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
  /** The LMS's name for the person, else their account name, else the public ID. */
  name: string | null;
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
  /** Access grants given through it (they stay if it is deleted). */
  grants: number;
  createdAt: string;
  latestLaunches: LaunchRow[];
  /** Includes login attempts that named this platform but were never verified. */
  failuresByCode: FailureTallyRow[];
};

const summarySelect = {
  id: true, name: true, kind: true, enabled: true, accessKind: true, launchCount: true, failureCount: true, lastLaunchAt: true,
  issuer: true, clientId: true, authUrl: true, jwksUrl: true, consumerKey: true, sharedSecretEnc: true,
  plan: { select: { slug: true, name: true } },
  _count: { select: { identities: true, deployments: true, grants: true } },
} as const;

type SummaryRow = {
  id: string; name: string; kind: "LTI13" | "LTI11"; enabled: boolean; accessKind: "FULL" | "PLAN";
  launchCount: number; failureCount: number; lastLaunchAt: Date | null;
  issuer: string | null; clientId: string | null; authUrl: string | null; jwksUrl: string | null;
  consumerKey: string | null; sharedSecretEnc: string | null;
  plan: { slug: string; name: string } | null;
  _count: { identities: number; deployments: number; grants: number };
};

function missingValues(row: SummaryRow): string[] {
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
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    enabled: row.enabled,
    access: { kind: row.accessKind, plan: row.plan },
    launches: row.launchCount,
    failures: row.failureCount,
    users: row._count.identities,
    lastLaunchAt: row.lastLaunchAt?.toISOString() ?? null,
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
        select: {
          id: true, createdAt: true, outcome: true, errorCode: true, detail: true, ltiVersion: true, messageType: true,
          user: { select: { publicId: true, name: true, ltiIdentities: { where: { integrationId: id }, select: { nameHint: true }, orderBy: { lastLaunchAt: "desc" }, take: 1 } } },
        },
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
      name: l.user ? displayName({ name: l.user.name, nameHint: l.user.ltiIdentities[0]?.nameHint, publicId: l.user.publicId }) : null,
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
