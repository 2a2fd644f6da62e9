import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { assertEncryptionKeyMatches, EncryptionKeyMismatchError } from "@/lib/crypto/encryption-key-check";
import { decryptSecret, encryptionKey, sealWithKey, SecretUnreadableError } from "@/lib/crypto/secret-box";
import { signLti1p1 } from "@/lib/lti/lti1p1";
import { POST } from "@/app/api/lti/11/launch/route";
import { createLti11Integration, createLti13Integration } from "@/tests/support/factories";
import { launchRequest } from "@/tests/support/lti11-launch";
import { TestPlatform } from "@/tests/support/lti-platform";
import { launchClaims, postLaunch, startLogin, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";

// The suite's ENCRYPTION_KEY (vitest.config.ts) is "the key the database was written with";
// another well-formed key stands for a server started with the wrong one.
const otherKey = () => randomBytes(32);
const MISMATCH = "ENCRYPTION_KEY does not match the key this database's secrets were encrypted with";

describe("the ENCRYPTION_KEY check at start", () => {
  it("records the key the first time, then refuses any other key", async () => {
    await assertEncryptionKeyMatches();
    expect(await prisma.setting.count()).toBe(1);
    await assertEncryptionKeyMatches();
    await assertEncryptionKeyMatches(encryptionKey());

    const refused = assertEncryptionKeyMatches(otherKey());
    await expect(refused).rejects.toBeInstanceOf(EncryptionKeyMismatchError);
    await expect(assertEncryptionKeyMatches(otherKey())).rejects.toThrow(MISMATCH);
  });

  it("refuses a wrong key on a database written before the check existed, and records nothing", async () => {
    await createLti11Integration(); // its secret is sealed with the suite's key
    await expect(assertEncryptionKeyMatches(otherKey())).rejects.toThrow(MISMATCH);
    expect(await prisma.setting.count()).toBe(0);
    await assertEncryptionKeyMatches();
    expect(await prisma.setting.count()).toBe(1);
  });

  it("starts a new, empty database with whatever key it is given", async () => {
    const key = otherKey();
    await assertEncryptionKeyMatches(key);
    await assertEncryptionKeyMatches(key);
    await expect(assertEncryptionKeyMatches()).rejects.toThrow(MISMATCH);
  });
});

describe("a secret that does not open at launch", () => {
  it("is a named error", async () => {
    expect(() => decryptSecret(sealWithKey(otherKey(), "secret"))).toThrow(SecretUnreadableError);
    expect(() => decryptSecret("v1.not.a.secret")).toThrow(SecretUnreadableError);
  });

  it("fails an LTI 1.1 launch with a named code and the launch-failure page, not a 500", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { integration, consumerKey, sharedSecret } = await createLti11Integration();
    // The database was written under another key than the one this server runs with.
    await prisma.integration.update({ where: { id: integration.id }, data: { sharedSecretEnc: sealWithKey(otherKey(), sharedSecret) } });

    const response = await POST(launchRequest({ consumerKey, secret: sharedSecret }));
    expect(response.status).toBe(401);
    expect(response.headers.get("x-lti-error")).toBe("LTI11_SECRET_UNREADABLE");
    expect(await response.text()).toContain("This launch could not be completed");
    expect(await prisma.launchLog.findMany({ where: { integrationId: integration.id } }))
      .toMatchObject([{ outcome: "FAILURE", errorCode: "LTI11_SECRET_UNREADABLE" }]);
    expect(warn.mock.calls.flat().join(" ")).toContain("ENCRYPTION_KEY");
    expect(warn.mock.calls.flat().join(" ")).not.toContain(sharedSecret);
  });

  describe("through the LTI 1.1 → 1.3 upgrade claim", () => {
    let platform: TestPlatform;
    beforeEach(async () => {
      platform = await TestPlatform.start();
    });
    afterEach(() => platform.close());

    it("fails the LTI 1.3 launch with a named code", async () => {
      vi.spyOn(console, "warn").mockImplementation(() => undefined);
      const { integration: old, consumerKey, sharedSecret } = await createLti11Integration();
      await prisma.integration.update({ where: { id: old.id }, data: { sharedSecretEnc: sealWithKey(otherKey(), sharedSecret) } });
      await createLti13Integration(platform);
      const login = await startLogin(platform);
      const claims = launchClaims(platform, login.nonce);
      claims[`${LTI}lti1p1`] = {
        user_id: "old-user-7",
        oauth_consumer_key: consumerKey,
        oauth_consumer_key_sign: signLti1p1(sharedSecret, {
          consumerKey, deploymentId: platform.deploymentId, iss: platform.issuer, clientId: platform.clientId, exp: claims.exp as number, nonce: login.nonce,
        }),
      };
      const response = await postLaunch({ id_token: await platform.sign(claims), state: login.state }, login.cookie);
      expect(response.status).toBe(401);
      expect(response.headers.get("x-lti-error")).toBe("LTI_LEGACY_SECRET_UNREADABLE");
    });
  });
});
