import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { provisionLtiUser, countIntegrationUsers } from "@/lib/lti/provision";
import { recordLaunch } from "@/lib/lti/launch-log";
import { createAdminUser, createPlan, createUser } from "@/tests/support/factories";
import { integrationCounts } from "@/lib/integrations/counters";

async function integration(overrides: { planId?: string } = {}) {
  return prisma.integration.create({
    data: { name: "LMS", kind: "LTI13", issuer: "https://lms.test", clientId: "c1", accessKind: overrides.planId ? "PLAN" : "FULL", planId: overrides.planId },
  });
}
const key = "lti13|https://lms.test|c1";

describe("provisionLtiUser", () => {
  it("creates a reader with a short public ID, hints only on the identity, and the integration's access", async () => {
    const plan = await createPlan();
    const i = await integration({ planId: plan.id });
    const { user, created } = await provisionLtiUser({ integrationId: i.id, platformKey: key, subject: "s1", nameHint: " Ada ", emailHint: "ada@x.test" });
    expect(created).toBe(true);
    expect(user.role).toBe("READER");
    expect(user.publicId).toMatch(/^[0-9A-Z]{8}$/);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.email).toBeNull();
    expect(row.name).toBeNull();
    expect(await prisma.ltiIdentity.findFirstOrThrow()).toMatchObject({ nameHint: "Ada", emailHint: "ada@x.test", integrationId: i.id });
    expect(await prisma.accessGrant.findFirstOrThrow()).toMatchObject({ userId: user.id, kind: "PLAN", planId: plan.id, source: "INTEGRATION" });
    const again = await provisionLtiUser({ integrationId: i.id, platformKey: key, subject: "s1" });
    expect(again).toMatchObject({ created: false, user: { id: user.id } });
    expect(await countIntegrationUsers(i.id)).toBe(1);
  });

  it("keeps hints with a NUL or line breaks (a platform's signed claim) without failing the launch", async () => {
    const i = await integration();
    const { user } = await provisionLtiUser({ integrationId: i.id, platformKey: key, subject: "s1", nameHint: "Ada\u0000\nLovelace", emailHint: "ada@x.test\u0000" });
    expect(await prisma.ltiIdentity.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ nameHint: "Ada Lovelace", emailHint: "ada@x.test" });
  });

  it("never merges by email with an existing password account", async () => {
    const i = await integration();
    const existing = await createUser({ email: "ada@x.test", password: "correct horse battery" });
    const { user } = await provisionLtiUser({ integrationId: i.id, platformKey: key, subject: "s1", emailHint: "ada@x.test" });
    expect(user.id).not.toBe(existing.id);
  });

  it("leaves an administrator who came through an LMS exactly what they were", async () => {
    const i = await integration();
    const admin = await createAdminUser();
    await prisma.ltiIdentity.create({ data: { userId: admin.id, platformKey: key, subject: "s-admin" } });
    const { user } = await provisionLtiUser({ integrationId: i.id, platformKey: key, subject: "s-admin" });
    expect(user).toMatchObject({ id: admin.id, role: "ADMIN" });
  });

  it("links a new identity to the account of a verified legacy identity", async () => {
    const i = await integration();
    const { user: old } = await provisionLtiUser({ integrationId: i.id, platformKey: "lti11|k", subject: "u7" });
    const { user, created } = await provisionLtiUser({ integrationId: i.id, platformKey: key, subject: "s9", legacy: { platformKey: "lti11|k", subject: "u7" } });
    expect(created).toBe(false);
    expect(user.id).toBe(old.id);
  });

  it("survives 50 simultaneous first calls for one person with one user, one identity, one grant", async () => {
    const i = await integration();
    const results = await Promise.all(Array.from({ length: 50 }, () => provisionLtiUser({ integrationId: i.id, platformKey: key, subject: "s1" })));
    expect(new Set(results.map((r) => r.user.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.accessGrant.count()).toBe(1);
  });
});

describe("recordLaunch", () => {
  it("logs attributable failures with a counter bump and never keeps a token in the detail; tallies the rest", async () => {
    const i = await integration();
    const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlc2lnbmF0dXJl";
    await recordLaunch({ integrationId: i.id, attributable: true, outcome: "FAILURE", errorCode: "LTI_X", detail: `bad ${token}`, ltiVersion: "1.3" });
    const log = await prisma.launchLog.findFirstOrThrow();
    expect(log.detail).toBe("bad [token]");
    expect((await integrationCounts(i.id)).failures).toBe(1);
    await recordLaunch({ integrationId: null, attributable: false, outcome: "FAILURE", errorCode: "LTI_Y", detail: `bad ${token}`, ltiVersion: "1.3" });
    expect(await prisma.launchLog.count()).toBe(1);
    expect(await prisma.launchFailureTally.findFirstOrThrow({ where: { errorCode: "LTI_Y" } })).toMatchObject({ scope: "-", integrationId: null, count: 1, lastDetail: "bad [token]" });
  });
});
