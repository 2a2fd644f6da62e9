import "server-only";
import { linkProgressFor } from "@/lib/courses/reading-share";
import { ensureQueue, jobQueueOptions } from "@/lib/jobs/queue";
import { SCOPE } from "@/lib/lti/claims";
import { sql } from "@/lib/sql";

// What Folio owes the LMS: when a person's reading of a graded link changes, ScoreSync records
// the new share and a job delivers it (lib/courses/grade-delivery.ts). The job carries only the
// link and the person and reads the row when it runs, so jobs that collapse lose nothing: the one
// that runs sends the latest share.

export const SCORE_QUEUE = "lti-score";
export type ScoreJob = { resourceLinkId: string; userId: string };

// A link is graded when the platform gave a line item, or gave the line items URL and the
// instructor chose a maximum (Folio creates the line item); scores need the score scope.
// $1 user, $2 publication, $3 chapter (or null): only links whose range holds the chapter, in a
// course the person is a member of. One indexed lookup, so beats of ungraded reading stay cheap.
const GRADED_LINKS = `
  select l.id
  from "CourseMembership" m
  join "ResourceLink" l on l."courseId" = m."courseId"
  where m."userId" = $1 and l."publicationId" = $2
    and (l."lineItemUrl" is not null or (l."lineItemsUrl" is not null and l."scoreMaximum" is not null))
    and $4 = any(l."agsScopes")
    and ($3::int is null or $3::int between coalesce(l."startChapter", 0) and coalesce(l."endChapter", 2147483647))`;

// The row changes (and becomes PENDING, with its attempts counted afresh) only when the share or
// completion did: a beat that changes neither enqueues nothing. $1 link, $2 user, $3 share, $4 completed.
const UPSERT = `
  insert into "ScoreSync" as s ("resourceLinkId", "userId", "share", "completed", "status", "updatedAt")
  values ($1, $2, $3, $4, 'PENDING', (now() at time zone 'utc'))
  on conflict ("resourceLinkId", "userId") do update
     set "share" = excluded."share", "completed" = excluded."completed", "status" = 'PENDING', "attempts" = 0,
         "updatedAt" = (now() at time zone 'utc')
   where abs(s."share" - excluded."share") >= 0.0005 or s."completed" <> excluded."completed"
  returning s."completed"`;

/**
 * Recomputes the person's share of every graded link of this book (in courses they belong to)
 * and enqueues a delivery where it changed. Returns how many deliveries were enqueued.
 */
export async function queueScoreUpdates(userId: string, publicationId: string, options: { chapterIndex?: number } = {}): Promise<number> {
  const links = await sql<{ id: string }>("grades-graded-links", GRADED_LINKS, [userId, publicationId, options.chapterIndex ?? null, SCOPE.score]);
  let queued = 0;
  for (const link of links) {
    const progress = await linkProgressFor(link.id, userId);
    const [changed] = await sql<{ completed: boolean }>("grades-upsert-score", UPSERT, [link.id, userId, progress.share, progress.completed]);
    if (!changed) continue;
    await enqueueScoreDelivery({ resourceLinkId: link.id, userId }, { final: changed.completed });
    queued++;
  }
  return queued;
}

/**
 * Enqueues a delivery. Ordinary updates are throttled per link and person: the first in a window
 * goes at once, later ones collapse into one job at the start of the next window. A final score
 * (completion) or an administrator's retry goes at once.
 */
export async function enqueueScoreDelivery(job: ScoreJob, options: { final?: boolean; now?: boolean } = {}): Promise<void> {
  const boss = await ensureQueue(SCORE_QUEUE);
  const key = `${job.resourceLinkId}:${job.userId}`;
  if (options.final || options.now) {
    await boss.send(SCORE_QUEUE, job, { singletonKey: `${key}:${options.final ? "final" : "now"}` });
  } else {
    await boss.sendDebounced(SCORE_QUEUE, job, {}, jobQueueOptions().scoreThrottleSeconds, key);
  }
}
