import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST } from "@/app/api/lti/11/launch/route";
import { getReaderShell } from "@/lib/library/reader-shell";
import { ltiFailureResponse } from "@/lib/lti/failure-page";
import { LtiError } from "@/lib/lti/errors";
import { createLti11Integration, createPlan, createPublication } from "@/tests/support/factories";
import { launchRequest } from "@/tests/support/lti11-launch";

describe("a student whose integration is disabled", () => {
  it("is told on the launch page that the access is switched off and whom to ask, not to launch again", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration({ enabled: false });
    const refused = await POST(launchRequest({ consumerKey, secret: sharedSecret }));
    expect(refused.headers.get("x-lti-error")).toBe("LTI11_INTEGRATION_DISABLED");
    const page = await refused.text();
    expect(page).toContain("access to Folio is switched off");
    expect(page).toContain("instructor or your institution&#39;s LMS administrator");
    expect(page).not.toContain("Launch Folio again");

    const lti13 = await ltiFailureResponse(new LtiError("LTI_INTEGRATION_DISABLED", "disabled", { status: 403 })).text();
    expect(lti13).toContain("switched off");
    // Other failures still say "launch again".
    expect(await ltiFailureResponse(new LtiError("LTI_NONCE_REUSED", "again")).text()).toContain("Launch Folio again");
  });

  it("is told in the reader which institution's access is switched off, until it is on again", async () => {
    const book = await createPublication({ title: "Physics" });
    const other = await createPublication({ title: "Chemistry" });
    const plan = await createPlan({ publicationIds: [book.id] });
    const { integration, consumerKey, sharedSecret } = await createLti11Integration({ name: "North College", planId: plan.id });
    expect((await POST(launchRequest({ consumerKey, secret: sharedSecret }))).status).toBe(303);
    const user = await prisma.user.findFirstOrThrow({ where: { ltiIdentities: { some: { integrationId: integration.id } } } });
    const viewer = { userId: user.id };
    expect(await getReaderShell({ viewer, slug: book.slug })).toMatchObject({ access: true });

    await prisma.integration.update({ where: { id: integration.id }, data: { enabled: false } });
    expect(await getReaderShell({ viewer, slug: book.slug })).toMatchObject({ access: false, reason: "switched-off", institutions: ["North College"] });
    // A book the plan never had is simply not in their access.
    expect(await getReaderShell({ viewer, slug: other.slug })).toMatchObject({ access: false, reason: "forbidden" });

    await prisma.integration.update({ where: { id: integration.id }, data: { enabled: true } });
    expect(await getReaderShell({ viewer, slug: book.slug })).toMatchObject({ access: true });
  });
});
