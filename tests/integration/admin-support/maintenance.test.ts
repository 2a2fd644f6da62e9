import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { MAINTENANCE_CRON, MAINTENANCE_QUEUE, runMaintenance } from "@/lib/jobs/maintenance";
import { getJobQueue } from "@/lib/jobs/queue";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/workers";
import { daysAgo, institution, launch } from "./helpers";

describe("the scheduled clean-up", () => {
  afterEach(async () => {
    await stopJobWorkers(1_000);
  });

  it("prunes the launch log and tallies past the retention period, expired login states and old nonces", async () => {
    const north = await institution();
    const lti13 = await prisma.integration.create({ data: { name: "LTI 1.3", kind: "LTI13" } });
    const keepDays = env.LAUNCH_LOG_RETENTION_DAYS;
    const old = await launch({ integrationId: north.id, at: daysAgo(keepDays + 1) });
    const recent = await launch({ integrationId: north.id, at: daysAgo(keepDays - 1) });
    await prisma.launchFailureTally.createMany({ data: [
      { scope: north.id, integrationId: north.id, errorCode: "OLD", hour: daysAgo(keepDays + 2), count: 3, ltiVersion: "1.1", lastAt: daysAgo(keepDays + 2) },
      { scope: "-", errorCode: "NEW", hour: daysAgo(1), count: 1, ltiVersion: "1.3", lastAt: daysAgo(1) },
    ] });
    const state = (name: string, expiresAt: Date) => ({ state: name, integrationId: lti13.id, nonce: `n-${name}`, browserHash: "h", targetLinkUri: "https://folio.test/", expiresAt });
    await prisma.ltiLoginState.createMany({ data: [state("expired", daysAgo(1)), state("live", new Date(Date.now() + 60_000))] });
    await prisma.ltiOAuthNonce.createMany({ data: [
      { consumerKey: "k", nonce: "old", timestamp: 1n, createdAt: daysAgo(1) },
      { consumerKey: "k", nonce: "new", timestamp: 2n, createdAt: new Date() },
    ] });

    const result = await runMaintenance();
    expect(result).toMatchObject({ launchLog: 2, loginStates: 1, nonces: 1 });
    expect((await prisma.launchLog.findMany()).map((l) => l.id)).toEqual([recent.id]);
    expect(old.id).not.toBe(recent.id);
    expect((await prisma.launchFailureTally.findMany()).map((t) => t.errorCode)).toEqual(["NEW"]);
    expect((await prisma.ltiLoginState.findMany()).map((s) => s.state)).toEqual(["live"]);
    expect((await prisma.ltiOAuthNonce.findMany()).map((n) => n.nonce)).toEqual(["new"]);
    expect(await runMaintenance()).toEqual({ launchLog: 0, loginStates: 0, nonces: 0, loginThrottle: 0, covers: 0 });
  });

  it("is scheduled hourly on the job queue when the workers start", async () => {
    await startJobWorkers({ pollingIntervalSeconds: 0.5 });
    const boss = await getJobQueue();
    const schedules = await boss.getSchedules();
    expect(schedules).toEqual(expect.arrayContaining([expect.objectContaining({ name: MAINTENANCE_QUEUE, cron: MAINTENANCE_CRON })]));
    // A job on the queue is run by the worker: old rows go.
    const north = await institution();
    await launch({ integrationId: north.id, at: daysAgo(env.LAUNCH_LOG_RETENTION_DAYS + 5) });
    await boss.send(MAINTENANCE_QUEUE, {});
    await expect.poll(() => prisma.launchLog.count(), { timeout: 30_000, interval: 250 }).toBe(0);
  }, 60_000);
});
