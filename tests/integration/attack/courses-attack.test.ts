import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getInstructorView } from "@/lib/courses/instructor-view";
import { clearRosterFailures, refreshRoster, refreshRosterIfStale } from "@/lib/courses/roster";
import { clearServiceTokens } from "@/lib/lti/services/token";
import { NrpsServer } from "@/tests/support/nrps-server";
import { createPublication, createUser } from "@/tests/support/factories";
import { addMember, createLti13Course, ROLE } from "../courses/helpers";

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";

describe("a Learner who teaches elsewhere (institution#Instructor)", () => {
  it("is a student of the course in the instructor's view, not hidden as a colleague", async () => {
    const { course, integration } = await createLti13Course();
    const book = await createPublication({ title: "Book", chapters: ["<p>one two</p>"] });
    await prisma.resourceLink.create({ data: { integrationId: integration.id, courseId: course.id, linkId: "rl-1", publicationId: book.id } });
    const teacher = await addMember(course, { subject: "t-1", instructor: true, nameHint: "Teacher" });
    const learner = await createUser({});
    await prisma.courseMembership.create({
      data: { courseId: course.id, userId: learner.id, subject: "s-9", roles: [`${LIS}membership#Learner`, `${LIS}institution/person#Instructor`], instructor: false },
    });
    const view = await getInstructorView({ userId: teacher.id, courseId: course.id });
    expect(view.students.map((s) => s.userId)).toEqual([learner.id]);
  });
});

describe("a roster with text Postgres cannot store", () => {
  let nrps: NrpsServer;
  beforeAll(async () => {
    nrps = await NrpsServer.start();
  });
  afterAll(async () => {
    await nrps.close();
  });
  beforeEach(() => {
    clearServiceTokens();
    clearRosterFailures();
    nrps.mode = "ok";
    nrps.pageSize = 10;
    nrps.members = [
      { user_id: "s-1", roles: [ROLE.learner], name: "Ada\u0000Lovelace", email: "ada@uni.test\u0000" },
      { user_id: "s-\u00002", roles: [ROLE.learner], name: "Null Id" },
      { user_id: "s-3", roles: [ROLE.learner, "x\u0000"], given_name: "Alan\u0000", family_name: "Turing" },
    ];
  });

  it("stores the readable members (NUL dropped) instead of failing the refresh and the instructor's page", async () => {
    const { course } = await createLti13Course({ clientId: nrps.clientId, tokenUrl: nrps.tokenUrl, membershipsUrl: nrps.membershipsUrl() });
    const result = await refreshRoster(course.id);
    expect(result).toMatchObject({ ok: true, members: 2 });
    const stored = await prisma.rosterMember.findMany({ where: { courseId: course.id }, orderBy: { subject: "asc" } });
    expect(stored.map((m) => [m.subject, m.name, m.email])).toEqual([["s-1", "Ada Lovelace", "ada@uni.test"], ["s-3", "Alan Turing", null]]);
    expect(stored[1]!.roles).toEqual([ROLE.learner]);
  });

  it("the page's stale-roster refresh shows the roster rather than failing the page", async () => {
    const { course } = await createLti13Course({ clientId: nrps.clientId, tokenUrl: nrps.tokenUrl, membershipsUrl: nrps.membershipsUrl() });
    const fresh = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    await expect(refreshRosterIfStale(fresh)).resolves.toMatchObject({ ok: true, members: 2 });
  });
});
