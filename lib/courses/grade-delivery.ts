import "server-only";
import { prisma } from "@/lib/db";
import type { ScoreJob } from "@/lib/courses/grade-sync";
import { SCOPE } from "@/lib/lti/claims";
import { createLineItem, lineItemReadScope, postScore, readLineItem, type Score } from "@/lib/lti/services/ags";
import { ServiceError, serviceFailure } from "@/lib/lti/services/token";

// The job that delivers a ScoreSync row to the platform. It sends what the row holds now (not
// what it held when the job was queued), records what the platform acknowledged, and sorts
// failures: the platform down or busy → thrown, so the queue retries with backoff; a refusal →
// FAILED with the platform's reason, shown on the integration page, not retried.

/** The Score's denominator when the line item's maximum cannot be read; platforms scale to their own. */
const FALLBACK_SCORE_MAXIMUM = 100;

type Link = {
  id: string; integrationId: string; courseId: string | null; linkId: string; title: string | null;
  lineItemUrl: string | null; lineItemsUrl: string | null; agsScopes: string[]; scoreMaximum: number | null;
};

const linkSelect = {
  id: true, integrationId: true, courseId: true, linkId: true, title: true,
  lineItemUrl: true, lineItemsUrl: true, agsScopes: true, scoreMaximum: true,
} as const;

/** The line item to post to, and its maximum: the platform's, read once, or one Folio creates. */
async function lineItemFor(link: Link): Promise<{ url: string; scoreMaximum: number }> {
  if (link.lineItemUrl) {
    if (link.scoreMaximum !== null) return { url: link.lineItemUrl, scoreMaximum: link.scoreMaximum };
    const scope = lineItemReadScope(link.agsScopes);
    if (!scope) return { url: link.lineItemUrl, scoreMaximum: FALLBACK_SCORE_MAXIMUM };
    const item = await readLineItem(link.integrationId, link.lineItemUrl, scope);
    await prisma.resourceLink.update({ where: { id: link.id }, data: { scoreMaximum: item.scoreMaximum } });
    return { url: link.lineItemUrl, scoreMaximum: item.scoreMaximum };
  }
  if (!link.lineItemsUrl || link.scoreMaximum === null || !link.agsScopes.includes(SCOPE.lineItem)) {
    throw new ServiceError("LTI_SERVICE_NOT_CONFIGURED", "The platform gave this link no line item and did not allow Folio to create one.", false);
  }
  // One line item per link even when several deliveries start at once: the first creates it under
  // a lock on the link, the others wait and find it.
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`select pg_advisory_xact_lock(hashtext(${`line-item:${link.id}`}))`;
    const current = await tx.resourceLink.findUniqueOrThrow({ where: { id: link.id }, select: { lineItemUrl: true, scoreMaximum: true } });
    if (current.lineItemUrl) return { url: current.lineItemUrl, scoreMaximum: current.scoreMaximum ?? link.scoreMaximum! };
    const item = await createLineItem(link.integrationId, link.lineItemsUrl!, {
      label: link.title ?? "Reading", scoreMaximum: link.scoreMaximum!, resourceLinkId: link.linkId, resourceId: link.id,
    });
    await tx.resourceLink.update({ where: { id: link.id }, data: { lineItemUrl: item.id, scoreMaximum: item.scoreMaximum } });
    return { url: item.id, scoreMaximum: item.scoreMaximum };
  }, { timeout: 30_000, maxWait: 10_000 });
}

/** The score a share stands for, with the progress values as AGS 2.0 defines them (docs/decisions/0020). */
export function scoreFor(input: { subject: string; share: number; completed: boolean; scoreMaximum: number; changedAt: Date }): Score {
  const share = input.completed ? 1 : Math.min(1, Math.max(0, input.share));
  return {
    userId: input.subject,
    scoreGiven: Math.round(share * input.scoreMaximum * 10_000) / 10_000,
    scoreMaximum: input.scoreMaximum,
    // Started: reading began, nothing counts yet; InProgress: part of the range is read.
    activityProgress: input.completed ? "Completed" : share > 0 ? "InProgress" : "Started",
    // Pending: the score is partial and will be updated without anyone's intervention.
    gradingProgress: input.completed ? "FullyGraded" : "Pending",
    timestamp: input.changedAt,
  };
}

/**
 * The score's timestamp: when it is sent, and always at least a second after the last one the
 * platform acknowledged. Platforms refuse a score not newer than the one they hold, compared in
 * whole seconds (Moodle answers 409), so a completion that follows a partial score within the same
 * second, or a retry of a score whose acknowledgement was lost, would otherwise be refused.
 */
export function scoreTimestamp(lastSentAt: Date | null, now = new Date()): Date {
  const after = lastSentAt ? lastSentAt.getTime() + 1_000 : 0;
  return new Date(Math.max(now.getTime(), after));
}

export type DeliveryAttempt = { retryCount: number; retryLimit: number };

/**
 * Delivers one link's score for one person. Throws (so the queue retries) only for failures worth
 * retrying while retries remain.
 */
export async function deliverScore(job: ScoreJob, attempt: DeliveryAttempt): Promise<"sent" | "unchanged" | "failed"> {
  const row = await prisma.scoreSync.findUnique({
    where: { resourceLinkId_userId: { resourceLinkId: job.resourceLinkId, userId: job.userId } },
    include: { link: { select: linkSelect } },
  });
  if (!row) return "unchanged";
  // Only a PENDING row is owed: SENT was acknowledged, FAILED waits for a new share or an
  // administrator's retry (either makes it PENDING again), not for the next job that happens by.
  if (row.status !== "PENDING") return "unchanged";
  try {
    const member = row.link.courseId
      ? await prisma.courseMembership.findUnique({ where: { courseId_userId: { courseId: row.link.courseId, userId: row.userId } }, select: { subject: true } })
      : null;
    if (!member) throw new ServiceError("LTI_SERVICE_NOT_CONFIGURED", "The person is not a member of the link's course.", false);
    const item = await lineItemFor(row.link);
    await postScore(row.link.integrationId, item.url, scoreFor({
      subject: member.subject, share: row.share, completed: row.completed, scoreMaximum: item.scoreMaximum, changedAt: scoreTimestamp(row.sentAt),
    }));
    // SENT only if nothing changed while the score was on its way; otherwise the newer share is
    // still owed and its own job (queued when it changed) delivers it.
    await prisma.$executeRaw`
      update "ScoreSync"
         set "sentShare" = ${row.share}, "sentCompleted" = ${row.completed}, "sentAt" = (now() at time zone 'utc'),
             "attempts" = 0, "lastError" = null,
             "status" = (case when "share" = ${row.share} and "completed" = ${row.completed} then 'SENT' else 'PENDING' end)::"ScoreSyncStatus"
       where "resourceLinkId" = ${row.resourceLinkId} and "userId" = ${row.userId}`;
    return "sent";
  } catch (error) {
    const failure = serviceFailure(error, "Delivering the score");
    const final = !failure.retryable || attempt.retryCount >= attempt.retryLimit;
    // Counted against the value this job tried; if the share moved on meanwhile, the newer
    // value's own job tries it and this failure is moot.
    await prisma.scoreSync.updateMany({
      where: { resourceLinkId: row.resourceLinkId, userId: row.userId, share: row.share, completed: row.completed },
      data: { attempts: { increment: 1 }, lastError: `${failure.code}: ${failure.message}`.slice(0, 500), ...(final ? { status: "FAILED" } : {}) },
    });
    if (final) return "failed";
    throw failure;
  }
}
