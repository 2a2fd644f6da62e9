import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { exportJWK, generateKeyPair } from "jose";
import { POST as heartbeat } from "@/app/api/reading/publications/[slug]/heartbeat/route";
import { enqueueScoreDelivery } from "@/lib/courses/grade-sync";
import { getScoreDeliveries, retryFailedScores } from "@/lib/courses/score-deliveries";
import { prisma } from "@/lib/db";
import { configureJobQueue, getJobQueue } from "@/lib/jobs/queue";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/workers";
import { listPublicJwks } from "@/lib/lti/keys";
import { clearServiceTokens } from "@/lib/lti/services/token";
import { createAdminUser, createLti13Integration, createPlan, createPublication, createUser, grantPlan } from "@/tests/support/factories";
import { AGS_SCOPES, PlatformServices, type ReceivedScore } from "@/tests/support/platform-services";
import { signInAs } from "@/tests/support/request-context";

// Grades back to the LMS, end to end: a student's heartbeats mark chapters read, the share of the
// graded link changes, a pg-boss job posts the score to the test platform's AGS endpoints (real
// HTTP, real token requests with a signed assertion), and failures are retried or shown.

const FAST = { pollingIntervalSeconds: 0.5, retryDelaySeconds: 1, retryLimit: 10, scoreThrottleSeconds: 1 };
let services: PlatformServices;

beforeAll(async () => {
  services = await PlatformServices.start(listPublicJwks);
  configureJobQueue(FAST);
});

afterAll(async () => {
  await stopJobWorkers();
  await services.close();
});

beforeEach(async () => {
  clearServiceTokens();
  services.mode = "ok";
  services.refuseScores = null;
  services.toolKeys = listPublicJwks;
  services.scores.length = 0;
  services.tokenRequests.length = 0;
  services.problems.length = 0;
  services.assertionProblems.length = 0;
  services.lineItems.clear();
  services.lineItemReads = 0;
  services.revokeTokens();
  // Jobs of earlier tests name rows that no longer exist; start each test with an empty queue.
  await (await getJobQueue()).clearStorage();
  await startJobWorkers(FAST);
});

const slug = "graded-book";
const words = (n: number) => `<p>${Array.from({ length: n }, (_, i) => `w${i}`).join(" ")}</p>`;

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function elapse(seconds: number) {
  await prisma.$executeRaw`update "ReadingSession" set "lastActiveAt" = "lastActiveAt" - make_interval(secs => ${seconds}),
    "startedAt" = "startedAt" - make_interval(secs => ${seconds})`;
  await prisma.$executeRaw`update "ReadingClock" set "countedUntil" = "countedUntil" - make_interval(secs => ${seconds})`;
}

/** A course with a graded link on a two-chapter book (100 words each: 10 s each), and a student in it. */
async function course(link: { lineItem?: "platform" | "create"; scoreMaximum?: number | null; scopes?: string[] } = {}) {
  const book = await createPublication({ slug, chapters: [words(100), words(100)] });
  const student = await createUser();
  await grantPlan(student.id, (await createPlan({ publicationIds: [book.id] })).id);
  const integration = await createLti13Integration({
    issuer: "https://lms.example.test", clientId: services.clientId, authUrl: "https://lms.example.test/auth",
    jwksUrl: "https://lms.example.test/jwks", deploymentId: "d1",
  });
  await prisma.integration.update({ where: { id: integration.id }, data: { tokenUrl: services.tokenUrl } });
  const lineItemUrl = (link.lineItem ?? "platform") === "platform" ? services.addLineItem({ label: "Week 3 reading", scoreMaximum: 40, resourceLinkId: "rl-1" }) : null;
  const courseRow = await prisma.course.create({ data: { integrationId: integration.id, contextId: "ctx-1", title: "Biology 101" } });
  const resourceLink = await prisma.resourceLink.create({
    data: {
      integrationId: integration.id, courseId: courseRow.id, linkId: "rl-1", title: "Week 3 reading", publicationId: book.id,
      lineItemUrl, lineItemsUrl: services.lineItemsUrl, scoreMaximum: link.scoreMaximum === undefined ? null : link.scoreMaximum,
      agsScopes: link.scopes ?? [AGS_SCOPES.lineItem, AGS_SCOPES.score],
    },
  });
  await prisma.courseMembership.create({ data: { courseId: courseRow.id, userId: student.id, subject: "lms-user-7", roles: ["Learner"] } });
  await signInAs(student);
  return { book, student, integration, resourceLink };
}

let sitting = 0;
async function readChapter(chapterIndex: number) {
  const id = `sitting-${++sitting}-${chapterIndex}`;
  const send = (activeSeconds: number, position: number) => heartbeat(
    new Request("http://localhost:3000/api/reading/x", {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ clientSessionId: id, activeSeconds, chapterIndex, position }),
    }),
    { params: Promise.resolve({ slug }) },
  );
  expect((await send(4, 0.4)).status).toBe(200);
  await elapse(20);
  expect((await send(24, 1)).status).toBe(200);
}

