import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { TestPlatform } from "@/tests/support/lti-platform";
import { FROM_FOLIO_PAGE, launchClaims, postLaunch, startLogin } from "@/tests/support/lti-launch";
import { createLti13Integration } from "@/tests/support/factories";
import { expectLaunchFailure } from "./helpers";

// Browsers without third-party cookies: the binding value goes through the platform's
// postMessage storage (lti_storage_target). The scripts run in the e2e suite; here the
// server side of both hops.

let platform: TestPlatform;
beforeEach(async () => {
  platform = await TestPlatform.start();
  await createLti13Integration(platform);
});
afterEach(() => platform.close());

async function storageLogin() {
  const login = await startLogin(platform, { lti_storage_target: "_parent" });
  expect(login.response.status).toBe(200);
  const html = await login.response.text();
  const authUrl = new URL(JSON.parse(/location\.replace\(("[^"]+")\)/.exec(html)![1]!));
  return { ...login, html, state: authUrl.searchParams.get("state")!, nonce: authUrl.searchParams.get("nonce")! };
}

describe("platform storage fallback", () => {
  it("stores the binding value in the platform frame, addressed to the platform's origin only, before redirecting", async () => {
    const login = await storageLogin();
    expect(login.html).toContain('"lti.put_data"');
    expect(login.html).toContain(JSON.stringify(new URL(platform.authUrl).origin));
    expect(login.html).toContain(JSON.stringify(login.cookie.split("=")[1]));
    expect(login.response.headers.get("set-cookie")).toMatch(/Partitioned/);
    expect(await prisma.ltiLoginState.count({ where: { state: login.state } })).toBe(1);
  });

  it("asks the platform for the value when the cookie was blocked, then completes the launch", async () => {
    const login = await storageLogin();
    const idToken = await platform.sign(launchClaims(platform, login.nonce));
    const first = await postLaunch({ id_token: idToken, state: login.state });
    expect(first.status).toBe(200);
    const page = await first.text();
    expect(page).toContain('"lti.get_data"');
    expect(page).toContain('name="lti_browser"');
    expect(await prisma.user.count()).toBe(0);
    expect((await prisma.ltiLoginState.findUniqueOrThrow({ where: { state: login.state } })).usedAt).toBeNull();

    // Folio's own page posts again: the browser marks it same-origin.
    const second = await postLaunch({ id_token: idToken, state: login.state, lti_browser: login.cookie.split("=")[1]! }, undefined, FROM_FOLIO_PAGE);
    expect(second.status).toBe(303);
    expect(await prisma.user.count()).toBe(1);
  });

  it("fails with LTI_STATE_BROWSER_MISMATCH, without asking again, when the platform had no value or another one", async () => {
    const login = await storageLogin();
    const idToken = await platform.sign(launchClaims(platform, login.nonce));
    await expectLaunchFailure(await postLaunch({ id_token: idToken, state: login.state, lti_browser: "" }, undefined, FROM_FOLIO_PAGE), "LTI_STATE_BROWSER_MISMATCH");
    const other = await storageLogin();
    const token2 = await platform.sign(launchClaims(platform, other.nonce));
    const res = await postLaunch({ id_token: token2, state: other.state, lti_browser: "A".repeat(43) }, undefined, FROM_FOLIO_PAGE);
    expect(await res.text()).toContain("LTI_STATE_BROWSER_MISMATCH");
  });

  // Login CSRF: the attacker launches in their own browser, keeps their id_token, state and
  // binding value, and makes the victim's browser (no binding cookie) post them from their site.
  async function attackerLaunch(loginParams: Record<string, string> = { lti_storage_target: "_parent" }) {
    const login = loginParams.lti_storage_target ? await storageLogin() : await startLogin(platform, loginParams);
    const idToken = await platform.sign(launchClaims(platform, login.nonce, { sub: "attacker" }));
    return { fields: { id_token: idToken, state: login.state, lti_browser: login.cookie.split("=")[1]! } };
  }

  it("ignores a posted binding value that comes from another site (LTI_STATE_BROWSER_MISMATCH, nobody signed in)", async () => {
    const attempts: Record<string, string>[] = [
      { origin: "https://attacker.example", "sec-fetch-site": "cross-site" },
      { origin: "https://attacker.example" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site", origin: "https://sub.localhost:3000" },
      { origin: "null" },
      {},
    ];
    for (const headers of attempts) {
      const { fields } = await attackerLaunch();
      const response = await postLaunch(fields, undefined, headers);
      await expectLaunchFailure(response, "LTI_STATE_BROWSER_MISMATCH");
      expect(response.headers.get("set-cookie") ?? "").not.toMatch(/folio\.session/);
    }
    expect(await prisma.ltiIdentity.count()).toBe(0);
  });

  it("ignores a posted binding value for a login that did not ask for platform storage, even from Folio's origin", async () => {
    const { fields } = await attackerLaunch({ lti_message_hint: "x" });
    const response = await postLaunch(fields, undefined, FROM_FOLIO_PAGE);
    expect(response.status).not.toBe(303);
    expect(await prisma.user.count()).toBe(0);
  });
});

