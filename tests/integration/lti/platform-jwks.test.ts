import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch } from "@/tests/support/lti-launch";
import { createLti13Integration } from "@/tests/support/factories";
import { expectLaunchFailure } from "./helpers";

let platform: TestPlatform;
beforeEach(async () => {
  platform = await TestPlatform.start();
  await createLti13Integration(platform);
});
afterEach(() => platform.close());

describe("platform JWKS", () => {
  it("fetches the key set once and serves later launches from the cache", async () => {
    for (const sub of ["a", "b", "c"]) expect((await launch(platform, { claims: { sub } })).response.status).toBe(303);
    expect(platform.jwksFetches).toBe(1);
  });

  it("refetches exactly once when the platform rotated its key, then succeeds", async () => {
    expect((await launch(platform)).response.status).toBe(303);
    await platform.rotateKey();
    const { response } = await launch(platform, { claims: { sub: "student-2" } });
    expect(response.status).toBe(303);
    expect(platform.jwksFetches).toBe(2);
  });

  it("refetches only once for a kid that stays unknown", async () => {
    expect((await launch(platform)).response.status).toBe(303);
    const { response } = await launch(platform, { header: { kid: "nobody", key: await TestPlatform.strangerKey() } });
    await expectLaunchFailure(response, "LTI_KID_UNKNOWN", { users: 1 });
    expect(platform.jwksFetches).toBe(2);
  });

  it("does not refetch again for more made-up kids within the cooldown", async () => {
    expect((await launch(platform)).response.status).toBe(303);
    const stranger = await TestPlatform.strangerKey();
    for (const kid of ["made-up-1", "made-up-2", "made-up-3"]) {
      await expectLaunchFailure((await launch(platform, { header: { kid, key: stranger } })).response, "LTI_KID_UNKNOWN", { users: 1 });
    }
    expect(platform.jwksFetches).toBe(2);
  });

  it("answers LTI_JWKS_UNAVAILABLE within a few seconds when the key set hangs", async () => {
    platform.mode = "slow";
    const started = Date.now();
    const { response } = await launch(platform);
    expect(Date.now() - started).toBeLessThan(4000);
    const log = await expectLaunchFailure(response, "LTI_JWKS_UNAVAILABLE");
    expect(log.detail).toMatch(/within 1000 ms/);
  });

  it("answers LTI_JWKS_UNAVAILABLE when the key set is down or not a key set", async () => {
    platform.mode = "down";
    await expectLaunchFailure((await launch(platform)).response, "LTI_JWKS_UNAVAILABLE");
    platform.mode = "garbage";
    await expectLaunchFailure((await launch(platform, { claims: { sub: "x" } })).response, "LTI_JWKS_UNAVAILABLE");
  });

  it("answers LTI_JWKS_UNAVAILABLE when nothing listens at the JWKS URL", async () => {
    await prisma.integration.updateMany({ data: { jwksUrl: "http://127.0.0.1:9/jwks" } });
    await expectLaunchFailure((await launch(platform)).response, "LTI_JWKS_UNAVAILABLE");
  });

  it("does not follow a redirect from the JWKS URL, and refuses an oversized key set", async () => {
    platform.mode = "redirect";
    const redirected = await expectLaunchFailure((await launch(platform)).response, "LTI_JWKS_UNAVAILABLE");
    expect(redirected.detail).toMatch(/redirect/);
    expect(platform.jwksFetches).toBe(1);
    platform.mode = "huge";
    const huge = await expectLaunchFailure((await launch(platform, { claims: { sub: "x" } })).response, "LTI_JWKS_UNAVAILABLE");
    expect(huge.detail).toMatch(/more than 256 KB/);
  });

  it("does not echo what the JWKS URL answered", async () => {
    platform.mode = "down";
    const log = await expectLaunchFailure((await launch(platform)).response, "LTI_JWKS_UNAVAILABLE");
    expect(log.detail).not.toMatch(/503|maintenance/);
  });

  it("refuses a stored JWKS URL that breaks the URL policy without fetching it", async () => {
    await prisma.integration.updateMany({ data: { jwksUrl: "data:application/json,{\"keys\":[]}" } });
    const log = await expectLaunchFailure((await launch(platform)).response, "LTI_JWKS_UNAVAILABLE");
    expect(log.detail).toMatch(/not an allowed address/);
  });
});
