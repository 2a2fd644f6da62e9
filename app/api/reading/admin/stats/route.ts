import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { handleRoute, json } from "@/lib/http/handle-route";
import { activeReadersPerDay, adminStatsFilterSchema, mostRead, statsByPerson, statsByPublication } from "@/lib/reading/admin-stats";

export const dynamic = "force-dynamic";

const query = adminStatsFilterSchema.extend({
  view: z.enum(["publications", "people", "most-read", "active-readers"]).default("publications"),
});

/** GET ?view=publications|people|most-read|active-readers&days=30&integrationId=…&publicationId=… (administrators). */
export const GET = handleRoute(async (request) => {
  await requireAdmin();
  const { view, ...filter } = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const rows =
    view === "people" ? await statsByPerson(filter)
    : view === "most-read" ? await mostRead(filter)
    : view === "active-readers" ? await activeReadersPerDay(filter)
    : await statsByPublication(filter);
  return json({ view, rows });
});
