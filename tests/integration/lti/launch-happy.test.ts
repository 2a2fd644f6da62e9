import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decode } from "next-auth/jwt";
import { prisma } from "@/lib/db";
import { canRead } from "@/lib/access/can-read";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";
import { createLti13Integration, createPlan, createPublication, createUser } from "@/tests/support/factories";
import { integrationCounts } from "@/lib/integrations/counters";

let platform: TestPlatform;
beforeEach(async () => {
  platform = await TestPlatform.start();
});
afterEach(() => platform.close());

function sessionToken(response: Response): string {
  const cookie = response.headers.get("set-cookie") ?? "";
  expect(cookie).toMatch(/^__Secure-folio\.session=/);
  return cookie.split(";")[0]!.split("=")[1]!;
}

describe("LTI 1.3 launch, happy path", () => {
  it("creates the student, grants the plan, signs them in and lands on /library", async () => {
    const book = await createPublication();
    const plan = await createPlan({ publicationIds: [book.id] });
    const integration = await createLti13Integration(platform, { planId: plan.id });

    const { response } = await launch(platform);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("http://localhost:3000/library");
    const session = await decode({ token: sessionToken(response), secret: process.env.AUTH_SECRET! });

    const user = await prisma.user.findFirstOrThrow({ include: { ltiIdentities: true, grants: true } });
    expect(session?.sub).toBe(user.id);
    expect(user.publicId).toMatch(/^[0-9A-Z]{8}$/);
    expect(user.role).toBe("READER");
    expect(user.email).toBeNull();
    expect(user.ltiIdentities[0]).toMatchObject({
      platformKey: `lti13|${platform.issuer}|${platform.clientId}`,
      subject: "student-1",
      nameHint: "Ada Student",
      emailHint: "ada@school.example",
    });
    expect(user.grants).toMatchObject([{ kind: "PLAN", planId: plan.id, source: "INTEGRATION", integrationId: integration.id }]);
    expect(await canRead(user.id, book.id)).toBe(true);

    const after = await integrationCounts(integration.id);
    expect(after.launches).toBe(1);
    expect(after.lastLaunchAt).not.toBeNull();
    const log = await prisma.launchLog.findFirstOrThrow();
    expect(log).toMatchObject({ outcome: "SUCCESS", userId: user.id, integrationId: integration.id, ltiVersion: "1.3", messageType: "LtiResourceLinkRequest" });
  });

  it("recognises the same person on the second launch and refreshes the grant to the current access", async () => {
    const plan = await createPlan();
    const integration = await createLti13Integration(platform, { planId: plan.id });
    await launch(platform);
    await prisma.integration.update({ where: { id: integration.id }, data: { accessKind: "FULL", planId: null } });
    const { response } = await launch(platform, { claims: { name: "Ada Lovelace" } });
    expect(response.status).toBe(303);
    expect(await prisma.user.count()).toBe(1);
    const grants = await prisma.accessGrant.findMany();
    expect(grants).toMatchObject([{ kind: "FULL", planId: null }]);
    expect((await prisma.ltiIdentity.findFirstOrThrow()).nameHint).toBe("Ada Lovelace");
    expect((await integrationCounts(integration.id)).launches).toBe(2);
  });

  it("lands in the publication named by custom.publication or by a /read/<slug> target link", async () => {
    await createLti13Integration(platform);
    const custom = await launch(platform, { claims: { [`${LTI}custom`]: { publication: "moby-dick" } } });
    // The launch's resource link is recorded, and the student lands at it (its assigned reading, if any).
    const link = await prisma.resourceLink.findFirstOrThrow({ where: { linkId: "link-1" } });
    expect(custom.response.headers.get("location")).toBe(`http://localhost:3000/read/moby-dick?link=${link.id}`);

    const target = "http://localhost:3000/read/war-and-peace";
    const linked = await launch(platform, { login: { target_link_uri: target }, claims: { [`${LTI}target_link_uri`]: target } });
    expect(linked.response.headers.get("location")).toBe(`http://localhost:3000/read/war-and-peace?link=${link.id}`);
  });

  it("never makes anyone an administrator from LMS roles, and never touches an existing account's email", async () => {
    await createLti13Integration(platform);
    const owner = await createUser({ email: "ada@school.example", password: "correct horse battery", role: "ADMIN" });
    const { response } = await launch(platform, {
      claims: { [`${LTI}roles`]: ["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"] },
    });
    expect(response.status).toBe(303);
    const created = await prisma.user.findFirstOrThrow({ where: { NOT: { id: owner.id } } });
    expect(created.role).toBe("READER");
    expect(created.email).toBeNull();
    expect(await prisma.ltiIdentity.count({ where: { userId: owner.id } })).toBe(0);
  });

  it("creates exactly one account for 50 simultaneous first launches of the same person", async () => {
    const plan = await createPlan();
    const integration = await createLti13Integration(platform, { planId: plan.id });
    const results = await Promise.all(Array.from({ length: 50 }, () => launch(platform)));
    expect(results.map((r) => r.response.status)).toEqual(Array(50).fill(303));
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.ltiIdentity.count()).toBe(1);
    expect(await prisma.accessGrant.count()).toBe(1);
    expect((await integrationCounts(integration.id)).launches).toBe(50);
    expect(await prisma.launchLog.count({ where: { outcome: "SUCCESS" } })).toBe(50);
  });
});
