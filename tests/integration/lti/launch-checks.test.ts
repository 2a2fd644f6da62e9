import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SignJWT } from "jose";
import { prisma } from "@/lib/db";
import { TestPlatform } from "@/tests/support/lti-platform";
import { APP, launch, launchClaims, postLaunch, startLogin, LTI_CLAIM_PREFIX as LTI } from "@/tests/support/lti-launch";
import { createLti13Integration } from "@/tests/support/factories";
import { expectLaunchFailure } from "./helpers";
import { integrationCounts } from "@/lib/integrations/counters";

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";

let platform: TestPlatform;
let integrationId: string;
beforeEach(async () => {
  platform = await TestPlatform.start();
  integrationId = (await createLti13Integration(platform)).id;
});
afterEach(() => platform.close());

const now = () => Math.floor(Date.now() / 1000);

describe("every id_token claim check has its own code", () => {
  const cases: [string, string, () => Record<string, unknown>][] = [
    ["issuer", "LTI_ISSUER_MISMATCH", () => ({ iss: "https://evil.example.test" })],
    ["audience without the client ID", "LTI_AUDIENCE_MISMATCH", () => ({ aud: "someone-else" })],
    ["an untrusted extra audience", "LTI_AUDIENCE_MISMATCH", () => ({ aud: [platform.clientId, "someone-else"], azp: platform.clientId })],
    ["azp", "LTI_AZP_MISMATCH", () => ({ azp: "someone-else" })],
    ["exp in the past", "LTI_TOKEN_EXPIRED", () => ({ iat: now() - 600, exp: now() - 120 })],
    ["no exp", "LTI_TOKEN_EXPIRED", () => ({ exp: undefined })],
    ["iat in the future", "LTI_IAT_IN_FUTURE", () => ({ iat: now() + 600, exp: now() + 900 })],
    ["nonce", "LTI_NONCE_MISMATCH", () => ({ nonce: "not-the-issued-nonce" })],
    ["deployment_id not registered", "LTI_DEPLOYMENT_UNKNOWN", () => ({ [`${LTI}deployment_id`]: "deployment-999" })],
    ["no deployment_id", "LTI_DEPLOYMENT_UNKNOWN", () => ({ [`${LTI}deployment_id`]: undefined })],
    ["version", "LTI_VERSION_UNSUPPORTED", () => ({ [`${LTI}version`]: "1.1.0" })],
    ["message_type", "LTI_MESSAGE_TYPE_UNSUPPORTED", () => ({ [`${LTI}message_type`]: "LtiSubmissionReviewRequest" })],
    ["resource_link.id", "LTI_RESOURCE_LINK_MISSING", () => ({ [`${LTI}resource_link`]: { title: "no id" } })],
    [
      "deep_link_return_url",
      "LTI_DEEP_LINK_RETURN_MISSING",
      () => ({ [`${LTI}message_type`]: "LtiDeepLinkingRequest", "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": { accept_types: ["ltiResourceLink"] } }),
    ],
    [
      "deep_link_return_url scheme",
      "LTI_DEEP_LINK_RETURN_URL_REFUSED",
      () => ({ [`${LTI}message_type`]: "LtiDeepLinkingRequest", [`${LTI}roles`]: [`${LIS}membership#Instructor`], "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": { deep_link_return_url: "javascript:alert(1)//" } }),
    ],
    [
      "deep linking role",
      "LTI_DEEP_LINK_ROLE_REFUSED",
      () => ({ [`${LTI}message_type`]: "LtiDeepLinkingRequest", [`${LTI}roles`]: [`${LIS}membership#Learner`], "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings": { deep_link_return_url: "https://lms.example.test/return" } }),
    ],
    ["roles", "LTI_ROLES_MISSING", () => ({ [`${LTI}roles`]: undefined })],
    ["sub", "LTI_SUB_MISSING", () => ({ sub: undefined })],
    ["target_link_uri", "LTI_TARGET_LINK_MISMATCH", () => ({ [`${LTI}target_link_uri`]: "http://localhost:3000/read/other" })],
  ];

  it.each(cases)("rejects a bad %s with %s", async (_label, code, claims) => {
    const { response } = await launch(platform, { claims: claims() });
    await expectLaunchFailure(response, code, { integrationId });
    expect((await integrationCounts(integrationId)).failures).toBe(1);
  });
});

