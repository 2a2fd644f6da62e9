import { describe, expect, it } from "vitest";
import { courseFromClaims, courseFromLti11 } from "@/lib/lti/course-claims";
import { CLAIM, type IdToken } from "@/lib/lti/claims";
import { courseInstructor } from "@/lib/lti/roles";

// Who is an instructor *of this course* is the context (membership) role, not an institution or
// system role: Canvas sends institution/person#Instructor with every launch of anyone who teaches
// anywhere in the account, also when they are a Learner in this course. A course instructor sees
// every classmate's progress, names and emails.

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
const learnerWhoTeachesElsewhere = [`${LIS}membership#Learner`, `${LIS}institution/person#Instructor`, `${LIS}system/person#User`];

const claimsWith = (roles: string[]) => ({
  [CLAIM.roles]: roles,
  [CLAIM.context]: { id: "ctx-1", title: "Course" },
  [CLAIM.resourceLink]: { id: "rl-1" },
}) as unknown as IdToken;

describe("course instructor role", () => {
  it("a Learner of the course who is an Instructor elsewhere in the institution is not the course's instructor", () => {
    expect(courseInstructor(learnerWhoTeachesElsewhere)).toBe(false);
    expect(courseFromClaims(claimsWith(learnerWhoTeachesElsewhere), learnerWhoTeachesElsewhere, "http://localhost:3000").instructor).toBe(false);
  });

  it("context instructors, TAs and content developers are; so is an LMS administrator with no role in the course", () => {
    expect(courseInstructor([`${LIS}membership#Instructor`, `${LIS}institution/person#Student`])).toBe(true);
    expect(courseInstructor([`${LIS}membership/Instructor#TeachingAssistant`])).toBe(true);
    expect(courseInstructor(["Instructor"])).toBe(true);
    expect(courseInstructor([`${LIS}membership#ContentDeveloper`])).toBe(true);
    expect(courseInstructor([`${LIS}institution/person#Administrator`])).toBe(true);
    expect(courseInstructor([`${LIS}membership#Learner`])).toBe(false);
    expect(courseInstructor([`${LIS}membership/Learner#TeachingAssistant`])).toBe(false);
  });

  it("LTI 1.1: urn:lti:instrole:ims/lis/Instructor beside Learner is not the course's instructor", () => {
    const get = (name: string) => ({ context_id: "ctx-1", resource_link_id: "rl-1" } as Record<string, string>)[name];
    expect(courseFromLti11(get, null, "Learner,urn:lti:instrole:ims/lis/Instructor").instructor).toBe(false);
    expect(courseFromLti11(get, null, "urn:lti:role:ims/lis/Learner/NonCreditLearner,urn:lti:instrole:ims/lis/Instructor").instructor).toBe(false);
    expect(courseFromLti11(get, null, "Instructor").instructor).toBe(true);
    expect(courseFromLti11(get, null, "urn:lti:role:ims/lis/Instructor/TeachingAssistant").instructor).toBe(true);
    expect(courseFromLti11(get, null, "urn:lti:role:ims/lis/Learner/TeachingAssistant").instructor).toBe(false);
  });
});
