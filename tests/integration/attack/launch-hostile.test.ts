import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { forgetRecentPlaceWrites } from "@/lib/lti/provision";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";
import { createLti13Integration } from "@/tests/support/factories";

// A verified launch whose course claims carry values Postgres cannot store, or roles that make a
// learner look like staff elsewhere. Fails until lib/lti/course-claims.ts is fixed (see report).

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
const AGS = "https://purl.imsglobal.org/spec/lti-ags/";

let platform: TestPlatform;
beforeEach(async () => {
  platform = await TestPlatform.start();
  forgetRecentPlaceWrites();
});
afterEach(() => platform.close());

describe("hostile course claims", () => {
  it("a NUL in a role or in a line item URL does not fail the launch", async () => {
    await createLti13Integration(platform);
    const { response } = await launch(platform, {
      claims: {
        [`${LTI}roles`]: [`${LIS}membership#Learner`, "odd\u0000role"],
        [`${LTI}context`]: { id: "ctx-1", title: "Course" },
        [`${LTI}resource_link`]: { id: "rl-1" },
        [`${AGS}claim/endpoint`]: { scope: [`${AGS}scope/score`], lineitem: "https://lms.example.test/li/1\u0000" },
      },
    });
    expect(response.status).toBe(303);
    expect(await prisma.courseMembership.count()).toBe(1);
  });

  it("a Learner who is an Instructor elsewhere lands as a learner, not on the instructor's view", async () => {
    await createLti13Integration(platform);
    const { response } = await launch(platform, {
      claims: {
        [`${LTI}roles`]: [`${LIS}membership#Learner`, `${LIS}institution/person#Instructor`],
        [`${LTI}context`]: { id: "ctx-2", title: "Course" },
        [`${LTI}resource_link`]: { id: "rl-2" },
      },
    });
    expect(response.status).toBe(303);
    const member = await prisma.courseMembership.findFirstOrThrow();
    expect(member.instructor).toBe(false);
  });
});
