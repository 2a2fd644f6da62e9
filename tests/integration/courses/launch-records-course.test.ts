import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as lti11Post } from "@/app/api/lti/11/launch/route";
import { forgetRecentPlaceWrites } from "@/lib/lti/provision";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";
import { basicLaunchParams, launchRequest } from "@/tests/support/lti11-launch";
import { createLti11Integration, createLti13Integration, createPublication } from "@/tests/support/factories";

// Every launch records its course, its resource link (with the assigned reading and the grade
// service endpoints) and the person's membership and roles there (docs/decisions/0019).

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
const AGS = "https://purl.imsglobal.org/spec/lti-ags/";
const NRPS = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

let platform: TestPlatform;
beforeEach(async () => {
  platform = await TestPlatform.start();
  forgetRecentPlaceWrites();
});
afterEach(() => platform.close());

function courseClaims(overrides: Record<string, unknown> = {}) {
  return {
    [`${LTI}context`]: { id: "ctx-101", title: "English 101", label: "ENG101" },
    [`${LTI}resource_link`]: { id: "week-3", title: "Week 3 reading" },
    [`${LTI}custom`]: { publication: "moby-dick", start: "2#bk-sec-1", end: "4", score_maximum: "50" },
    [`${AGS}claim/endpoint`]: {
      scope: [`${AGS}scope/lineitem`, `${AGS}scope/score`, "https://example.test/made-up-scope"],
      lineitems: "https://lms.example.test/courses/101/lineitems",
      lineitem: "https://lms.example.test/courses/101/lineitems/7?type=reading",
    },
    [NRPS]: { context_memberships_url: "https://lms.example.test/courses/101/memberships", service_versions: ["2.0"] },
    ...overrides,
  };
}

