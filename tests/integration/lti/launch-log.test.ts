import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { pruneLaunchLog } from "@/lib/lti/launch-log";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch, launchClaims, postLaunch, startLogin } from "@/tests/support/lti-launch";
import { createLti13Integration } from "@/tests/support/factories";
import { integrationCounts } from "@/lib/integrations/counters";

// Failed launches from senders Folio cannot tie to an integration add to an hourly tally
// instead of writing a row each; only failures attributable to an integration count against it.

let platform: TestPlatform;
let integrationId: string;
beforeEach(async () => {
  platform = await TestPlatform.start();
  integrationId = (await createLti13Integration(platform)).id;
});
afterEach(() => platform.close());

const DAY = 24 * 60 * 60 * 1000;

describe("launch failure log", () => {
  it("turns garbage launches from unknown senders into one tally row, not a row each", async () => {
    for (let n = 0; n < 40; n++) {
      const response = await postLaunch({ id_token: `garbage-${n}`, state: `made-up-state-${n}` });
      expect(response.status).toBe(400);
    }
    expect(await prisma.launchLog.count()).toBe(0);
    const tallies = await prisma.launchFailureTally.findMany();
    expect(tallies).toHaveLength(1);
    expect(tallies[0]).toMatchObject({ scope: "-", integrationId: null, errorCode: "LTI_STATE_UNKNOWN", count: 40 });
    expect((await integrationCounts(integrationId)).failures).toBe(0);
  });

  it("does not count login initiations that only name the platform's (public) issuer against the integration", async () => {
    for (let n = 0; n < 5; n++) {
      const { response } = await startLogin(platform, { target_link_uri: "https://elsewhere.example/x" });
      expect(response.status).toBe(400);
    }
    expect(await prisma.launchLog.count()).toBe(0);
    expect((await integrationCounts(integrationId)).failures).toBe(0);
    // The owner still sees them, tallied under the integration they named.
    expect(await prisma.launchFailureTally.findFirstOrThrow()).toMatchObject({ integrationId, errorCode: "LTI_TARGET_LINK_FOREIGN", count: 5 });
  });

  it("logs and counts a failure after the login state was found", async () => {
    const { response } = await launch(platform, { header: { kid: "nobody", key: await TestPlatform.strangerKey() } });
    expect(response.status).toBe(400);
    expect(await prisma.launchLog.findFirstOrThrow()).toMatchObject({ integrationId, errorCode: "LTI_KID_UNKNOWN", outcome: "FAILURE" });
    expect((await integrationCounts(integrationId)).failures).toBe(1);
    expect(await prisma.launchFailureTally.findFirstOrThrow()).toMatchObject({ integrationId, errorCode: "LTI_KID_UNKNOWN", count: 1 });
  });

  it("prunes log rows and tallies older than LAUNCH_LOG_RETENTION_DAYS (90)", async () => {
    const old = new Date(Date.now() - 91 * DAY);
    const recent = new Date(Date.now() - 89 * DAY);
    for (const createdAt of [old, recent]) {
      await prisma.launchLog.create({ data: { integrationId, outcome: "FAILURE", errorCode: "LTI_X", ltiVersion: "1.3", createdAt } });
      await prisma.launchFailureTally.create({ data: { scope: "-", errorCode: "LTI_X", hour: createdAt, count: 3, ltiVersion: "1.3", lastAt: createdAt } });
    }
    expect(await pruneLaunchLog()).toBe(2);
    expect((await prisma.launchLog.findMany()).map((l) => l.createdAt)).toEqual([recent]);
    expect((await prisma.launchFailureTally.findMany()).map((t) => t.hour)).toEqual([recent]);
  });

  it("prunes on a sample of launches, in the background", async () => {
    const old = new Date(Date.now() - 100 * DAY);
    await prisma.launchLog.create({ data: { integrationId, outcome: "SUCCESS", ltiVersion: "1.3", createdAt: old } });
    vi.spyOn(Math, "random").mockReturnValue(0.005);
    try {
      const login = await startLogin(platform);
      const response = await postLaunch({ id_token: await platform.sign(launchClaims(platform, login.nonce)), state: login.state }, login.cookie);
      expect(response.status).toBe(303);
    } finally {
      vi.mocked(Math.random).mockRestore();
    }
    await vi.waitFor(async () => expect(await prisma.launchLog.count({ where: { createdAt: old } })).toBe(0));
  });
});
