import { describe, expect, it } from "vitest";
import { CLAIM, nameHintFrom, publicationSlugFrom } from "@/lib/lti/claims";
import { signLti1p1 } from "@/lib/lti/lti1p1";
import { LtiError } from "@/lib/lti/errors";
import { ltiFailureResponse } from "@/lib/lti/failure-page";

const app = "http://localhost:3000";

describe("publicationSlugFrom", () => {
  it("prefers custom.publication, then a /read/<slug> target link on Folio's origin", () => {
    expect(publicationSlugFrom({ [CLAIM.custom]: { publication: "moby-dick" } }, app)).toBe("moby-dick");
    expect(publicationSlugFrom({ [CLAIM.targetLinkUri]: `${app}/read/emma` }, app)).toBe("emma");
    expect(publicationSlugFrom({ [CLAIM.targetLinkUri]: "https://evil.test/read/emma" }, app)).toBeNull();
    expect(publicationSlugFrom({ [CLAIM.custom]: { publication: "../admin" } }, app)).toBeNull();
    expect(publicationSlugFrom({ [CLAIM.targetLinkUri]: `${app}/library` }, app)).toBeNull();
  });
});

describe("nameHintFrom", () => {
  it("uses name, or given and family names", () => {
    expect(nameHintFrom({ name: "Ada L" })).toBe("Ada L");
    expect(nameHintFrom({ given_name: "Ada", family_name: "Lovelace" })).toBe("Ada Lovelace");
    expect(nameHintFrom({})).toBeNull();
  });
});

describe("signLti1p1", () => {
  it("matches the example in the LTI 1.1 migration spec", () => {
    expect(
      signLti1p1("my-lti11-secret", {
        consumerKey: "179248902",
        deploymentId: "689302",
        iss: "https://lmsvendor.com",
        clientId: "PM48OJSfGDTAzAo",
        exp: 1551290856,
        nonce: "172we8671fd8z",
      }),
    ).toBe("lWd54kFo5qU7xshAna6v8BwoBm6tmUjc6GTax6+12ps=");
  });
});

describe("ltiFailureResponse", () => {
  it("shows the code and what to do, with the error's status, and nothing else", async () => {
    const response = ltiFailureResponse(new LtiError("LTI_STATE_EXPIRED", "secret detail <script>", { status: 403 }));
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("This launch could not be completed");
    expect(html).toContain("Launch Folio again from your course. If it keeps happening, give your institution this code: <code>LTI_STATE_EXPIRED</code>");
    expect(html).not.toContain("secret detail");
  });

  it("keeps LtiError statuses in the 4xx range", () => {
    expect(new LtiError("X", "m").status).toBe(400);
    expect(new LtiError("X", "m", { status: 503 }).status).toBe(400);
  });
});