const syncOf = (resourceLinkId: string, userId: string) =>
  prisma.scoreSync.findUnique({ where: { resourceLinkId_userId: { resourceLinkId, userId } } });

const final = () => services.scores.find((s) => s.activityProgress === "Completed");

describe("grades back to the LMS", () => {
  it("posts scores with the AGS shapes as the share grows, a final one on completion, with one token for them all", async () => {
    const { student, resourceLink } = await course();
    await readChapter(0);
    await until("a partial score", async () => services.scores.find((s) => s.activityProgress === "InProgress"));
    await readChapter(1);
    const last = await until("the final score", async () => final());

    expect(services.assertionProblems).toEqual([]);
    expect(services.problems).toEqual([]);
    // The line item's maximum was unknown: read once from the platform, then kept.
    expect(services.lineItemReads).toBe(1);
    expect((await prisma.resourceLink.findUniqueOrThrow({ where: { id: resourceLink.id } })).scoreMaximum).toBe(40);

    const partial = services.scores.find((s) => s.activityProgress === "InProgress")!;
    expect(partial).toMatchObject({ userId: "lms-user-7", scoreGiven: 20, scoreMaximum: 40, gradingProgress: "Pending", query: "?type_id=7" });
    expect(last).toMatchObject<Partial<ReceivedScore>>({ userId: "lms-user-7", scoreGiven: 40, scoreMaximum: 40, gradingProgress: "FullyGraded" });
    for (const s of services.scores) expect(s.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    // Scores never go down, and each follows an earlier one in time.
    const given = services.scores.map((s) => s.scoreGiven);
    expect([...given].sort((a, b) => a - b)).toEqual(given);

    // One token per scope set, however many scores.
    const scoreTokens = services.tokenRequests.filter((r) => r.scopes.includes(AGS_SCOPES.score));
    expect(services.scores.length).toBeGreaterThanOrEqual(2);
    expect(scoreTokens).toHaveLength(1);

    await until("the row marked sent", async () => (await syncOf(resourceLink.id, student.id))?.status === "SENT");
    expect(await syncOf(resourceLink.id, student.id)).toMatchObject({ share: 1, completed: true, sentShare: 1, sentCompleted: true, attempts: 0, lastError: null });
  });

  it("creates the line item when the link is graded but the platform gave none, once", async () => {
    const { resourceLink } = await course({ lineItem: "create", scoreMaximum: 25 });
    await readChapter(0);
    await readChapter(1);
    const last = await until("the final score", async () => final());
    expect(services.lineItems.size).toBe(1);
    const [item] = [...services.lineItems.values()];
    expect(item).toMatchObject({ label: "Week 3 reading", scoreMaximum: 25, resourceLinkId: "rl-1" });
    expect(last).toMatchObject({ lineItemId: item!.id, scoreGiven: 25, scoreMaximum: 25 });
    expect((await prisma.resourceLink.findUniqueOrThrow({ where: { id: resourceLink.id } })).lineItemUrl).toBe(item!.id);
    expect(services.problems).toEqual([]);
  });

  it("retries while the platform is down and delivers after it comes back, across a worker restart", async () => {
    const { student, resourceLink } = await course({ scoreMaximum: 40 });
    services.mode = "down";
    await readChapter(0);
    await readChapter(1);
    const failing = await until("a failed attempt", async () => {
      const row = await syncOf(resourceLink.id, student.id);
      return row && row.attempts >= 1 && row.completed ? row : null;
    });
    expect(failing.status).toBe("PENDING");
    expect(failing.lastError).toContain("LTI_SERVICE_UNREACHABLE");

    // The server stops; the platform is unreachable for a while, then back. A new worker finds the job.
    await stopJobWorkers();
    await services.goAway();
    await new Promise((r) => setTimeout(r, 300));
    await services.comeBack();
    await startJobWorkers(FAST);
    const last = await until("the final score after the restart", async () => final(), 30_000);
    expect(last).toMatchObject({ userId: "lms-user-7", scoreGiven: 40, gradingProgress: "FullyGraded" });
    await until("the row marked sent", async () => (await syncOf(resourceLink.id, student.id))?.status === "SENT");
  }, 45_000);

  it("marks a refused score FAILED with the platform's reason, shows it to the admin, and retries on request", async () => {
    const { student, resourceLink, integration } = await course({ scoreMaximum: 40 });
    services.refuseScores = { status: 400, reason: "User lms-user-7 is not enrolled in this course" };
    await readChapter(0);
    await readChapter(1);
    const failed = await until("a FAILED row", async () => {
      const row = await syncOf(resourceLink.id, student.id);
      return row?.status === "FAILED" && row.completed ? row : null;
    });
    expect(failed.lastError).toContain("LTI_SERVICE_REFUSED");
    expect(failed.lastError).toContain("not enrolled");
    // One refused delivery, or two when the throttled partial score left before the final one
    // (a slow machine): either way a refusal is not retried, though retries come every second here.
    expect(failed.attempts).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await syncOf(resourceLink.id, student.id))).toMatchObject({ status: "FAILED", attempts: failed.attempts });

    const admin = await createAdminUser();
    await signInAs(admin);
    const shown = await getScoreDeliveries(integration.id);
    expect(shown).toMatchObject({ failed: 1, pending: 0 });
    expect(shown.latestFailures[0]).toMatchObject({ publicId: student.publicId, linkTitle: "Week 3 reading", attempts: 1 });
    expect(shown.latestFailures[0]!.error).toContain("not enrolled");

    services.refuseScores = null;
    expect(await retryFailedScores(integration.id)).toBe(1);
    await until("the final score after the retry", async () => final());
    await until("the row marked sent", async () => (await syncOf(resourceLink.id, student.id))?.status === "SENT");

    await signInAs(student);
    await expect(getScoreDeliveries(integration.id)).rejects.toThrow();
    await expect(retryFailedScores(integration.id)).rejects.toThrow();
  });

  it("is refused a token when its assertion does not verify against the keys the platform trusts", async () => {
    const { student, resourceLink } = await course({ scoreMaximum: 40 });
    const { publicKey } = await generateKeyPair("RS256");
    const stranger = { ...(await exportJWK(publicKey)), kid: (await listPublicJwks())[0]!.kid, alg: "RS256" };
    services.toolKeys = async () => [stranger]; // same kid, another key: only a real signature check notices
    await readChapter(0);
    await readChapter(1);
    const failed = await until("a FAILED row", async () => {
      const row = await syncOf(resourceLink.id, student.id);
      return row?.status === "FAILED" && row.completed ? row : null;
    });
    expect(failed.lastError).toContain("LTI_TOKEN_REFUSED");
    expect(services.assertionProblems.some((p) => p.includes("signature"))).toBe(true);
    expect(services.scores).toEqual([]);
  });

  it("asks for a new token once when the platform drops the cached one (401)", async () => {
    const { student, resourceLink } = await course({ scoreMaximum: 40 });
    await readChapter(0);
    await until("a partial score", async () => services.scores.find((s) => s.activityProgress === "InProgress"));
    services.revokeTokens();
    await readChapter(1);
    await until("the final score", async () => final());
    expect(services.tokenRequests.filter((r) => r.scopes.includes(AGS_SCOPES.score))).toHaveLength(2);
    await until("the row marked sent", async () => (await syncOf(resourceLink.id, student.id))?.status === "SENT");
  });

  it("drains a backlog of many batches at once, without a polling interval between them, each score once", async () => {
    const { resourceLink } = await course({ scoreMaximum: 40 });
    const people = Array.from({ length: 300 }, (_, i) => ({ id: `backlog-${i}`, publicId: `BKLG${String(i).padStart(4, "0")}` }));
    await prisma.user.createMany({ data: people });
    await prisma.courseMembership.createMany({ data: people.map((p) => ({ courseId: resourceLink.courseId!, userId: p.id, subject: `lms-${p.id}`, roles: ["Learner"] })) });
    await prisma.scoreSync.createMany({ data: people.map((p) => ({ resourceLinkId: resourceLink.id, userId: p.id, share: 0.5 })) });
    // Queued while no worker runs; then workers that would sleep a minute between fetches.
    await stopJobWorkers();
    for (const p of people) await enqueueScoreDelivery({ resourceLinkId: resourceLink.id, userId: p.id }, { now: true });
    try {
      await startJobWorkers({ pollingIntervalSeconds: 60 });
      await until("every score of the backlog", async () => services.scores.length >= people.length, 20_000);
      expect(new Set(services.scores.map((s) => s.userId)).size).toBe(people.length);
      await until("every row sent", async () => (await prisma.scoreSync.count({ where: { resourceLinkId: resourceLink.id, status: "SENT" } })) === people.length);
    } finally {
      await stopJobWorkers();
      configureJobQueue(FAST);
    }
  }, 45_000);

  it("enqueues nothing for a book without graded links", async () => {
    const { student, resourceLink } = await course({ scoreMaximum: 40, scopes: [AGS_SCOPES.lineItem] }); // no score scope
    await readChapter(0);
    await readChapter(1);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await syncOf(resourceLink.id, student.id)).toBeNull();
    expect(services.scores).toEqual([]);
  });
});
