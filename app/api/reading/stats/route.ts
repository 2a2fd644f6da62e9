import { handleRoute, json } from "@/lib/http/handle-route";
import { requireViewer } from "@/lib/publications/viewer";
import { getMyReadingStats } from "@/lib/reading/stats";

export const dynamic = "force-dynamic";

/** "My reading": one row per book the person opened. */
export const GET = handleRoute(async () => {
  const { userId } = await requireViewer();
  return json({ books: await getMyReadingStats({ userId }) });
});
