import { describe, expect, it } from "vitest";
import { POST as heartbeat } from "@/app/api/reading/publications/[slug]/heartbeat/route";
import { GET as getProgress, PUT as putProgress } from "@/app/api/reading/publications/[slug]/progress/route";
import { GET as bookStats } from "@/app/api/reading/publications/[slug]/stats/route";
import { GET as myStats } from "@/app/api/reading/stats/route";
import { GET as adminStats } from "@/app/api/reading/admin/stats/route";
import { prisma } from "@/lib/db";
import { FIRST_BEAT_MAX_SECONDS } from "@/lib/reading/heartbeat";
import { createAdminUser, createPlan, createPublication, createUser, grantPlan } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

const url = "http://localhost:3000/api/reading";
const slugParams = (slug: string) => ({ params: Promise.resolve({ slug }) });
const send = (method: string, body: unknown) =>
  new Request(`${url}/x`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

async function beat(slug: string, clientSessionId: string, activeSeconds: number): Promise<number> {
  const response = await heartbeat(send("POST", { clientSessionId, activeSeconds }), slugParams(slug));
  expect(response.status).toBe(200);
  return (await response.json()).activeSeconds;
}

/** Moves every sitting's clock and every person's reading clock back, as if `seconds` of wall-clock time had passed. */
async function elapse(seconds: number) {
  await prisma.$executeRaw`update "ReadingSession" set "lastActiveAt" = "lastActiveAt" - make_interval(secs => ${seconds}),
    "startedAt" = "startedAt" - make_interval(secs => ${seconds})`;
  await prisma.$executeRaw`update "ReadingClock" set "countedUntil" = "countedUntil" - make_interval(secs => ${seconds})`;
}

const secondsCounted = async (userId: string) =>
  (await prisma.readingSession.aggregate({ where: { userId }, _sum: { activeSeconds: true } }))._sum.activeSeconds ?? 0;

async function reader() {
  const book = await createPublication({ slug: "timed-book", title: "Timed Book", chapters: ["<p>a</p>", "<p>b</p>", "<p>c</p>"] });
  const user = await createUser();
  await grantPlan(user.id, (await createPlan({ publicationIds: [book.id] })).id);
  await signInAs(user);
  return { book, user };
}

describe("reading time", () => {
  it("counts a sitting right through a lost beat and a repeated beat, and caps claims by the clock", async () => {
    await reader();
    const sitting = "sitting-one-abc";
    expect(await beat("timed-book", sitting, 30)).toBe(30);
    await elapse(30);
    expect(await beat("timed-book", sitting, 60)).toBe(60);
    await elapse(30); // the beat at 90 s is lost
    await elapse(30);
    expect(await beat("timed-book", sitting, 120)).toBe(120);
    expect(await beat("timed-book", sitting, 120)).toBe(120); // repeated
    await elapse(30);
    expect(await beat("timed-book", sitting, 150)).toBe(150);
    expect(await beat("timed-book", sitting, 90)).toBe(150); // the lost beat arrives late
    await elapse(10);
    expect(await beat("timed-book", sitting, 10_000)).toBe(165); // 10 s passed, plus 5 s slack

    // The same beat sent twice at once (a retry racing the original) counts once.
    await elapse(30);
    const [a, b] = await Promise.all([beat("timed-book", sitting, 10_030), beat("timed-book", sitting, 10_030)]);
    expect([a, b]).toEqual([195, 195]); // 195 s since the sitting began, plus 5 s slack, already partly used

    // A new sitting's first beat cannot claim more than the first-beat allowance (90 s), nor the
    // wall-clock time the first sitting already counted: the person's clock for the book has
    // counted up to 25 s ago (the last beat took 30 s of the 55 s since the one before).
    expect(await beat("timed-book", "sitting-two-xyz", 5_000)).toBe(25);

    const stats = (await (await bookStats(new Request(`${url}/x`), slugParams("timed-book"))).json()).stats;
    expect(stats).toMatchObject({ slug: "timed-book", seconds: 195 + 25, sessions: 2 });
  });

  it("counts 40 parallel beats from 40 made-up sittings as no more than the wall-clock time", async () => {
    const { user } = await reader();
    const started = Date.now();
    // A person who has never read the book: the first beat may claim up to the first-beat allowance.
    const first = await Promise.all(Array.from({ length: 40 }, (_, i) => beat("timed-book", `forged-a-${i}`, 90)));
    const firstWave = await secondsCounted(user.id);
    const wall = () => Math.ceil((Date.now() - started) / 1000);
    expect(first.reduce((a, b) => a + b, 0)).toBe(firstWave);
    expect(firstWave).toBeLessThanOrEqual(FIRST_BEAT_MAX_SECONDS + wall());

    // A minute later, 40 more sittings at once each claim an hour: together they get the minute.
    await elapse(60);
    const before = Date.now();
    await Promise.all(Array.from({ length: 40 }, (_, i) => beat("timed-book", `forged-b-${i}`, 3_600)));
    const secondWave = (await secondsCounted(user.id)) - firstWave;
    expect(secondWave).toBeGreaterThanOrEqual(60);
    expect(secondWave).toBeLessThanOrEqual(60 + Math.ceil((Date.now() - before) / 1000));
    // And the sittings of the first wave, beating again at once, have nothing left to claim.
    await Promise.all(Array.from({ length: 40 }, (_, i) => beat("timed-book", `forged-a-${i}`, 3_600)));
    expect((await secondsCounted(user.id)) - firstWave - secondWave).toBeLessThanOrEqual(Math.ceil((Date.now() - before) / 1000));
  });

  it("refuses beats for a book the person may not read, and malformed beats", async () => {
    await reader();
    await createPublication({ slug: "locked-book" });
    expect((await heartbeat(send("POST", { clientSessionId: "sitting-one-abc", activeSeconds: 5 }), slugParams("locked-book"))).status).toBe(403);
    expect((await heartbeat(send("POST", { clientSessionId: "x", activeSeconds: -1 }), slugParams("timed-book"))).status).toBe(422);
  });
});

describe("progress and statistics", () => {
  it("saves the position once per person and book, and reports it in My reading", async () => {
    const { user } = await reader();
    const saved = await putProgress(send("PUT", { chapterIndex: 1, position: 0.25, percent: 0.4 }), slugParams("timed-book"));
    expect(saved.status).toBe(200);
    await putProgress(send("PUT", { chapterIndex: 2, position: 0.5, percent: 0.8 }), slugParams("timed-book"));
    expect((await putProgress(send("PUT", { chapterIndex: 3, position: 0, percent: 1 }), slugParams("timed-book"))).status).toBe(422);
    const progress = (await (await getProgress(new Request(`${url}/x`), slugParams("timed-book"))).json()).progress;
    expect(progress).toMatchObject({ chapterIndex: 2, position: 0.5, percent: 0.8 });
    expect(await prisma.readingProgress.count({ where: { userId: user.id } })).toBe(1);

    await beat("timed-book", "sitting-one-abc", 45);
    const { books } = await (await myStats(new Request(`${url}/stats`))).json();
    expect(books).toEqual([expect.objectContaining({ slug: "timed-book", seconds: 45, sessions: 1, percent: 0.8, lastReadAt: expect.any(String) })]);
  });

  it("gives administrators totals per publication and person, most read, and readers per day", async () => {
    const { user } = await reader();
    await beat("timed-book", "sitting-one-abc", 60);
    const other = await createUser();
    await grantPlan(other.id, (await createPlan({ all: true })).id);
    await signInAs(other);
    await beat("timed-book", "sitting-two-xyz", 30);

    expect((await adminStats(new Request(`${url}/admin/stats`))).status).toBe(403);
    await signInAs(await createAdminUser());
    const view = async (q: string) => (await (await adminStats(new Request(`${url}/admin/stats?${q}`))).json()).rows;
    expect(await view("view=publications")).toEqual([expect.objectContaining({ slug: "timed-book", readers: 2, sessions: 2, seconds: 90 })]);
    const people = await view("view=people");
    expect(people.map((p: { userId: string; seconds: number }) => [p.userId, p.seconds])).toEqual([[user.id, 60], [other.id, 30]]);
    expect((await view("view=most-read&limit=1"))[0].slug).toBe("timed-book");
    const days = await view("view=active-readers&days=7");
    expect(days).toHaveLength(7);
    expect(days.at(-1)).toMatchObject({ readers: 2, seconds: 90 });
    expect(days[0]).toMatchObject({ readers: 0, seconds: 0 });
  });
});
