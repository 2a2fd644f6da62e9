import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { prisma } from "@/lib/db";
import { POST as loginPost } from "@/app/api/lti/login/route";
import { TestPlatform } from "@/tests/support/lti-platform";
import { APP, cookiePair, startLogin } from "@/tests/support/lti-launch";
import { createLti13Integration } from "@/tests/support/factories";
import { expectLaunchFailure } from "./helpers";

let platform: TestPlatform;
let integrationId: string;
beforeEach(async () => {
  platform = await TestPlatform.start();
  integrationId = (await createLti13Integration(platform)).id;
});
afterEach(() => platform.close());

describe("OIDC login initiation", () => {
  it("redirects to the platform's auth URL with every parameter and stores a browser-bound state", async () => {
    const { response, state, nonce, cookie } = await startLogin(platform, { lti_message_hint: "msg-7", lti_deployment_id: platform.deploymentId });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(platform.authUrl);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      scope: "openid",
      response_type: "id_token",
      response_mode: "form_post",
      prompt: "none",
      client_id: platform.clientId,
      redirect_uri: `${APP}/api/lti/launch`,
      login_hint: "hint-1",
      lti_message_hint: "msg-7",
      state,
      nonce,
    });
    expect(state).toMatch(/^[\w-]{43}$/);
    expect(nonce).toMatch(/^[\w-]{43}$/);
    expect(nonce).not.toBe(state);

    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=None/i);
    expect(setCookie).toMatch(/Secure/i);
    expect(setCookie).toMatch(/Partitioned/i);
    const row = await prisma.ltiLoginState.findUniqueOrThrow({ where: { state } });
    const value = cookie.split("=")[1]!;
    expect(row.browserHash).toBe(createHash("sha256").update(value).digest("hex"));
    expect(row).toMatchObject({ integrationId, nonce, deploymentId: platform.deploymentId, targetLinkUri: `${APP}/library`, usedAt: null });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(row.browserHash).not.toContain(value);
  });

  it("accepts a form POST and keeps the browser's existing binding value for parallel launches", async () => {
    const first = await startLogin(platform);
    const body = new URLSearchParams({ iss: platform.issuer, login_hint: "h", target_link_uri: `${APP}/library`, client_id: platform.clientId });
    const response = await loginPost(
      new Request(`${APP}/api/lti/login`, { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", cookie: first.cookie } }),
    );
    expect(response.status).toBe(302);
    expect(cookiePair(response.headers.get("set-cookie"))).toBe(first.cookie);
    expect(await prisma.ltiLoginState.count()).toBe(2);
  });

  it("finds the integration by issuer alone when the platform sends no client_id", async () => {
    const { response } = await startLogin(platform, { client_id: undefined });
    expect(response.status).toBe(302);
  });

  const failures: [string, string, Record<string, string | undefined>][] = [
    ["no login_hint", "LTI_LOGIN_PARAM_MISSING", { login_hint: undefined }],
    ["no iss", "LTI_LOGIN_PARAM_MISSING", { iss: undefined }],
    ["no target_link_uri", "LTI_LOGIN_PARAM_MISSING", { target_link_uri: undefined }],
    ["an unknown issuer", "LTI_INTEGRATION_UNKNOWN", { iss: "https://other.example.test" }],
    ["an unknown client_id", "LTI_INTEGRATION_UNKNOWN", { client_id: "other-client" }],
    ["an unknown deployment", "LTI_DEPLOYMENT_UNKNOWN", { lti_deployment_id: "deployment-999" }],
    ["a target link on another site", "LTI_TARGET_LINK_FOREIGN", { target_link_uri: "https://evil.example.test/library" }],
  ];
  it.each(failures)("refuses %s with %s and stores no state", async (_label, code, params) => {
    const { response } = await startLogin(platform, params);
    await expectLaunchFailure(response, code);
    expect(await prisma.ltiLoginState.count()).toBe(0);
  });

  it("refuses a disabled integration", async () => {
    await prisma.integration.update({ where: { id: integrationId }, data: { enabled: false } });
    const { response } = await startLogin(platform);
    expect(response.status).toBe(403);
    await expectLaunchFailure(response, "LTI_INTEGRATION_DISABLED", { integrationId });
  });

  it("never sends the browser to a stored auth URL that breaks the URL policy (javascript:, data:)", async () => {
    for (const authUrl of ["javascript:alert(document.domain)//", "data:text/html,<script>alert(1)</script>"]) {
      await prisma.integration.update({ where: { id: integrationId }, data: { authUrl } });
      for (const params of [{}, { lti_storage_target: "_parent" }]) {
        const { response } = await startLogin(platform, params);
        expect(response.headers.get("location")).toBeNull();
        const log = await expectLaunchFailure(response, "LTI_PLATFORM_URL_REFUSED", { integrationId });
        expect(log.detail).toMatch(/authentication request URL/);
        await prisma.launchFailureTally.deleteMany();
      }
    }
  });
});

