import "server-only";
import { randomUUID } from "node:crypto";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCanRead, findPublication } from "@/lib/publications/reader-access";
import { FIRST_BEAT_MAX_SECONDS, HEARTBEAT_SLACK_SECONDS, heartbeatSchema, type HeartbeatInput } from "@/lib/reading/heartbeat";
import type { GuestToken } from "./guest-cookie";

/**
 * A guest's reading beat, counted for the institution only: one GuestSession row per visit (the
 * cookie's id) and book, no person and no address. The book must be one the integration grants
 * now (the same check as the chapter API).
 *
 * The reader reports the cumulative seconds of its sitting; the row turns that into a delta
 * (against the same sitting's last claim, or up to FIRST_BEAT_MAX_SECONDS for a new sitting) and
 * grants at most the wall-clock time since the row's last beat plus a little slack, in one
 * statement whose row lock serialises parallel tabs. However many tabs or made-up sittings beat,
 * a visit's time for a book grows no faster than the clock.
 */
export async function recordGuestHeartbeat(input: { guest: GuestToken; slug: string; beat: HeartbeatInput }): Promise<{ activeSeconds: number }> {
  const { clientSessionId, activeSeconds, chapterIndex } = heartbeatSchema.parse(input.beat);
  const viewer = { userId: null, guestIntegrationId: input.guest.integrationId };
  const publication = await findPublication(viewer, input.slug);
  await assertCanRead(viewer, publication.id);
  if (chapterIndex !== undefined && chapterIndex >= publication._count.chapters) {
    throw new AppError("BAD_INPUT", "This book has no such chapter. Reload the reader.");
  }
  const first = Math.min(activeSeconds, FIRST_BEAT_MAX_SECONDS);
  const rows = await prisma.$queryRaw<{ activeSeconds: number }[]>`
    insert into "GuestSession" as g ("id", "integrationId", "visitId", "publicationId", "clientId", "clientSeconds", "startedAt", "lastActiveAt", "activeSeconds")
    values (${randomUUID()}, ${input.guest.integrationId}, ${input.guest.visitId}, ${publication.id}, ${clientSessionId}, ${activeSeconds},
            (now() at time zone 'utc') - make_interval(secs => ${first}), (now() at time zone 'utc'), ${first})
    on conflict ("visitId", "publicationId") do update
       set "activeSeconds" = g."activeSeconds" + least(
             case when g."clientId" = excluded."clientId" then greatest(0, excluded."clientSeconds" - g."clientSeconds")
                  else least(excluded."clientSeconds", ${FIRST_BEAT_MAX_SECONDS}::int) end,
             least(floor(extract(epoch from ((now() at time zone 'utc') - g."lastActiveAt")))::int, ${FIRST_BEAT_MAX_SECONDS}::int) + ${HEARTBEAT_SLACK_SECONDS}::int),
           "clientSeconds" = case when g."clientId" = excluded."clientId" then greatest(g."clientSeconds", excluded."clientSeconds") else excluded."clientSeconds" end,
           "clientId" = excluded."clientId",
           "lastActiveAt" = (now() at time zone 'utc')
    returning g."activeSeconds"`;
  return { activeSeconds: rows[0]!.activeSeconds };
}
