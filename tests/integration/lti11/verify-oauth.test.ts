import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import type { LtiError } from "@/lib/lti/errors";
import { verifyOAuthRequest } from "@/lib/lti/lti11/verify-oauth";
import { pruneNonces } from "@/lib/lti/lti11/nonce-store";
import { rotateSharedSecret } from "@/lib/integrations/lti11-secret";
import { createLti11Integration } from "@/tests/support/factories";
import { basicLaunchParams, launchRequest, LAUNCH_URL } from "@/tests/support/lti11-launch";

const now = () => Math.floor(Date.now() / 1000);

async function codeOf(request: Request): Promise<string> {
  const error = (await verifyOAuthRequest(request).then(() => null, (e: unknown) => e)) as LtiError | null;
  return error?.code ?? "OK";
}

describe("verifyOAuthRequest", () => {
  it("accepts a launch signed by oauth-1.0a and records its nonce", async () => {
    const { integration, consumerKey, sharedSecret } = await createLti11Integration();
    const verified = await verifyOAuthRequest(launchRequest({ consumerKey, secret: sharedSecret, nonce: "n-1" }));
    expect(verified.integrationId).toBe(integration.id);
    expect(await prisma.ltiOAuthNonce.count({ where: { consumerKey, nonce: "n-1" } })).toBe(1);
  });

  it("uses APP_URL's origin, not the address the request reached behind a proxy", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    const behindProxy = launchRequest({ consumerKey, secret: sharedSecret, requestUrl: "http://10.0.0.7:8080/api/lti/11/launch" });
    expect(await codeOf(behindProxy)).toBe("OK");
    const signedForOtherHost = launchRequest({ consumerKey, secret: sharedSecret, url: "https://elsewhere.example/api/lti/11/launch", requestUrl: LAUNCH_URL });
    expect(await codeOf(signedForOtherHost)).toBe("LTI11_SIGNATURE_INVALID");
  });

  it("includes a query string on the launch URL and repeated parameters in the signature", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    const url = `${LAUNCH_URL}?course=intro%2F101&lang=en`;
    const params = basicLaunchParams({ custom_tag: ["zeta", "alpha", "alpha beta"], ext_roles: ["b", "a"] });
    expect(await codeOf(launchRequest({ consumerKey, secret: sharedSecret, url, params }))).toBe("OK");
    const dropped = launchRequest({ consumerKey, secret: sharedSecret, url, params, requestUrl: `${LAUNCH_URL}?course=intro%2F101` });
    expect(await codeOf(dropped)).toBe("LTI11_SIGNATURE_INVALID");
    const oneLess = launchRequest({ consumerKey, secret: sharedSecret, params, tamper: (f) => void (f.custom_tag = ["zeta", "alpha"]) });
    expect(await codeOf(oneLess)).toBe("LTI11_SIGNATURE_INVALID");
  });

  it("refuses a wrong secret, a tampered parameter and an unknown consumer key", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    expect(await codeOf(launchRequest({ consumerKey, secret: `${sharedSecret}x` }))).toBe("LTI11_SIGNATURE_INVALID");
    const tampered = launchRequest({ consumerKey, secret: sharedSecret, tamper: (f) => void (f.user_id = "someone-else") });
    expect(await codeOf(tampered)).toBe("LTI11_SIGNATURE_INVALID");
    const noSignature = launchRequest({ consumerKey, secret: sharedSecret, tamper: (f) => void delete f.oauth_signature });
    expect(await codeOf(noSignature)).toBe("LTI11_OAUTH_PARAMETER_MISSING");
    const noNonce = launchRequest({ consumerKey, secret: sharedSecret, tamper: (f) => void delete f.oauth_nonce });
    const error = (await verifyOAuthRequest(noNonce).catch((e: unknown) => e)) as LtiError;
    expect(error).toMatchObject({ code: "LTI11_OAUTH_PARAMETER_MISSING", integrationId: expect.any(String) });
    expect(await codeOf(launchRequest({ consumerKey: "nobody", secret: sharedSecret }))).toBe("LTI11_CONSUMER_UNKNOWN");
  });

  it("refuses timestamps more than five minutes old or ahead", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    expect(await codeOf(launchRequest({ consumerKey, secret: sharedSecret, timestamp: now() - 290 }))).toBe("OK");
    expect(await codeOf(launchRequest({ consumerKey, secret: sharedSecret, timestamp: now() - 310 }))).toBe("LTI11_TIMESTAMP_OUT_OF_WINDOW");
    expect(await codeOf(launchRequest({ consumerKey, secret: sharedSecret, timestamp: now() + 310 }))).toBe("LTI11_TIMESTAMP_OUT_OF_WINDOW");
  });

  it("refuses a replayed nonce, in Postgres, and forgets nonces that can no longer be replayed", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    const first = launchRequest({ consumerKey, secret: sharedSecret, nonce: "same" });
    const replay = launchRequest({ consumerKey, secret: sharedSecret, nonce: "same" });
    const results = await Promise.all([codeOf(first), codeOf(replay)]);
    expect(results.sort()).toEqual(["LTI11_NONCE_REUSED", "OK"]);
    expect(await pruneNonces(new Date(Date.now() + 11 * 60 * 1000))).toBe(1);
  });

  it("refuses other signature methods and OAuth versions", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    expect(await codeOf(launchRequest({ consumerKey, secret: sharedSecret, signatureMethod: "HMAC-SHA256" }))).toBe("LTI11_SIGNATURE_METHOD_UNSUPPORTED");
    expect(await codeOf(launchRequest({ consumerKey, secret: sharedSecret, signatureMethod: "PLAINTEXT" }))).toBe("LTI11_SIGNATURE_METHOD_UNSUPPORTED");
    const v2 = launchRequest({ consumerKey, secret: sharedSecret, tamper: (f) => void (f.oauth_version = "2.0") });
    expect(await codeOf(v2)).toBe("LTI11_OAUTH_VERSION_UNSUPPORTED");
    const twice = launchRequest({ consumerKey, secret: sharedSecret, tamper: (f) => void (f.oauth_nonce = ["a", "b"]) });
    expect(await codeOf(twice)).toBe("LTI11_PARAMETER_REPEATED");
  });

  it("refuses a disabled integration, and the old secret as soon as it is rotated", async () => {
    const disabled = await createLti11Integration({ enabled: false });
    expect(await codeOf(launchRequest({ consumerKey: disabled.consumerKey, secret: disabled.sharedSecret }))).toBe("LTI11_INTEGRATION_DISABLED");
    const { integration, consumerKey, sharedSecret } = await createLti11Integration();
    const { sharedSecret: fresh } = await rotateSharedSecret(integration.id);
    expect(await codeOf(launchRequest({ consumerKey, secret: sharedSecret }))).toBe("LTI11_SIGNATURE_INVALID");
    expect(await codeOf(launchRequest({ consumerKey, secret: fresh }))).toBe("OK");
  });

  it("refuses a body that is not a form", async () => {
    const json = new Request(LAUNCH_URL, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(await codeOf(json)).toBe("LTI11_REQUEST_INVALID");
  });
});
