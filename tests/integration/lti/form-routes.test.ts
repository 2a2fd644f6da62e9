import { describe, expect, it } from "vitest";
import { SMALL_BODY_BYTES } from "@/lib/http/body";
import * as launch from "@/app/api/lti/launch/route";
import * as login from "@/app/api/lti/login/route";
import * as lti11 from "@/app/api/lti/11/launch/route";
import * as deepLink from "@/app/api/lti/deep-link/route";
import * as auth from "@/app/api/auth/[...nextauth]/route";
import { prisma } from "@/lib/db";
import { streamingPost } from "@/tests/support/counting-body";

// The LTI route handlers as `next start` serves them (and as the launch server hands the
// deep-link post on): a body is checked and capped before any of it is buffered.

const APP = "http://localhost:3000";
const routes = [
  ["/api/lti/launch", launch.POST],
  ["/api/lti/login", login.POST],
  ["/api/lti/11/launch", lti11.POST],
  ["/api/lti/deep-link", deepLink.POST],
] as const;

describe("the LTI route handlers", () => {
  it("refuse a multipart POST with 415 without reading it", async () => {
    for (const [path, POST] of routes) {
      const { request, pulled } = streamingPost(`${APP}${path}`, 8 * 1024 * 1024, { "content-type": "multipart/form-data; boundary=x" });
      const response = await POST(request);
      expect(response.status, path).toBe(415);
      expect(pulled(), path).toBe(0);
    }
    expect(await prisma.launchLog.count()).toBe(0);
  });

  it("stop reading a form at the cap with 413", async () => {
    for (const [path, POST] of routes) {
      const { request, pulled } = streamingPost(`${APP}${path}`, 8 * 1024 * 1024, { "content-type": "application/x-www-form-urlencoded" });
      const response = await POST(request);
      expect(response.status, path).toBe(413);
      expect(pulled(), path).toBeLessThanOrEqual(SMALL_BODY_BYTES + 128 * 1024);
    }
  });

  it("still answer a form post (a refused launch, with its code)", async () => {
    const response = await launch.POST(new Request(`${APP}/api/lti/launch`, {
      method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "id_token=x&state=unknown",
    }));
    expect(response.status).toBe(400);
    expect(response.headers.get("x-lti-error")).toBe("LTI_STATE_UNKNOWN");
  });
});

describe("the sign-in route handler", () => {
  const context = { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) };
  it("refuses a multipart POST with 415 and a streamed body past the cap with 413", async () => {
    const { NextRequest } = await import("next/server");
    const multipart = streamingPost(`${APP}/api/auth/callback/credentials`, 8 * 1024 * 1024, { "content-type": "multipart/form-data; boundary=x" });
    expect((await auth.POST(new NextRequest(multipart.request), context)).status).toBe(415);
    expect(multipart.pulled()).toBeLessThanOrEqual(64 * 1024); // NextRequest may prefetch one chunk
    const big = streamingPost(`${APP}/api/auth/callback/credentials`, 8 * 1024 * 1024, { "content-type": "application/x-www-form-urlencoded" });
    expect((await auth.POST(new NextRequest(big.request), context)).status).toBe(413);
    expect(big.pulled()).toBeLessThanOrEqual(SMALL_BODY_BYTES + 128 * 1024);
  });
});
