import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createIntegrationRecord } from "@/lib/integrations/create-integration";
import { deleteIntegrationRecord, setIntegrationEnabledRecord } from "@/lib/integrations/manage-integration";
import { countUnattributedFailures, getIntegrationRecord, listIntegrationRecords } from "@/lib/integrations/queries";
import { recordLaunch } from "@/lib/lti/launch-log";
import { noteBy, personThrough } from "./helpers";

async function lti11(name: string, consumerKey: string) {
  const { id } = await createIntegrationRecord({ name, kind: "LTI11", accessKind: "FULL", consumerKey });
  return { id, kind: "LTI11", consumerKey };
}

describe("listing, showing, disabling and deleting integrations", () => {
  it("lists launches, failures, users and the last launch per integration", async () => {
    const a = await lti11("A", "key-a");
    const b = await lti11("B", "key-b");
    const alice = await personThrough(a, "alice");
    await personThrough(a, "bob");
    const last = new Date("2026-11-20T10:00:00Z");
    // Counts kept in two shards add up; the latest launch of any shard is the last.
    await prisma.integrationCounter.createMany({ data: [
      { integrationId: a.id, shard: 3, launches: 5, failures: 2, lastLaunchAt: new Date("2026-11-19T10:00:00Z") },
      { integrationId: a.id, shard: 40, launches: 2, failures: 0, lastLaunchAt: last },
    ] });
    await prisma.launchLog.create({ data: { integrationId: a.id, userId: alice.id, outcome: "SUCCESS", ltiVersion: "1.1" } });

    const list = await listIntegrationRecords();
    expect(list.map((i) => i.name).sort()).toEqual(["A", "B"]);
    expect(list.find((i) => i.id === a.id)).toMatchObject({ kind: "LTI11", enabled: true, launches: 7, failures: 2, users: 2, lastLaunchAt: last.toISOString(), access: { kind: "FULL", plan: null }, missing: [] });
    expect(list.find((i) => i.id === b.id)).toMatchObject({ launches: 0, users: 0, lastLaunchAt: null });
  });

  it("shows the latest 20 launches, newest first, with the person's public ID and no secret", async () => {
    const a = await lti11("A", "key-a");
    const person = await personThrough(a);
    for (let i = 0; i < 25; i++) {
      await prisma.launchLog.create({
        data: { integrationId: a.id, userId: i === 24 ? null : person.id, outcome: i === 24 ? "FAILURE" : "SUCCESS", errorCode: i === 24 ? "LTI11_BAD_SIGNATURE" : null, ltiVersion: "1.1", createdAt: new Date(Date.UTC(2026, 10, 1, 0, i)) },
      });
    }
    const detail = await getIntegrationRecord(a.id);
    expect(detail.latestLaunches).toHaveLength(20);
    expect(detail.latestLaunches[0]).toMatchObject({ outcome: "FAILURE", errorCode: "LTI11_BAD_SIGNATURE", publicId: null });
    expect(detail.latestLaunches[1]).toMatchObject({ outcome: "SUCCESS", publicId: person.publicId });
    expect(detail.hasSharedSecret).toBe(true);
    expect(JSON.stringify(detail)).not.toMatch(/sharedSecretEnc|v1\./);
  });

  it("shows the last 7 days of failures by code, including tallied ones that have no log row", async () => {
    const a = await lti11("A", "key-a");
    for (let n = 0; n < 3; n++) await recordLaunch({ integrationId: a.id, attributable: false, outcome: "FAILURE", errorCode: "LTI_TARGET_LINK_FOREIGN", detail: `attempt ${n}`, ltiVersion: "1.3" });
    await recordLaunch({ integrationId: a.id, attributable: true, outcome: "FAILURE", errorCode: "LTI11_SIGNATURE_INVALID", ltiVersion: "1.1" });
    await recordLaunch({ integrationId: null, attributable: false, outcome: "FAILURE", errorCode: "LTI11_CONSUMER_UNKNOWN", ltiVersion: "1.1" });
    const old = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    await prisma.launchFailureTally.create({ data: { scope: a.id, integrationId: a.id, errorCode: "LTI_OLD", hour: old, count: 9, ltiVersion: "1.3", lastAt: old } });

    const detail = await getIntegrationRecord(a.id);
    expect(detail.failuresByCode).toEqual([
      { errorCode: "LTI_TARGET_LINK_FOREIGN", count: 3, lastAt: expect.any(String), lastDetail: "attempt 2" },
      { errorCode: "LTI11_SIGNATURE_INVALID", count: 1, lastAt: expect.any(String), lastDetail: null },
    ]);
    expect(detail.failures).toBe(1);
    expect(detail.latestLaunches.map((l) => l.errorCode)).toEqual(["LTI11_SIGNATURE_INVALID"]);
    expect(await countUnattributedFailures()).toBe(1);
  });

  it("disables and enables", async () => {
    const a = await lti11("A", "key-a");
    await setIntegrationEnabledRecord(a.id, false);
    expect((await getIntegrationRecord(a.id)).enabled).toBe(false);
    await setIntegrationEnabledRecord(a.id, true);
    expect((await getIntegrationRecord(a.id)).enabled).toBe(true);
    await expect(setIntegrationEnabledRecord("nope", false)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("deletes the integration and its launch log but keeps people's accounts, grants and notes", async () => {
    const a = await lti11("A", "key-a");
    const person = await personThrough(a);
    const note = await noteBy(person.id);
    await prisma.launchLog.create({ data: { integrationId: a.id, userId: person.id, outcome: "SUCCESS", ltiVersion: "1.1" } });

    expect(await deleteIntegrationRecord(a.id)).toEqual({ id: a.id, name: "A", peopleKept: 1, grantsKept: 1 });
    expect(await prisma.integration.count()).toBe(0);
    expect(await prisma.launchLog.count()).toBe(0);
    expect(await prisma.user.findUnique({ where: { id: person.id } })).not.toBeNull();
    expect(await prisma.ltiIdentity.findFirst({ where: { userId: person.id } })).toMatchObject({ integrationId: null, platformKey: "lti11|key-a" });
    expect(await prisma.accessGrant.findFirst({ where: { userId: person.id } })).toMatchObject({ integrationId: null, kind: "FULL" });
    expect(await prisma.annotation.findUnique({ where: { id: note.id } })).not.toBeNull();
    await expect(deleteIntegrationRecord(a.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