describe("signature checks", () => {
  it("accepts only RS256: HS256 signed with the public key is refused", async () => {
    const login = await startLogin(platform);
    const token = await new SignJWT(launchClaims(platform, login.nonce))
      .setProtectedHeader({ alg: "HS256", kid: platform.kid })
      .sign(new TextEncoder().encode("a-secret-anyone-could-guess-0123456789"));
    await expectLaunchFailure(await postLaunch({ id_token: token, state: login.state }, login.cookie), "LTI_ALG_NOT_ALLOWED");
  });

  it("refuses alg none", async () => {
    const login = await startLogin(platform);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const token = `${b64({ alg: "none", kid: platform.kid })}.${b64(launchClaims(platform, login.nonce))}.`;
    await expectLaunchFailure(await postLaunch({ id_token: token, state: login.state }, login.cookie), "LTI_ALG_NOT_ALLOWED");
  });

  it("requires a kid", async () => {
    const { response } = await launch(platform, { header: { kid: null } });
    await expectLaunchFailure(response, "LTI_KID_MISSING", { integrationId });
  });

  it("refuses a token signed by a key the platform does not publish", async () => {
    const { response } = await launch(platform, { header: { key: await TestPlatform.strangerKey() } });
    await expectLaunchFailure(response, "LTI_SIGNATURE_INVALID", { integrationId });
  });

  it("refuses a token whose payload was altered after signing", async () => {
    const login = await startLogin(platform);
    const [h, , s] = (await platform.sign(launchClaims(platform, login.nonce))).split(".");
    const forged = Buffer.from(JSON.stringify(launchClaims(platform, login.nonce, { sub: "teacher-1" }))).toString("base64url");
    await expectLaunchFailure(await postLaunch({ id_token: `${h}.${forged}.${s}`, state: login.state }, login.cookie), "LTI_SIGNATURE_INVALID");
  });

  it("names a kid the platform does not publish even after a refetch", async () => {
    const { response } = await launch(platform, { header: { kid: "nobody", key: await TestPlatform.strangerKey() } });
    await expectLaunchFailure(response, "LTI_KID_UNKNOWN", { integrationId });
  });

  it("refuses a token that is not a JWT", async () => {
    const login = await startLogin(platform);
    await expectLaunchFailure(await postLaunch({ id_token: "not-a-jwt", state: login.state }, login.cookie), "LTI_TOKEN_MALFORMED");
  });
});

