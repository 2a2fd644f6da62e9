import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as lti11Post } from "@/app/api/lti/11/launch/route";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch } from "@/tests/support/lti-launch";
import { basicLaunchParams, launchRequest } from "@/tests/support/lti11-launch";
import { createLti11Integration, createLti13Integration } from "@/tests/support/factories";
import { integrationCounts } from "@/lib/integrations/counters";

// A person the store owner disabled is refused at the launch by name: no session, no grant, no
// launch counted, a FAILURE in the log (docs/decisions/0022).

let platform: TestPlatform;
beforeEach(async () => {
  platform = await TestPlatform.start();
});
afterEach(() => platform.close());

describe("a disabled account", () => {
  it("is refused at an LTI 1.3 launch with LTI_ACCOUNT_DISABLED and no session", async () => {
    const integration = await createLti13Integration(platform);
    expect((await launch(platform)).response.status).toBe(303);
    await prisma.user.updateMany({ data: { disabledAt: new Date() } });
    await prisma.accessGrant.deleteMany();

    const { response } = await launch(platform);
    expect(response.status).toBe(403);
    expect(response.headers.get("x-lti-error")).toBe("LTI_ACCOUNT_DISABLED");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toMatch(/switched off by the store/);
    expect(await prisma.accessGrant.count()).toBe(0);
    expect((await integrationCounts(integration.id)).launches).toBe(1);
    const log = await prisma.launchLog.findMany({ orderBy: { createdAt: "asc" } });
    expect(log.map((l) => [l.outcome, l.errorCode])).toEqual([["SUCCESS", null], ["FAILURE", "LTI_ACCOUNT_DISABLED"]]);
  });

  it("is refused at an LTI 1.1 launch too, and let in again once enabled", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    const post = () => lti11Post(launchRequest({ consumerKey, secret: sharedSecret, params: basicLaunchParams() }));
    expect((await post()).status).toBe(303);
    await prisma.user.updateMany({ data: { disabledAt: new Date() } });
    const refused = await post();
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-lti-error")).toBe("LTI_ACCOUNT_DISABLED");
    await prisma.user.updateMany({ data: { disabledAt: null } });
    expect((await post()).status).toBe(303);
    expect(await prisma.user.count()).toBe(1);
  });
});
