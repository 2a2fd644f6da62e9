import "server-only";
import { prisma } from "@/lib/db";
import { requireAdmin } from "@/lib/auth/session";
import { displayName } from "@/lib/users/display-name";

export type PersonIdentity = {
  id: string;
  platform: string;
  version: "LTI 1.3" | "LTI 1.1";
  integration: { id: string; name: string; enabled: boolean } | null;
  /** The platform's ID for them (LTI 1.3 sub, LTI 1.1 user_id). */
  subject: string;
  nameHint: string | null;
  emailHint: string | null;
  firstLaunchAt: string;
  lastLaunchAt: string;
};

export type PersonCourse = { courseId: string; title: string; integration: string; instructor: boolean; roles: string[]; firstLaunchAt: string; lastLaunchAt: string };

export type PersonGrant = {
  id: string;
  kind: "FULL" | "PLAN";
  plan: { id: string; name: string } | null;
  source: "INTEGRATION" | "ADMIN";
  integration: { id: string; name: string; enabled: boolean } | null;
  /** False for a grant of a disabled or deleted integration: it gives nothing now (lib/access/can-read.ts). */
  active: boolean;
  since: string;
};

export type PersonLaunch = { id: string; at: string; outcome: "SUCCESS" | "FAILURE"; errorCode: string | null; ltiVersion: string; messageType: string | null; integration: string | null };

export type PersonDetail = {
  id: string;
  publicId: string;
  displayName: string;
  name: string | null;
  email: string | null;
  role: "ADMIN" | "READER";
  hasPassword: boolean;
  disabledAt: string | null;
  createdAt: string;
  identities: PersonIdentity[];
  courses: PersonCourse[];
  grants: PersonGrant[];
  reading: { seconds: number; sessions: number; books: number; lastReadAt: string | null; recent: { title: string; slug: string; percent: number; at: string }[] };
  launches: PersonLaunch[];
  highlights: number;
  notes: number;
};

const RECENT_LAUNCHES = 20;

/** Everything the person page shows, in a handful of indexed queries; null when there is no such person. */
export async function getPersonForAdmin(userId: string): Promise<PersonDetail | null> {
  await requireAdmin();
  if (typeof userId !== "string" || userId.length > 64) return null;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { id: true, publicId: true, name: true, email: true, role: true, passwordHash: true, disabledAt: true, createdAt: true },
  });
  if (!user) return null;
  const integrationSelect = { select: { id: true, name: true, enabled: true } } as const;
  const [identities, memberships, grants, totals, books, recent, launches, annotations] = await Promise.all([
    prisma.ltiIdentity.findMany({ where: { userId }, orderBy: { lastLaunchAt: "desc" }, include: { integration: integrationSelect } }),
    prisma.courseMembership.findMany({
      where: { userId },
      orderBy: { lastLaunchAt: "desc" },
      take: 100,
      include: { course: { select: { title: true, label: true, contextId: true, integration: { select: { name: true } } } } },
    }),
    prisma.accessGrant.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, include: { plan: { select: { id: true, name: true } }, integration: integrationSelect } }),
    prisma.readingSession.aggregate({ where: { userId }, _sum: { activeSeconds: true }, _count: { _all: true }, _max: { lastActiveAt: true } }),
    prisma.readingSession.findMany({ where: { userId }, distinct: ["publicationId"], select: { publicationId: true } }),
    prisma.readingProgress.findMany({ where: { userId }, orderBy: { updatedAt: "desc" }, take: 10, include: { publication: { select: { title: true, slug: true } } } }),
    prisma.launchLog.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: RECENT_LAUNCHES,
      select: { id: true, createdAt: true, outcome: true, errorCode: true, ltiVersion: true, messageType: true, integration: { select: { name: true } } },
    }),
    prisma.annotation.groupBy({ by: ["kind"], where: { userId }, _count: { _all: true } }),
  ]);
  const latestHint = identities.find((i) => i.nameHint)?.nameHint ?? null;
  const count = (kind: "HIGHLIGHT" | "NOTE") => annotations.find((a) => a.kind === kind)?._count._all ?? 0;
  return {
    id: user.id,
    publicId: user.publicId,
    displayName: displayName({ name: user.name, nameHint: latestHint, publicId: user.publicId }),
    name: user.name,
    email: user.email,
    role: user.role,
    hasPassword: user.passwordHash !== null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    identities: identities.map((i) => ({
      id: i.id,
      platform: i.platformKey.split("|").slice(1).join(" · "),
      version: i.platformKey.startsWith("lti13|") ? "LTI 1.3" : "LTI 1.1",
      integration: i.integration,
      subject: i.subject,
      nameHint: i.nameHint,
      emailHint: i.emailHint,
      firstLaunchAt: i.createdAt.toISOString(),
      lastLaunchAt: i.lastLaunchAt.toISOString(),
    })),
    courses: memberships.map((m) => ({
      courseId: m.courseId,
      title: m.course.title ?? m.course.label ?? m.course.contextId,
      integration: m.course.integration.name,
      instructor: m.instructor,
      roles: m.roles,
      firstLaunchAt: m.firstLaunchAt.toISOString(),
      lastLaunchAt: m.lastLaunchAt.toISOString(),
    })),
    grants: grants.map((g) => ({
      id: g.id,
      kind: g.kind,
      plan: g.plan,
      source: g.source,
      integration: g.integration,
      active: g.source !== "INTEGRATION" || g.integration?.enabled === true,
      since: g.createdAt.toISOString(),
    })),
    reading: {
      seconds: totals._sum.activeSeconds ?? 0,
      sessions: totals._count._all,
      books: books.length,
      lastReadAt: totals._max.lastActiveAt?.toISOString() ?? null,
      recent: recent.map((r) => ({ title: r.publication.title, slug: r.publication.slug, percent: r.percent, at: r.updatedAt.toISOString() })),
    },
    launches: launches.map((l) => ({
      id: l.id, at: l.createdAt.toISOString(), outcome: l.outcome, errorCode: l.errorCode, ltiVersion: l.ltiVersion, messageType: l.messageType,
      integration: l.integration?.name ?? null,
    })),
    highlights: count("HIGHLIGHT"),
    notes: count("NOTE"),
  };
}

/** The plans an administrator can give, by name. */
export async function planChoices(): Promise<{ id: string; name: string }[]> {
  await requireAdmin();
  return prisma.plan.findMany({ select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}
