import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { appUrlProblem, collectOwnerAlerts, FAILURE_MIN_COUNT, getOwnerAlerts } from "@/lib/admin/alerts";
import { createPlan } from "@/tests/support/factories";
import { hoursAgo, institution, launch, signInAdmin, signInReader } from "./helpers";

const HTTPS = "https://folio.example.com";
const kinds = async (options: Parameters<typeof collectOwnerAlerts>[0] = {}) =>
  (await collectOwnerAlerts({ appUrl: HTTPS, ...options })).map((a) => `${a.kind}:${a.title}`);

describe("the dashboard's alerts", () => {
  it("raise APP_URL on http:// or a local address, and not a public https:// one", async () => {
    expect(appUrlProblem("http://localhost:3000")).toMatch(/cannot reach/);
    expect(appUrlProblem("https://127.0.0.1")).toMatch(/cannot reach/);
    expect(appUrlProblem("https://[::1]:8443")).toMatch(/cannot reach/);
    expect(appUrlProblem("http://folio.example.com")).toMatch(/https:\/\//);
    expect(appUrlProblem(HTTPS)).toBeNull();
    // The test environment runs on http://localhost: the alert shows with the real APP_URL.
    await signInAdmin();
    const alerts = await getOwnerAlerts();
    expect(alerts.find((a) => a.kind === "app-url")).toMatchObject({ severity: "error", href: "/admin/settings/integrations" });
    expect(await kinds()).toEqual([]);
  });

  it("raise an integration whose launches started failing in the last hour, and drop it when they recover", async () => {
    const north = await institution("North");
    // Old failures do not count, nor a few new ones below the minimum.
    for (let i = 0; i < 10; i++) await launch({ integrationId: north.id, errorCode: "LTI11_SIGNATURE_INVALID", at: hoursAgo(3) });
    for (let i = 0; i < FAILURE_MIN_COUNT - 1; i++) await launch({ integrationId: north.id, errorCode: "LTI11_SIGNATURE_INVALID", at: hoursAgo(0.5) });
    expect(await kinds()).toEqual([]);
    await launch({ integrationId: north.id, errorCode: "LTI11_SIGNATURE_INVALID", at: hoursAgo(0.2) });
    const alerts = await collectOwnerAlerts({ appUrl: HTTPS });
    expect(alerts).toMatchObject([{ kind: "launches-failing", title: "Launches through North are failing", detail: "5 of 5 launches in the last hour failed." }]);
    expect(alerts[0]!.href).toMatch(new RegExp(`^/admin/settings/integrations/${north.id}/launches\\?outcome=FAILURE`));
    // Enough successes bring the rate under the threshold.
    for (let i = 0; i < 20; i++) await launch({ integrationId: north.id, at: hoursAgo(0.1) });
    expect(await kinds()).toEqual([]);
  });

  it("count refusals that only the hourly tallies know", async () => {
    const north = await institution("North");
    await prisma.launchFailureTally.create({ data: { scope: north.id, integrationId: north.id, errorCode: "LTI_STATE_UNKNOWN", hour: new Date(), count: 8, ltiVersion: "1.3", lastAt: new Date() } });
    const [alert] = await collectOwnerAlerts({ appUrl: HTTPS });
    expect(alert).toMatchObject({ kind: "launches-failing", detail: "8 of 8 launches in the last hour failed." });
    // A disabled integration refuses on purpose: no alert.
    await prisma.integration.update({ where: { id: north.id }, data: { enabled: false } });
    expect(await kinds()).toEqual([]);
  });

  it("raise integrations missing values until they are complete", async () => {
    const lti13 = await prisma.integration.create({ data: { name: "New Moodle", kind: "LTI13", issuer: "https://lms.test" } });
    const lti11 = await prisma.integration.create({ data: { name: "Old Moodle", kind: "LTI11", consumerKey: "old" } });
    const plan = await createPlan();
    const planless = await institution("Planless");
    await prisma.integration.update({ where: { id: planless.id }, data: { accessKind: "PLAN", planId: null } });
    const alerts = await collectOwnerAlerts({ appUrl: HTTPS });
    expect(alerts.map((a) => [a.title, a.detail, a.href]).sort()).toEqual([
      ["New Moodle is missing values", "Launches cannot work until it has: client ID, deployment ID, auth request URL, platform JWKS URL.", `/admin/settings/integrations/${lti13.id}#lms-values`],
      ["Old Moodle is missing values", "Launches cannot work until it has: shared secret.", `/admin/settings/integrations/${lti11.id}`],
      ["Planless is missing values", "Launches cannot work until it has: the plan its people get.", `/admin/settings/integrations/${planless.id}`],
    ]);
    await prisma.integration.update({ where: { id: lti13.id }, data: {
      clientId: "c", authUrl: "https://lms.test/auth", jwksUrl: "https://lms.test/jwks", deployments: { create: { deploymentId: "1" } },
    } });
    await prisma.integration.update({ where: { id: lti11.id }, data: { enabled: false } });
    await prisma.integration.update({ where: { id: planless.id }, data: { planId: plan.id } });
    expect(await kinds()).toEqual([]);
  });

  it("raise failed score deliveries per integration, until they are sent", async () => {
    const north = await institution("North");
    const user = await prisma.user.create({ data: { publicId: "SCORE1" } });
    const link = await prisma.resourceLink.create({ data: { integrationId: north.id, linkId: "l1", agsScopes: [] } });
    await prisma.scoreSync.create({ data: { resourceLinkId: link.id, userId: user.id, status: "FAILED", lastError: "LMS said no" } });
    expect(await collectOwnerAlerts({ appUrl: HTTPS })).toMatchObject([{
      kind: "score-deliveries-failed", title: "Grades for North were not delivered", detail: "1 score failed to reach the LMS.", href: `/admin/settings/integrations/${north.id}#grades`,
    }]);
    await prisma.scoreSync.updateMany({ data: { status: "SENT" } });
    expect(await kinds()).toEqual([]);
  });

  it("are for administrators only", async () => {
    await signInReader();
    await expect(getOwnerAlerts()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
