import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { freshenRoster } from "@/lib/courses/instructor-view";
import { createLti11Integration, createUser } from "@/tests/support/factories";

describe("an LTI 1.1 course's roster", () => {
  it("says LTI 1.1 has no roster service instead of asking to switch one on", async () => {
    const { integration } = await createLti11Integration();
    const teacher = await createUser();
    const course = await prisma.course.create({ data: { integrationId: integration.id, contextId: "c-1", title: "Systems" } });
    await prisma.courseMembership.create({ data: { courseId: course.id, userId: teacher.id, subject: "t-1", roles: ["Instructor"], instructor: true } });
    const problem = await freshenRoster({ userId: teacher.id, courseId: course.id });
    expect(problem).toMatchObject({ ok: false, code: "LTI_SERVICE_NOT_CONFIGURED" });
    expect(problem && !problem.ok && problem.message).toMatch(/LTI 1\.1, which has no roster service/);
  });
});
