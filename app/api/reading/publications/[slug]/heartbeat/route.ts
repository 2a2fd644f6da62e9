import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/session";
import { queueScoreUpdates } from "@/lib/courses/grade-sync";
import { currentGuestToken } from "@/lib/guest-access/current-guest";
import { recordGuestHeartbeat } from "@/lib/guest-access/guest-heartbeat";
import { handleRoute, json, readJson, readParams } from "@/lib/http/handle-route";
import { requireViewer } from "@/lib/publications/viewer";
import { heartbeatSchema, recordHeartbeat } from "@/lib/reading/heartbeat";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/**
 * Body: { clientSessionId, activeSeconds (cumulative for the sitting), chapterIndex?, position? }.
 * Answers the seconds counted so far. A beat that started a chapter or finished reading one may
 * change a grade: the person's graded links for the book are then updated (one indexed lookup
 * when there are none). A guest (shared access, no account) is counted for the institution only
 * (lib/guest-access/guest-heartbeat.ts).
 */
export const POST = handleRoute<{ slug: string }>(async (request, context) => {
  const { slug } = await readParams(context, params);
  const [user, guest] = await Promise.all([getCurrentUser(), currentGuestToken()]);
  if (!user && guest) {
    const beat = await readJson(request, heartbeatSchema);
    return json(await recordGuestHeartbeat({ guest, slug, beat }));
  }
  const { userId } = await requireViewer();
  const beat = await readJson(request, heartbeatSchema);
  const result = await recordHeartbeat({ userId, slug, beat });
  if (result.chapter && (result.chapter.created || result.chapter.newlyRead)) {
    // The reading is recorded either way; a queue that is down costs a grade update, not the beat.
    await queueScoreUpdates(userId, result.publicationId, { chapterIndex: result.chapter.chapterIndex })
      .catch((error: Error) => console.warn(`Score update not queued: ${error.message}`));
  }
  return json({ activeSeconds: result.activeSeconds });
});
