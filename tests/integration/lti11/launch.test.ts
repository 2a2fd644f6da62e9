import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { SESSION_COOKIE } from "@/lib/auth/session-cookie";
import { POST } from "@/app/api/lti/11/launch/route";
import { createLti11Integration, createPlan, createPublication, createUser } from "@/tests/support/factories";
import { basicLaunchParams, launchRequest, LAUNCH_URL, type SignOptions } from "@/tests/support/lti11-launch";
import { integrationCounts } from "@/lib/integrations/counters";

const now = () => Math.floor(Date.now() / 1000);

describe("POST /api/lti/11/launch", () => {
  it("creates the person, grants the integration's plan, logs the launch and lands them signed in", async () => {
    const plan = await createPlan();
    const { integration, consumerKey, sharedSecret } = await createLti11Integration({ planId: plan.id });
    const response = await POST(launchRequest({ consumerKey, secret: sharedSecret }));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("http://localhost:3000/library");
    expect(response.headers.get("set-cookie")?.startsWith(`${SESSION_COOKIE}=`)).toBe(true);

    const identity = await prisma.ltiIdentity.findUniqueOrThrow({
      where: { platformKey_subject: { platformKey: `lti11|${consumerKey}`, subject: "student-7" } },
      include: { user: { include: { grants: true } } },
    });
    expect(identity).toMatchObject({ integrationId: integration.id, nameHint: "Ada Student", emailHint: "ada@school.example" });
    expect(identity.user).toMatchObject({ role: "READER", email: null, passwordHash: null });
    expect(identity.user.grants).toMatchObject([{ kind: "PLAN", planId: plan.id, source: "INTEGRATION" }]);
    const log = await prisma.launchLog.findMany({ where: { integrationId: integration.id } });
    expect(log).toMatchObject([{ outcome: "SUCCESS", userId: identity.userId, ltiVersion: "1.1", errorCode: null }]);

    const again = await POST(launchRequest({ consumerKey, secret: sharedSecret }));
    expect(again.status).toBe(303);
    expect(await prisma.user.count()).toBe(1);
  });

  it("opens the book named in custom_publication and accepts LTI-1p2", async () => {
    const book = await createPublication({ slug: "intro-to-rust" });
    const { consumerKey, sharedSecret } = await createLti11Integration();
    const params = basicLaunchParams({ custom_publication: book.slug, lti_version: "LTI-1p2" });
    const response = await POST(launchRequest({ consumerKey, secret: sharedSecret, params }));
    const link = await prisma.resourceLink.findFirstOrThrow({ where: { linkId: "course-42-link-1" } });
    expect(response.headers.get("location")).toBe(`http://localhost:3000/read/intro-to-rust?link=${link.id}`);
  });

  it("verifies launches whose URL has a query string and whose form repeats parameters", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    const url = `${LAUNCH_URL}?tenant=north%20campus&x=1`;
    const params = basicLaunchParams({ roles: ["Learner", "Instructor"], custom_tags: ["b", "a", "a"] });
    const response = await POST(launchRequest({ consumerKey, secret: sharedSecret, url, params }));
    expect(response.status).toBe(303);
  });

  it("never merges with the account that owns the email the LMS sends", async () => {
    const existing = await createUser({ email: "ada@school.example", password: "violet kettle harbour" });
    const { consumerKey, sharedSecret } = await createLti11Integration();
    expect((await POST(launchRequest({ consumerKey, secret: sharedSecret }))).status).toBe(303);
    const identity = await prisma.ltiIdentity.findFirstOrThrow({ where: { subject: "student-7" } });
    expect(identity.userId).not.toBe(existing.id);
    expect(await prisma.ltiIdentity.count({ where: { userId: existing.id } })).toBe(0);
  });

  it("creates one account for simultaneous first launches of one person", async () => {
    const { consumerKey, sharedSecret } = await createLti11Integration();
    const responses = await Promise.all(Array.from({ length: 10 }, () => POST(launchRequest({ consumerKey, secret: sharedSecret }))));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(303));
    expect(await prisma.user.count()).toBe(1);
  });

  type BadCase = [name: string, code: string, status: number, build: (k: { consumerKey: string; secret: string }) => SignOptions];
  const bad: BadCase[] = [
    ["wrong secret", "LTI11_SIGNATURE_INVALID", 401, (k) => ({ ...k, secret: "not-the-secret" })],
    ["unknown consumer key", "LTI11_CONSUMER_UNKNOWN", 401, (k) => ({ ...k, consumerKey: "unknown-key" })],
    ["old timestamp", "LTI11_TIMESTAMP_OUT_OF_WINDOW", 401, (k) => ({ ...k, timestamp: now() - 6 * 60 })],
    ["future timestamp", "LTI11_TIMESTAMP_OUT_OF_WINDOW", 401, (k) => ({ ...k, timestamp: now() + 6 * 60 })],
    ["wrong signature method", "LTI11_SIGNATURE_METHOD_UNSUPPORTED", 400, (k) => ({ ...k, signatureMethod: "HMAC-SHA256" })],
    ["tampered parameter", "LTI11_SIGNATURE_INVALID", 401, (k) => ({ ...k, tamper: (f) => void (f.user_id = "teacher-1") })],
    ["missing resource_link_id", "LTI11_RESOURCE_LINK_MISSING", 400, (k) => ({ ...k, params: basicLaunchParams({ resource_link_id: "" }) })],
    ["missing user_id", "LTI11_USER_ID_MISSING", 400, (k) => ({ ...k, params: omit(basicLaunchParams(), "user_id") })],
    ["other message type", "LTI11_MESSAGE_TYPE_UNSUPPORTED", 400, (k) => ({ ...k, params: basicLaunchParams({ lti_message_type: "ContentItemSelectionRequest" }) })],
    ["other LTI version", "LTI11_VERSION_UNSUPPORTED", 400, (k) => ({ ...k, params: basicLaunchParams({ lti_version: "LTI-2p0" }) })],
  ];

  it.each(bad)("refuses a launch with %s: %s, no account, no session, a log entry", async (_name, code, status, build) => {
    const { integration, consumerKey, sharedSecret } = await createLti11Integration();
    const response = await POST(launchRequest(build({ consumerKey, secret: sharedSecret })));
    expect(response.status).toBe(status);
    expect(response.headers.get("x-lti-error")).toBe(code);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(await response.text()).toContain(code);
    expect(await prisma.user.count()).toBe(0);
    // A launch from an unknown consumer only adds to a tally; one with a known key is the integration's.
    const tally = await prisma.launchFailureTally.findFirstOrThrow();
    expect(tally).toMatchObject({ errorCode: code, ltiVersion: "1.1", count: 1 });
    expect(tally.integrationId).toBe(code === "LTI11_CONSUMER_UNKNOWN" ? null : integration.id);
    const log = await prisma.launchLog.findFirst();
    if (code === "LTI11_CONSUMER_UNKNOWN") expect(log).toBeNull();
    else expect(log).toMatchObject({ outcome: "FAILURE", errorCode: code, ltiVersion: "1.1", userId: null, integrationId: integration.id });
  });

  it("refuses a disabled integration and a replayed nonce", async () => {
    const disabled = await createLti11Integration({ enabled: false });
    const refused = await POST(launchRequest({ consumerKey: disabled.consumerKey, secret: disabled.sharedSecret }));
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-lti-error")).toBe("LTI11_INTEGRATION_DISABLED");
    expect(await prisma.user.count()).toBe(0);

    const { integration, consumerKey, sharedSecret } = await createLti11Integration();
    const signed = { consumerKey, secret: sharedSecret, nonce: "once-only", timestamp: now() };
    expect((await POST(launchRequest(signed))).status).toBe(303);
    const replay = await POST(launchRequest(signed));
    expect(replay.status).toBe(401);
    expect(replay.headers.get("x-lti-error")).toBe("LTI11_NONCE_REUSED");
    expect(replay.headers.get("set-cookie")).toBeNull();
    expect(await prisma.user.count()).toBe(1);
    const codes = await prisma.launchLog.findMany({ where: { outcome: "FAILURE" }, select: { errorCode: true, integrationId: true } });
    expect(codes).toEqual(
      expect.arrayContaining([
        { errorCode: "LTI11_INTEGRATION_DISABLED", integrationId: disabled.integration.id },
        { errorCode: "LTI11_NONCE_REUSED", integrationId: integration.id },
      ]),
    );
    expect((await integrationCounts(integration.id)).failures).toBe(1);
  });
});

function omit<T extends Record<string, unknown>>(value: T, key: keyof T): T {
  const copy = { ...value };
  delete copy[key];
  return copy;
}
