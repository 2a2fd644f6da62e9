import "server-only";
import { prisma } from "@/lib/db";
import { requireAdmin } from "@/lib/auth/session";

export async function getDashboardCounts() {
  await requireAdmin();
  const [publications, published, plans, readers, ltiReaders] = await Promise.all([
    prisma.publication.count(),
    prisma.publication.count({ where: { published: true } }),
    prisma.plan.count(),
    prisma.user.count({ where: { role: "READER" } }),
    prisma.user.count({ where: { ltiIdentities: { some: {} } } }),
  ]);
  return { publications, published, plans, readers, ltiReaders };
}
