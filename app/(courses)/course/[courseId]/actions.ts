"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { refreshCourseRoster } from "@/lib/courses/instructor-view";

export type RefreshState = { ok: boolean; message: string | null };

const courseId = z.string().min(1).max(100);

/** "Refresh roster": fetches the class list from the LMS now. */
export async function refreshRosterAction(id: string, _prev: RefreshState): Promise<RefreshState> {
  try {
    const user = await requireUser();
    const result = await refreshCourseRoster({ userId: user.id, courseId: courseId.parse(id) });
    if (!result.ok) return { ok: false, message: result.message };
    revalidatePath(`/course/${id}`);
    return { ok: true, message: `Roster refreshed: ${result.members} ${result.members === 1 ? "person" : "people"} from the LMS.` };
  } catch (error) {
    if (isAppError(error)) return { ok: false, message: error.message };
    if (error instanceof z.ZodError) return { ok: false, message: "There is no such course." };
    throw error;
  }
}
