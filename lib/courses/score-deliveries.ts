import "server-only";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { enqueueScoreDelivery } from "@/lib/courses/grade-sync";
import { prisma } from "@/lib/db";

// What the integration page shows of grade delivery: how many scores wait or failed, and the
// latest failures with who, which reading, why and how often it was tried. Administrators only.

export type ScoreFailure = {
  publicId: string;
  linkTitle: string | null;
  error: string | null;
  attempts: number;
  updatedAt: Date;
};
export type ScoreDeliveries = { pending: number; failed: number; sent: number; latestFailures: ScoreFailure[] };

const idSchema = z.string().min(1).max(64);
const LATEST = 10;

export async function getScoreDeliveries(integrationId: string): Promise<ScoreDeliveries> {
  await requireAdmin();
  const id = idSchema.parse(integrationId);
  const where = { link: { integrationId: id } };
  const [counts, failures] = await Promise.all([
    prisma.scoreSync.groupBy({ by: ["status"], where, _count: { _all: true } }),
    prisma.scoreSync.findMany({
      where: { ...where, status: "FAILED" },
      orderBy: { updatedAt: "desc" },
      take: LATEST,
      select: { attempts: true, lastError: true, updatedAt: true, user: { select: { publicId: true } }, link: { select: { title: true } } },
    }),
  ]);
  const count = (status: "PENDING" | "SENT" | "FAILED") => counts.find((c) => c.status === status)?._count._all ?? 0;
  return {
    pending: count("PENDING"),
    failed: count("FAILED"),
    sent: count("SENT"),
    latestFailures: failures.map((f) => ({ publicId: f.user.publicId, linkTitle: f.link.title, error: f.lastError, attempts: f.attempts, updatedAt: f.updatedAt })),
  };
}

/** Puts every failed delivery of the integration back in the queue (after the platform was fixed). */
export async function retryFailedScores(integrationId: string): Promise<number> {
  await requireAdmin();
  const id = idSchema.parse(integrationId);
  const failed = await prisma.scoreSync.findMany({ where: { link: { integrationId: id }, status: "FAILED" }, select: { resourceLinkId: true, userId: true } });
  if (failed.length === 0) return 0;
  await prisma.scoreSync.updateMany({ where: { link: { integrationId: id }, status: "FAILED" }, data: { status: "PENDING", attempts: 0 } });
  for (const row of failed) await enqueueScoreDelivery(row, { now: true });
  return failed.length;
}
