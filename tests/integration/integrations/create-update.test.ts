import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { createIntegrationRecord } from "@/lib/integrations/create-integration";
import { getIntegrationRecord } from "@/lib/integrations/queries";
import { updateIntegrationRecord } from "@/lib/integrations/update-integration";
import { createPlan, LMS, personThrough } from "./helpers";

const rejection = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; fields?: Record<string, string>; message: string }) => e);

describe("creating and updating integrations", () => {
  it("creates an LTI 1.3 integration without LMS values, then fills them in one subset at a time", async () => {
    const { id } = await createIntegrationRecord({ name: "Springfield Moodle", kind: "LTI13", accessKind: "FULL" });
    expect((await getIntegrationRecord(id)).missing).toEqual(["issuer", "client ID", "deployment ID", "auth request URL", "platform JWKS URL"]);

    await updateIntegrationRecord(id, { issuer: LMS.issuer, authUrl: LMS.authUrl, jwksUrl: LMS.jwksUrl });
    await updateIntegrationRecord(id, { clientId: "abc123", deploymentIds: ["1", " 2 "] });
    const detail = await getIntegrationRecord(id);
    expect(detail).toMatchObject({ name: "Springfield Moodle", issuer: LMS.issuer, clientId: "abc123", authUrl: LMS.authUrl, jwksUrl: LMS.jwksUrl, tokenUrl: null, deploymentIds: ["1", "2"], missing: [] });

    await updateIntegrationRecord(id, { deploymentIds: ["3"] });
    expect((await getIntegrationRecord(id)).deploymentIds).toEqual(["3"]);
    await updateIntegrationRecord(id, { name: "Renamed", authUrl: "" });
    expect(await getIntegrationRecord(id)).toMatchObject({ name: "Renamed", authUrl: null, clientId: "abc123", deploymentIds: ["3"] });
  });

  it("validates an update against the whole integration", async () => {
    const { id } = await createIntegrationRecord({ name: "A", kind: "LTI13", accessKind: "FULL" });
    const error = await rejection(updateIntegrationRecord(id, { accessKind: "PLAN" }));
    expect(error?.message).toContain("Choose the plan LTI users get.");
    const plan = await createPlan({ slug: "grade-9" });
    await updateIntegrationRecord(id, { accessKind: "PLAN", plan: "grade-9" });
    expect((await prisma.integration.findUniqueOrThrow({ where: { id } })).planId).toBe(plan.id);
    await updateIntegrationRecord(id, { accessKind: "FULL" });
    expect((await prisma.integration.findUniqueOrThrow({ where: { id } })).planId).toBeNull();
  });

  it("refuses a second integration with the same issuer and client ID, on the clientId field", async () => {
    const values = { issuer: LMS.issuer, clientId: "abc" };
    await createIntegrationRecord({ name: "First", kind: "LTI13", accessKind: "FULL", ...values });
    const onCreate = await rejection(createIntegrationRecord({ name: "Second", kind: "LTI13", accessKind: "FULL", ...values }));
    expect(onCreate).toMatchObject({ code: "CONFLICT", message: 'The integration "First" already has this issuer and client ID.' });
    expect(onCreate?.fields?.clientId).toMatch(/already has this issuer and client ID/);

    const { id } = await createIntegrationRecord({ name: "Third", kind: "LTI13", accessKind: "FULL", issuer: LMS.issuer, clientId: "other" });
    expect(await rejection(updateIntegrationRecord(id, { clientId: "abc" }))).toMatchObject({ code: "CONFLICT", fields: { clientId: expect.any(String) } });
    expect(await prisma.integration.count({ where: { clientId: "abc" } })).toBe(1);
  });

  it("allows several integrations still waiting for their LMS values, and one issuer with several client IDs", async () => {
    await createIntegrationRecord({ name: "A", kind: "LTI13", accessKind: "FULL" });
    await createIntegrationRecord({ name: "B", kind: "LTI13", accessKind: "FULL" });
    await createIntegrationRecord({ name: "C", kind: "LTI13", accessKind: "FULL", issuer: LMS.issuer });
    await createIntegrationRecord({ name: "D", kind: "LTI13", accessKind: "FULL", issuer: LMS.issuer, clientId: "one" });
    await createIntegrationRecord({ name: "E", kind: "LTI13", accessKind: "FULL", issuer: LMS.issuer, clientId: "two" });
    expect(await prisma.integration.count()).toBe(5);
  });

  it("lets the database decide between simultaneous creates with the same consumer key", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => createIntegrationRecord({ name: `Race ${i}`, kind: "LTI11", accessKind: "FULL", consumerKey: "same" })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "CONFLICT" });
  });

  it("creates an LTI 1.1 integration with a generated secret stored encrypted, and a unique consumer key", async () => {
    const created = await createIntegrationRecord({ name: "Old Moodle", kind: "LTI11", accessKind: "FULL", consumerKey: "springfield" });
    expect(created.sharedSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await prisma.integration.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.sharedSecretEnc).not.toContain(created.sharedSecret);
    expect(decryptSecret(row.sharedSecretEnc!)).toBe(created.sharedSecret);

    const clash = await rejection(createIntegrationRecord({ name: "Again", kind: "LTI11", accessKind: "FULL", consumerKey: "springfield" }));
    expect(clash).toMatchObject({ code: "CONFLICT", fields: { consumerKey: "Another integration already uses this consumer key. Choose another one." } });
  });

  it("never changes the kind", async () => {
    const { id } = await createIntegrationRecord({ name: "A", kind: "LTI13", accessKind: "FULL" });
    expect(await rejection(updateIntegrationRecord(id, { kind: "LTI11" }))).toMatchObject({ code: "BAD_INPUT", fields: { kind: expect.any(String) } });
  });

  it("keeps the values that identify people once someone came in, so nobody gets a new account", async () => {
    const { id } = await createIntegrationRecord({ name: "A", kind: "LTI13", accessKind: "FULL", issuer: LMS.issuer, clientId: "abc" });
    await updateIntegrationRecord(id, { clientId: "abcd" });
    await personThrough({ id, kind: "LTI13", issuer: LMS.issuer, clientId: "abcd" });
    const error = await rejection(updateIntegrationRecord(id, { clientId: "changed" }));
    expect(error).toMatchObject({ code: "CONFLICT", fields: { clientId: expect.stringMatching(/can't change/) } });
    await expect(updateIntegrationRecord(id, { name: "Still editable", deploymentIds: ["9"] })).resolves.toEqual({ id });

    const lti11 = await createIntegrationRecord({ name: "B", kind: "LTI11", accessKind: "FULL", consumerKey: "key-1" });
    await personThrough({ id: lti11.id, kind: "LTI11", consumerKey: "key-1" });
    expect(await rejection(updateIntegrationRecord(lti11.id, { consumerKey: "key-2" }))).toMatchObject({ fields: { consumerKey: expect.any(String) } });
  });

  it("answers NOT_FOUND for an unknown integration", async () => {
    expect(await rejection(updateIntegrationRecord("nope", { name: "x" }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await rejection(getIntegrationRecord("nope"))).toMatchObject({ code: "NOT_FOUND" });
  });
});
