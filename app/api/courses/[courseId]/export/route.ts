import { z } from "zod";
import { handleRoute, readParams } from "@/lib/http/handle-route";
import { requireUser } from "@/lib/auth/session";
import { exportCourseCsv } from "@/lib/courses/course-csv";

export const dynamic = "force-dynamic";

const params = z.object({ courseId: z.string().min(1).max(100) });

/** The course's progress table as CSV, for its instructors. */
export const GET = handleRoute<{ courseId: string }>(async (_request, context) => {
  const { courseId } = await readParams(context, params);
  const user = await requireUser();
  const { filename, body } = await exportCourseCsv({ userId: user.id, courseId });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
