import { describe, expect, it } from "vitest";
import { courseFromClaims, courseFromLti11 } from "@/lib/lti/course-claims";
import { CLAIM, SCOPE, type IdToken } from "@/lib/lti/claims";

// Postgres text cannot hold NUL: one NUL in anything the launch statement writes fails the whole
// statement, and so the verified launch (LTI_INTERNAL). Whatever courseFromClaims keeps must be
// storable. The WHATWG URL parser accepts a NUL in a path (it would send %00), so passing the URL
// policy is not enough: the value stored must be the parsed URL's href.

const NUL = "\u0000";

describe("course claims under hostile values", () => {
  it("keeps no NUL anywhere (roles, service URLs)", () => {
    const roles = ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner", `Learner${NUL}`];
    const claims = {
      [CLAIM.roles]: roles,
      [CLAIM.context]: { id: "ctx-1", title: `T${NUL}` },
      [CLAIM.resourceLink]: { id: "rl-1", title: `L${NUL}` },
      [CLAIM.nrpsService]: { context_memberships_url: `https://lms.test/m${NUL}x` },
      [CLAIM.agsEndpoint]: { scope: [SCOPE.score], lineitems: `https://lms.test/li${NUL}`, lineitem: `https://lms.test/li/1${NUL}x` },
    } as unknown as IdToken;
    const course = courseFromClaims(claims, roles, "http://localhost:3000");
    expect(JSON.stringify(course)).not.toContain("\\u0000");
    // A URL that parses is kept, as the address the outbound fetch would use.
    expect(course.link?.lineItemUrl).toBe("https://lms.test/li/1%00x");
  });

  it("LTI 1.1 roles keep no NUL", () => {
    const get = (name: string) => ({ context_id: "ctx-1", resource_link_id: "rl-1" } as Record<string, string>)[name];
    expect(JSON.stringify(courseFromLti11(get, null, `Learner,Inst${NUL}ructor`).roles)).not.toContain("\\u0000");
  });
});
