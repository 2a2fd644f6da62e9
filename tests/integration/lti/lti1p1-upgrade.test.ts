import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { signLti1p1 } from "@/lib/lti/lti1p1";
import { provisionLtiUser } from "@/lib/lti/provision";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launch, launchClaims, postLaunch, startLogin, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";
import { createLti11Integration, createLti13Integration } from "@/tests/support/factories";

let platform: TestPlatform;
beforeEach(async () => {
  platform = await TestPlatform.start();
});
afterEach(() => platform.close());

async function legacyUser(consumerKey: string, integrationId: string) {
  const { user } = await provisionLtiUser({ integrationId, platformKey: `lti11|${consumerKey}`, subject: "old-user-7" });
  return user;
}

async function upgradeLaunch(consumerKey: string, secret: string) {
  const login = await startLogin(platform);
  const claims = launchClaims(platform, login.nonce);
  const sign = signLti1p1(secret, {
    consumerKey, deploymentId: platform.deploymentId, iss: platform.issuer, clientId: platform.clientId, exp: claims.exp as number, nonce: login.nonce,
  });
  claims[`${LTI}lti1p1`] = { user_id: "old-user-7", oauth_consumer_key: consumerKey, oauth_consumer_key_sign: sign };
  return postLaunch({ id_token: await platform.sign(claims), state: login.state }, login.cookie);
}

describe("LTI 1.1 → 1.3 upgrade (lti1p1 claim)", () => {
  it("adopts the LTI 1.1 account when the claim's signature verifies", async () => {
    const { integration: old, consumerKey, sharedSecret } = await createLti11Integration();
    await createLti13Integration(platform);
    const before = await legacyUser(consumerKey, old.id);
    const response = await upgradeLaunch(consumerKey, sharedSecret);
    expect(response.status).toBe(303);
    expect(await prisma.user.count()).toBe(1);
    const identities = await prisma.ltiIdentity.findMany({ where: { userId: before.id } });
    expect(identities.map((i) => i.platformKey).sort()).toEqual([`lti11|${consumerKey}`, `lti13|${platform.issuer}|${platform.clientId}`].sort());
    // The adopted identity's LMS user ID joins what the Control Panel finds the person by.
    expect((await prisma.user.findFirstOrThrow()).searchText).toContain("student-1");
    // The next launch (no claim) is recognised through the 1.3 identity.
    expect((await launch(platform)).response.status).toBe(303);
    expect(await prisma.user.count()).toBe(1);
  });

  it("creates a separate account when the signature was made with another secret", async () => {
    const { integration: old, consumerKey } = await createLti11Integration();
    await createLti13Integration(platform);
    await legacyUser(consumerKey, old.id);
    expect((await upgradeLaunch(consumerKey, "not-the-shared-secret")).status).toBe(303);
    expect(await prisma.user.count()).toBe(2);
  });

  it("ignores a claim naming a consumer key Folio does not know", async () => {
    await createLti13Integration(platform);
    expect((await upgradeLaunch("unknown-key", "whatever")).status).toBe(303);
    expect(await prisma.user.count()).toBe(1);
  });
});