describe("a launch records its course", () => {
  it("stores the course, the link with its range and line item, and a student's membership; the student lands at the reading", async () => {
    const integration = await createLti13Integration(platform);
    await createPublication({ slug: "moby-dick", chapters: ["a", "b", "c", "d", "e"] });
    const { response } = await launch(platform, { claims: courseClaims() });
    expect(response.status).toBe(303);

    const course = await prisma.course.findFirstOrThrow();
    expect(course).toMatchObject({ integrationId: integration.id, contextId: "ctx-101", title: "English 101", label: "ENG101", membershipsUrl: "https://lms.example.test/courses/101/memberships" });
    const link = await prisma.resourceLink.findFirstOrThrow({ include: { publication: true } });
    expect(link).toMatchObject({
      courseId: course.id, linkId: "week-3", title: "Week 3 reading", startChapter: 2, startFragment: "bk-sec-1", endChapter: 4, scoreMaximum: 50,
      lineItemUrl: "https://lms.example.test/courses/101/lineitems/7?type=reading", lineItemsUrl: "https://lms.example.test/courses/101/lineitems",
      agsScopes: [`${AGS}scope/lineitem`, `${AGS}scope/score`],
    });
    expect(link.publication?.slug).toBe("moby-dick");
    const user = await prisma.user.findFirstOrThrow();
    expect(await prisma.courseMembership.findMany()).toMatchObject([{ courseId: course.id, userId: user.id, subject: "student-1", instructor: false, roles: [`${LIS}Learner`] }]);
    expect(response.headers.get("location")).toBe(`http://localhost:3000/read/moby-dick?link=${link.id}`);
  });

  it("sends an instructor to the course's view, and never makes them a store administrator", async () => {
    await createLti13Integration(platform);
    const { response } = await launch(platform, { claims: { ...courseClaims(), sub: "teacher-1", [`${LTI}roles`]: [`${LIS}Instructor`] } });
    const course = await prisma.course.findFirstOrThrow();
    const link = await prisma.resourceLink.findFirstOrThrow();
    expect(response.headers.get("location")).toBe(`http://localhost:3000/course/${course.id}?link=${link.id}`);
    expect(await prisma.courseMembership.findFirstOrThrow()).toMatchObject({ instructor: true, subject: "teacher-1" });
    expect((await prisma.user.findFirstOrThrow()).role).toBe("READER");
  });

  it("drops what a platform should not have sent and still lets the person in", async () => {
    await createLti13Integration(platform);
    const { response } = await launch(platform, {
      claims: courseClaims({
        [`${LTI}context`]: { id: "ctx\u0000evil", title: `x${"y".repeat(5000)}` },
        [`${LTI}custom`]: { start: "-3", end: "lots", score_maximum: "1e9" },
        [`${AGS}claim/endpoint`]: { scope: "not-a-list", lineitem: "javascript:alert(1)" },
        [NRPS]: { context_memberships_url: "file:///etc/passwd" },
      }),
    });
    expect(response.status).toBe(303);
    // A context id with NUL cannot be stored: no course, but the link is still recorded.
    expect(await prisma.course.count()).toBe(0);
    expect(await prisma.resourceLink.findFirstOrThrow()).toMatchObject({ courseId: null, startChapter: null, endChapter: null, scoreMaximum: null, lineItemUrl: null, agsScopes: [] });

    await launch(platform, {
      claims: courseClaims({
        [`${LTI}context`]: { id: "ctx-2", title: `x${"y".repeat(5000)}` },
        [`${AGS}claim/endpoint`]: { lineitem: "javascript:alert(1)" },
        [NRPS]: { context_memberships_url: "file:///etc/passwd" },
      }),
    });
    const course = await prisma.course.findFirstOrThrow();
    expect(course.title).toHaveLength(300);
    expect(course.membershipsUrl).toBeNull();
    expect((await prisma.resourceLink.findFirstOrThrow()).lineItemUrl).toBeNull();
  });

  it("writes a course and link once per class, and again when the LMS changes them", async () => {
    await createLti13Integration(platform);
    await launch(platform, { claims: { ...courseClaims(), sub: "s-1" } });
    const first = await prisma.course.findFirstOrThrow();
    await new Promise((r) => setTimeout(r, 20));
    await launch(platform, { claims: { ...courseClaims(), sub: "s-2" } });
    // The second student's launch wrote their membership, not the unchanged course.
    expect((await prisma.course.findFirstOrThrow()).updatedAt).toEqual(first.updatedAt);
    expect(await prisma.courseMembership.count()).toBe(2);

    await launch(platform, { claims: { ...courseClaims({ [`${LTI}context`]: { id: "ctx-101", title: "English 101 (Spring)" } }), sub: "s-1" } });
    expect((await prisma.course.findFirstOrThrow()).title).toBe("English 101 (Spring)");
    await launch(platform, { claims: { ...courseClaims({ [`${LTI}custom`]: { publication: "moby-dick", start: "5", end: "6" } }), sub: "s-1" } });
    expect(await prisma.resourceLink.findFirstOrThrow()).toMatchObject({ startChapter: 5, startFragment: null, endChapter: 6 });
    expect(await prisma.course.count()).toBe(1);
    expect(await prisma.resourceLink.count()).toBe(1);
  });

  it("records a membership again when the account behind a remembered one was deleted", async () => {
    await createLti13Integration(platform);
    await launch(platform, { claims: courseClaims() });
    await prisma.user.deleteMany();
    const { response } = await launch(platform, { claims: courseClaims() });
    expect(response.status).toBe(303);
    expect(await prisma.courseMembership.count()).toBe(1);
  });

  it("converges 20 simultaneous first launches into a new course on one course, one link and 20 memberships", async () => {
    await createLti13Integration(platform);
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => launch(platform, { claims: { ...courseClaims(), sub: `s-${i}` } })));
    expect(responses.map((r) => r.response.status)).toEqual(Array(20).fill(303));
    expect(await prisma.course.count()).toBe(1);
    expect(await prisma.resourceLink.count()).toBe(1);
    expect(await prisma.courseMembership.count()).toBe(20);
  });

  it("records an LTI 1.1 launch's course, link, range and roles", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    await createPublication({ slug: "intro-to-rust", chapters: ["a", "b", "c"] });
    const params = basicLaunchParams({
      roles: "urn:lti:role:ims/lis/Instructor", context_title: "Systems 2", context_label: "SYS2",
      resource_link_title: "Ownership", custom_publication: "intro-to-rust", custom_start: "1", custom_end: "2",
    });
    const response = await lti11Post(launchRequest({ consumerKey, secret: sharedSecret, params }));
    const course = await prisma.course.findFirstOrThrow();
    expect(course).toMatchObject({ contextId: "course-42", title: "Systems 2", label: "SYS2" });
    const link = await prisma.resourceLink.findFirstOrThrow();
    expect(link).toMatchObject({ linkId: "course-42-link-1", title: "Ownership", startChapter: 1, endChapter: 2, courseId: course.id });
    expect(await prisma.courseMembership.findFirstOrThrow()).toMatchObject({ subject: "student-7", instructor: true, roles: ["Instructor"] });
    expect(response.headers.get("location")).toBe(`http://localhost:3000/course/${course.id}?link=${link.id}`);
  });
});
