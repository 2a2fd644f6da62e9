import { z } from "zod";
import { AppError } from "@/lib/errors";
import { handleRoute, readParams } from "@/lib/http/handle-route";
import { exportPerson } from "@/lib/users/export-person";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(64) });

/** A person's data as a JSON download, for administrators (exportPerson checks and records it). */
export const GET = handleRoute<{ id: string }>(async (request, context) => {
  const { id } = await readParams(context, params);
  // Cookies are SameSite=None (LMS iframes): another site's <img> or link must not start exports.
  if (request.headers.get("sec-fetch-site") === "cross-site") throw new AppError("FORBIDDEN", "Start the export from the person's page in the Control Panel.");
  const { filename, body } = await exportPerson(id);
  return new Response(body, {
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
