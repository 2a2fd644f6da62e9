import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ltiRoute, serveLti, MAX_BODY_BYTES } from "@/server/lti-routes";
import { TestPlatform } from "@/tests/support/lti-platform";
import { APP, launchClaims } from "@/tests/support/lti-launch";
import { createLti13Integration, createPlan, createPublication } from "@/tests/support/factories";

// The launch endpoints as the production server answers them: Node's HTTP server in front of
// Next (server/main.ts). Requests the launch server does not take must reach the fallback.

let platform: TestPlatform;
let server: Server;
let base: string;

beforeEach(async () => {
  platform = await TestPlatform.start();
  server = createServer((req, res) => {
    const lti = ltiRoute(req);
    if (lti) void serveLti(lti, req, res, APP);
    else res.writeHead(404, { "x-served-by": "fallback" }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await platform.close();
});

async function login(): Promise<{ state: string; nonce: string; cookie: string }> {
  const url = new URL(`${base}/api/lti/login`);
  for (const [k, v] of Object.entries({ iss: platform.issuer, login_hint: "hint-1", target_link_uri: `${APP}/library`, client_id: platform.clientId })) url.searchParams.set(k, v);
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  const query = new URL(response.headers.get("location")!).searchParams;
  return { state: query.get("state")!, nonce: query.get("nonce")!, cookie: response.headers.getSetCookie()[0]!.split(";")[0]! };
}

describe("the launch server", () => {
  it("runs a whole LTI 1.3 launch: login, id_token POST, session and redirect", async () => {
    const plan = await createPlan({ publicationIds: [(await createPublication()).id] });
    await createLti13Integration(platform, { planId: plan.id });

    const { state, nonce, cookie } = await login();
    const idToken = await platform.sign(launchClaims(platform, nonce));
    const response = await fetch(`${base}/api/lti/launch`, {
      method: "POST", redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ id_token: idToken, state }),
    });

    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`${APP}/library`);
    expect(response.headers.getSetCookie().some((c) => c.includes("folio.session="))).toBe(true);
    const user = await prisma.user.findFirstOrThrow({ include: { grants: true } });
    expect(user.grants).toMatchObject([{ planId: plan.id, source: "INTEGRATION" }]);
    expect(await prisma.launchLog.count({ where: { outcome: "SUCCESS", userId: user.id } })).toBe(1);
  });

  it("answers a refused launch with the failure page and its code, and no session", async () => {
    await createLti13Integration(platform);
    const { cookie } = await login();
    const response = await fetch(`${base}/api/lti/launch`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ id_token: "not.a.token", state: "unknown-state" }),
    });

    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(await response.text()).toContain("LTI_STATE_UNKNOWN");
    // The launch server's own answers carry the security headers; the page runs in the LMS's frame.
    expect(response.headers.get("content-security-policy")).toMatch(/default-src 'none'; script-src 'none';.*frame-ancestors 'self' https: http:/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-frame-options")).toBeNull();
    expect(response.headers.getSetCookie().some((c) => c.includes("folio.session="))).toBe(false);
  });

  it("refuses a body larger than any launch with 413", async () => {
    const response = await fetch(`${base}/api/lti/launch`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" },
      body: `id_token=${"a".repeat(MAX_BODY_BYTES + 1)}&state=s`,
    });
    expect(response.status).toBe(413);
    expect(await prisma.launchLog.count()).toBe(0);
  });

  it("refuses a declared length over the limit before reading the body", async () => {
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/lti/launch`, {
        method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(400 * 1024 * 1024) },
      }, (res) => resolve(res.statusCode ?? 0));
      req.on("error", reject);
      req.write("id_token=");  // and nothing more: the answer must not wait for the other 400 MB
    });
    expect(status).toBe(413);
  });

  it("refuses a POST of anything but a form on every LTI form address with 415, before reading it", async () => {
    const { request } = await import("node:http");
    for (const path of ["/api/lti/launch", "/api/lti/login", "/api/lti/11/launch", "/api/lti/deep-link"]) {
      const answer = await new Promise<{ status: number; type: string }>((resolve, reject) => {
        const req = request(`${base}${path}`, {
          method: "POST", headers: { "content-type": "multipart/form-data; boundary=x", "content-length": String(400 * 1024 * 1024) },
        }, (res) => resolve({ status: res.statusCode ?? 0, type: String(res.headers["x-served-by"] ?? "") + String(res.headers["x-content-type-options"]) }));
        req.on("error", reject);
        req.write("--x\r\n");
      });
      expect(answer, path).toEqual({ status: 415, type: "nosniff" });
    }
  });

  it("leaves other methods, the deep-link form and other paths to Next", async () => {
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const cases = [
      fetch(`${base}/api/lti/launch`),
      fetch(`${base}/api/lti/deep-link`, { method: "POST", headers: form, body: "token=a&slug=b" }),
      fetch(`${base}/api/lti/launchx`, { method: "POST", headers: form, body: "a=1" }),
      fetch(`${base}/library`),
    ];
    for (const response of await Promise.all(cases)) expect(response.headers.get("x-served-by")).toBe("fallback");
  });
});
