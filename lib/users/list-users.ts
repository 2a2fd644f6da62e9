import "server-only";
import { prisma } from "@/lib/db";

export type UserSummary = {
  id: string;
  publicId: string;
  role: "ADMIN" | "READER";
  name: string | null;
  email: string | null;
  /** "direct" for email sign-up or admin; "lti" when the person came through an integration. */
  origin: "direct" | "lti";
  integrations: string[];
  access: { kind: "FULL" | "PLAN"; plan: string | null; source: "INTEGRATION" | "ADMIN" }[];
  createdAt: string;
};

export async function listUsers(): Promise<UserSummary[]> {
  const users = await prisma.user.findMany({
    orderBy: { createdAt: "asc" },
    include: {
      ltiIdentities: { select: { integration: { select: { name: true } } } },
      grants: { select: { kind: true, source: true, plan: { select: { slug: true } } } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    publicId: u.publicId,
    role: u.role,
    name: u.name,
    email: u.email,
    origin: u.ltiIdentities.length ? "lti" : "direct",
    integrations: [...new Set(u.ltiIdentities.map((i) => i.integration?.name).filter((n): n is string => !!n))],
    access: u.grants.map((g) => ({ kind: g.kind, plan: g.plan?.slug ?? null, source: g.source })),
    createdAt: u.createdAt.toISOString(),
  }));
}
