import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireReadablePublication } from "@/lib/publications/reader-access";
import { userIdSchema } from "@/lib/reading/annotation-schemas";
import { recordChapterReading, type ChapterChange } from "@/lib/reading/chapter-reading";

/** Seconds a beat may add beyond the wall-clock time since the last counted beat (timers drift). */
export const HEARTBEAT_SLACK_SECONDS = 5;
/** The first beat of a sitting has no earlier beat to measure against: it may claim this much. */
export const FIRST_BEAT_MAX_SECONDS = 90;

export const heartbeatSchema = z.object({
  /** Random id the reader makes when a sitting starts (page load, or return after a long pause). */
  clientSessionId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, - and _."),
  /** Active seconds of this sitting so far, cumulative. */
  activeSeconds: z.number().int().min(0).max(24 * 60 * 60),
  /** The chapter the time was spent in (spine index); older readers leave it out. */
  chapterIndex: z.number().int().min(0).max(100_000).optional(),
  /** The furthest fraction of that chapter reached since the last beat, 0..1. */
  position: z.number().min(0).max(1).optional(),
});
export type HeartbeatInput = z.input<typeof heartbeatSchema>;

/**
 * Records a heartbeat, in two statements on the database clock, so concurrent beats and app
 * instances agree.
 *
 * A sitting (the client's session ID) reports its cumulative active time; the server keeps the
 * maximum and lets it grow by at most the wall-clock time since its last counted beat plus a
 * little slack, and never past the sitting's wall-clock length plus that slack. So a lost beat is
 * made up by the next one and a repeated, late or concurrent one adds nothing.
 *
 * Sittings are the client's to invent, so that alone would let 40 made-up session IDs claim 40
 * first beats at once. What a sitting may add is therefore also taken from the person's clock for
 * the book (ReadingClock): time is counted only between `countedUntil` and now, and at most
 * FIRST_BEAT_MAX_SECONDS of idle time is ever banked. However many sittings beat, in parallel or
 * not, a person's time for a book grows no faster than the wall clock. The clock row is upserted
 * in the same statement that updates the sitting, and its row lock serializes parallel beats.
 */
export type HeartbeatResult = {
  /** The sitting's active seconds so far. */
  activeSeconds: number;
  /** What this beat added, as the person's clock allowed it. */
  granted: number;
  publicationId: string;
  /** The chapter the beat named, when it named one. */
  chapter: ChapterChange | null;
};

export async function recordHeartbeat(input: { userId: string; slug: string; beat: HeartbeatInput }): Promise<HeartbeatResult> {
  const userId = userIdSchema.parse(input.userId);
  const { clientSessionId, activeSeconds, chapterIndex, position } = heartbeatSchema.parse(input.beat);
  const publication = await requireReadablePublication({ userId }, input.slug);
  if (chapterIndex !== undefined && chapterIndex >= publication.chapterCount) {
    throw new AppError("BAD_INPUT", "This book has no such chapter. Reload the reader.");
  }
  const first = Math.min(activeSeconds, FIRST_BEAT_MAX_SECONDS);

  // A new sitting starts with nothing counted, as if it had begun `first` seconds ago; the
  // update below then grants that time if the person's clock has it.
  const created = await prisma.$queryRaw<{ id: string }[]>`
    insert into "ReadingSession" ("id", "userId", "publicationId", "clientId", "startedAt", "lastActiveAt", "activeSeconds")
    values (${randomUUID()}, ${userId}, ${publication.id}, ${clientSessionId},
            (now() at time zone 'utc') - make_interval(secs => ${first}), (now() at time zone 'utc') - make_interval(secs => ${first}), 0)
    on conflict ("userId", "clientId") do nothing
    returning "id"`;
  const claim = created[0] ? first : activeSeconds;

  const updated = await prisma.$queryRaw<{ activeSeconds: number; granted: number }[]>`
    with sitting as (
      select s."id", s."activeSeconds" as old,
             greatest(0, least(${claim}::int,
                   s."activeSeconds" + floor(extract(epoch from ((now() at time zone 'utc') - s."lastActiveAt")))::int + ${HEARTBEAT_SLACK_SECONDS}::int,
                   floor(extract(epoch from ((now() at time zone 'utc') - s."startedAt")))::int + ${HEARTBEAT_SLACK_SECONDS}::int) - s."activeSeconds") as wanted
      from "ReadingSession" s
      where s."userId" = ${userId} and s."clientId" = ${clientSessionId} and s."publicationId" = ${publication.id}
      for update
    ),
    clock as (
      insert into "ReadingClock" as c ("userId", "publicationId", "countedUntil", "granted")
      select ${userId}, ${publication.id},
             (now() at time zone 'utc') - make_interval(secs => ${FIRST_BEAT_MAX_SECONDS}::int - least(sitting.wanted, ${FIRST_BEAT_MAX_SECONDS}::int)),
             least(sitting.wanted, ${FIRST_BEAT_MAX_SECONDS}::int)
      from sitting where sitting.wanted > 0
      on conflict ("userId", "publicationId") do update
         set "granted" = least(excluded."granted",
                               floor(extract(epoch from ((now() at time zone 'utc') - greatest(c."countedUntil", (now() at time zone 'utc') - make_interval(secs => ${FIRST_BEAT_MAX_SECONDS}::int)))))::int),
             "countedUntil" = greatest(c."countedUntil", (now() at time zone 'utc') - make_interval(secs => ${FIRST_BEAT_MAX_SECONDS}::int))
                              + make_interval(secs => least(excluded."granted",
                                  floor(extract(epoch from ((now() at time zone 'utc') - greatest(c."countedUntil", (now() at time zone 'utc') - make_interval(secs => ${FIRST_BEAT_MAX_SECONDS}::int)))))::int))
      returning "granted"
    )
    update "ReadingSession" s
       set "activeSeconds" = sitting.old + coalesce(clock."granted", 0),
           "lastActiveAt" = case when coalesce(clock."granted", 0) > 0 then (now() at time zone 'utc') else s."lastActiveAt" end
      from sitting left join clock on true
     where s."id" = sitting."id"
    returning s."activeSeconds", coalesce(clock."granted", 0)::int as "granted"`;
  if (!updated[0]) {
    throw new AppError("BAD_INPUT", "This reading session belongs to another book. Reload the reader to start a new one.");
  }
  const { granted } = updated[0];
  // The chapter gets what the clock granted, never what the client claimed.
  const chapter = chapterIndex === undefined ? null : await recordChapterReading({
    userId, publicationId: publication.id, chapterIndex, position: position ?? 0, seconds: granted,
  });
  return { activeSeconds: updated[0].activeSeconds, granted, publicationId: publication.id, chapter };
}