describe("state, nonce and browser checks", () => {
  it("refuses an unknown state", async () => {
    const login = await startLogin(platform);
    const token = await platform.sign(launchClaims(platform, login.nonce));
    await expectLaunchFailure(await postLaunch({ id_token: token, state: "made-up" }, login.cookie), "LTI_STATE_UNKNOWN", { integrationId: null });
  });

  it("refuses an expired state", async () => {
    const login = await startLogin(platform);
    await prisma.ltiLoginState.update({ where: { state: login.state }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const token = await platform.sign(launchClaims(platform, login.nonce));
    await expectLaunchFailure(await postLaunch({ id_token: token, state: login.state }, login.cookie), "LTI_STATE_EXPIRED", { integrationId });
  });

  it("refuses a state that comes back in another browser", async () => {
    const login = await startLogin(platform);
    const other = await startLogin(platform);
    const token = await platform.sign(launchClaims(platform, login.nonce));
    await expectLaunchFailure(await postLaunch({ id_token: token, state: login.state }, other.cookie), "LTI_STATE_BROWSER_MISMATCH", { integrationId });
  });

  it("offers a new window, signing nobody in, when the cookie was blocked and the platform has no storage", async () => {
    const login = await startLogin(platform, { lti_message_hint: "link-9", login_hint: "hint-7" });
    const token = await platform.sign(launchClaims(platform, login.nonce));
    const res = await postLaunch({ id_token: token, state: login.state });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
    const html = await res.text();
    const relaunch = new URL(/href="([^"]+)" target="_blank"/.exec(html)![1]!.replaceAll("&#38;", "&"));
    expect(relaunch.pathname).toBe("/api/lti/login");
    expect(Object.fromEntries(relaunch.searchParams)).toMatchObject({
      iss: platform.issuer, client_id: platform.clientId, login_hint: "hint-7", lti_message_hint: "link-9", target_link_uri: `${APP}/library`,
    });
    expect(await prisma.user.count()).toBe(0);
    expect((await prisma.ltiLoginState.findUniqueOrThrow({ where: { state: login.state } })).usedAt).toBeNull();
    expect(await prisma.launchLog.findFirstOrThrow()).toMatchObject({ outcome: "FAILURE", errorCode: "LTI_COOKIES_BLOCKED", integrationId });
  });

  it("uses a state once: a replayed POST fails, and of two racing POSTs exactly one wins", async () => {
    const first = await launch(platform);
    expect(first.response.status).toBe(303);
    const replay = await postLaunch({ id_token: first.idToken, state: first.login.state }, first.login.cookie);
    await expectLaunchFailure(replay, "LTI_STATE_USED", { users: 1 });

    const login = await startLogin(platform, {}, first.login.cookie);
    const token = await platform.sign(launchClaims(platform, login.nonce, { sub: "student-2" }));
    const racing = await Promise.all([1, 2, 3].map(() => postLaunch({ id_token: token, state: login.state }, login.cookie)));
    expect(racing.map((r) => r.status).sort()).toEqual([303, 400, 400]);
    expect(await prisma.user.count()).toBe(2);
  });

  it("names a replayed id_token under a fresh state", async () => {
    const first = await launch(platform);
    const login = await startLogin(platform, {}, first.login.cookie);
    await expectLaunchFailure(await postLaunch({ id_token: first.idToken, state: login.state }, login.cookie), "LTI_NONCE_REUSED", { users: 1 });
  });
});

describe("deployment bound at login", () => {
  it("refuses a token whose deployment differs from the one the login named, even if also registered", async () => {
    await prisma.ltiDeployment.create({ data: { integrationId, deploymentId: "deployment-2" } });
    const { response } = await launch(platform, {
      login: { lti_deployment_id: platform.deploymentId },
      claims: { [`${LTI}deployment_id`]: "deployment-2" },
    });
    await expectLaunchFailure(response, "LTI_DEPLOYMENT_UNKNOWN", { integrationId });
  });
});

describe("request and integration checks", () => {
  it("refuses a launch without id_token", async () => {
    const login = await startLogin(platform);
    await expectLaunchFailure(await postLaunch({ state: login.state }, login.cookie), "LTI_REQUEST_INVALID");
  });

  it("shows the platform's own error instead of failing obscurely", async () => {
    await expectLaunchFailure(await postLaunch({ error: "login_required", state: "x" }), "LTI_PLATFORM_ERROR");
  });

  it("refuses a launch for an integration disabled after the login started", async () => {
    const login = await startLogin(platform);
    await prisma.integration.update({ where: { id: integrationId }, data: { enabled: false } });
    const res = await postLaunch({ id_token: await platform.sign(launchClaims(platform, login.nonce)), state: login.state }, login.cookie);
    expect(res.status).toBe(403);
    await expectLaunchFailure(res, "LTI_INTEGRATION_DISABLED", { integrationId });
  });
});
