import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireReadablePublication } from "@/lib/publications/reader-access";
import { userIdSchema } from "@/lib/reading/annotation-schemas";

/** Seconds a beat may add beyond the wall-clock time since the last counted beat (timers drift). */
export const HEARTBEAT_SLACK_SECONDS = 5;
/** The first beat of a sitting has no earlier beat to measure against: it may claim this much. */
export const FIRST_BEAT_MAX_SECONDS = 90;

export const heartbeatSchema = z.object({
  /** Random id the reader makes when a sitting starts (page load, or return after a long pause). */
  clientSessionId: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, "Use letters, digits, - and _."),
  /** Active seconds of this sitting so far, cumulative. */
  activeSeconds: z.number().int().min(0).max(24 * 60 * 60),
});
export type HeartbeatInput = z.input<typeof heartbeatSchema>;

/**
 * Records a heartbeat. The client reports the cumulative active time of its sitting; the server
 * keeps the maximum, and lets it grow by at most the wall-clock time since the last beat that
 * counted plus a little slack, and never past the sitting's wall-clock length plus that slack
 * (otherwise every repeated beat would be granted the slack again). So a lost beat is made up by
 * the next one, a repeated, late or concurrent one adds nothing, and a client cannot claim more
 * time than has passed. One SQL statement per case, on the database clock, so concurrent beats
 * and app instances agree.
 */
export async function recordHeartbeat(input: { userId: string; slug: string; beat: HeartbeatInput }): Promise<{ activeSeconds: number }> {
  const userId = userIdSchema.parse(input.userId);
  const { clientSessionId, activeSeconds } = heartbeatSchema.parse(input.beat);
  const publication = await requireReadablePublication({ userId }, input.slug);
  const first = Math.min(activeSeconds, FIRST_BEAT_MAX_SECONDS);

  const created = await prisma.$queryRaw<{ activeSeconds: number }[]>`
    insert into "ReadingSession" ("id", "userId", "publicationId", "clientId", "startedAt", "lastActiveAt", "activeSeconds")
    values (${randomUUID()}, ${userId}, ${publication.id}, ${clientSessionId},
            (now() at time zone 'utc') - make_interval(secs => ${first}), (now() at time zone 'utc'), ${first})
    on conflict ("userId", "clientId") do nothing
    returning "activeSeconds"`;
  if (created[0]) return created[0];

  const updated = await prisma.$queryRaw<{ activeSeconds: number }[]>`
    with allowed as (
      select s."id", s."activeSeconds" as old,
             least(${activeSeconds}::int,
                   s."activeSeconds" + floor(extract(epoch from ((now() at time zone 'utc') - s."lastActiveAt")))::int + ${HEARTBEAT_SLACK_SECONDS}::int,
                   floor(extract(epoch from ((now() at time zone 'utc') - s."startedAt")))::int + ${HEARTBEAT_SLACK_SECONDS}::int) as claim
      from "ReadingSession" s
      where s."userId" = ${userId} and s."clientId" = ${clientSessionId} and s."publicationId" = ${publication.id}
      for update
    )
    update "ReadingSession" s
       set "activeSeconds" = greatest(allowed.old, allowed.claim),
           "lastActiveAt" = case when allowed.claim > allowed.old then (now() at time zone 'utc') else s."lastActiveAt" end
      from allowed
     where s."id" = allowed."id"
    returning s."activeSeconds"`;
  if (!updated[0]) {
    throw new AppError("BAD_INPUT", "This reading session belongs to another book. Reload the reader to start a new one.");
  }
  return updated[0];
}
