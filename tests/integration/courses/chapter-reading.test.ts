import { describe, expect, it } from "vitest";
import { POST as heartbeat } from "@/app/api/reading/publications/[slug]/heartbeat/route";
import { secondsToRead } from "@/lib/courses/reading-share";
import { prisma } from "@/lib/db";
import { createPlan, createPublication, createUser, grantPlan } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

// The heartbeat feeds per-chapter reading: what counts toward a chapter is the time the person's
// reading clock granted, and a chapter is read only with its end reached AND enough time in it.

const slug = "chaptered-book";
const words = (n: number) => `<p>${Array.from({ length: n }, (_, i) => `word${i}`).join(" ")}</p>`;

async function beat(body: Record<string, unknown>): Promise<Response> {
  return heartbeat(
    new Request("http://localhost:3000/api/reading/x", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve({ slug }) },
  );
}

/** As if `seconds` of wall-clock time had passed for every sitting and clock. */
async function elapse(seconds: number) {
  await prisma.$executeRaw`update "ReadingSession" set "lastActiveAt" = "lastActiveAt" - make_interval(secs => ${seconds}),
    "startedAt" = "startedAt" - make_interval(secs => ${seconds})`;
  await prisma.$executeRaw`update "ReadingClock" set "countedUntil" = "countedUntil" - make_interval(secs => ${seconds})`;
}

async function reader() {
  // 600 words need 60 s; 2000 words need 200 s.
  const book = await createPublication({ slug, chapters: [words(600), words(2000), words(10)] });
  const user = await createUser();
  await grantPlan(user.id, (await createPlan({ publicationIds: [book.id] })).id);
  await signInAs(user);
  const chapters = await prisma.chapter.findMany({ where: { publicationId: book.id }, orderBy: { index: "asc" } });
  expect(secondsToRead(chapters[0]!.wordCount)).toBe(60);
  return { book, user };
}

const reading = (userId: string, publicationId: string, chapterIndex: number) =>
  prisma.chapterReading.findUnique({ where: { userId_publicationId_chapterIndex: { userId, publicationId, chapterIndex } } });

describe("per-chapter reading from the heartbeat", () => {
  it("does not count a chapter scrolled to its end quickly", async () => {
    const { book, user } = await reader();
    expect((await beat({ clientSessionId: "sitting-scroll", activeSeconds: 10, chapterIndex: 0, position: 1 })).status).toBe(200);
    expect(await reading(user.id, book.id, 0)).toMatchObject({ activeSeconds: 10, furthest: 1, readAt: null });
  });

  it("does not count time spent without reaching the end", async () => {
    const { book, user } = await reader();
    await beat({ clientSessionId: "sitting-slow", activeSeconds: 60, chapterIndex: 0, position: 0.5 });
    await elapse(60);
    await beat({ clientSessionId: "sitting-slow", activeSeconds: 120, chapterIndex: 0, position: 0.9 });
    expect(await reading(user.id, book.id, 0)).toMatchObject({ activeSeconds: 120, furthest: 0.9, readAt: null });
  });

  it("counts a chapter read to its end with enough time, and never unmarks it", async () => {
    const { book, user } = await reader();
    await beat({ clientSessionId: "sitting-read", activeSeconds: 40, chapterIndex: 0, position: 0.6 });
    expect((await reading(user.id, book.id, 0))!.readAt).toBeNull();
    await elapse(30);
    await beat({ clientSessionId: "sitting-read", activeSeconds: 70, chapterIndex: 0, position: 0.97 });
    const read = await reading(user.id, book.id, 0);
    expect(read).toMatchObject({ activeSeconds: 70, furthest: 0.97 });
    expect(read!.readAt).toBeInstanceOf(Date);
    // Scrolling back up later lowers nothing and unmarks nothing.
    await elapse(30);
    await beat({ clientSessionId: "sitting-read", activeSeconds: 100, chapterIndex: 0, position: 0.1 });
    expect(await reading(user.id, book.id, 0)).toMatchObject({ activeSeconds: 100, furthest: 0.97, readAt: read!.readAt });
  });

  it("grants a chapter only what the clock granted, not the seconds a beat claims", async () => {
    const { book, user } = await reader();
    await beat({ clientSessionId: "sitting-forge", activeSeconds: 30, chapterIndex: 1, position: 0.5 });
    // No time passes; the beat claims hours and the chapter's end.
    const forged = await beat({ clientSessionId: "sitting-forge", activeSeconds: 20_000, chapterIndex: 1, position: 1 });
    expect(forged.status).toBe(200);
    const counted = (await forged.json()).activeSeconds as number;
    expect(counted).toBeLessThanOrEqual(36);
    // A new made-up sitting gets nothing the clock has not got either.
    await beat({ clientSessionId: "sitting-forge-2", activeSeconds: 5000, chapterIndex: 1, position: 1 });
    const sessions = await prisma.readingSession.aggregate({ where: { userId: user.id }, _sum: { activeSeconds: true } });
    const chapter = await reading(user.id, book.id, 1);
    expect(chapter!.activeSeconds).toBe(sessions._sum.activeSeconds);
    expect(chapter!.activeSeconds).toBeLessThan(secondsToRead(2000));
    expect(chapter).toMatchObject({ furthest: 1, readAt: null });
  });

  it("keeps old readers working and refuses a chapter the book does not have", async () => {
    const { user } = await reader();
    expect((await beat({ clientSessionId: "sitting-old", activeSeconds: 30 })).status).toBe(200);
    expect(await prisma.chapterReading.count({ where: { userId: user.id } })).toBe(0);
    expect((await beat({ clientSessionId: "sitting-old", activeSeconds: 31, chapterIndex: 3, position: 0.5 })).status).toBe(422);
    expect((await beat({ clientSessionId: "sitting-old", activeSeconds: 31, chapterIndex: 2, position: 1.5 })).status).toBe(422);
  });
});
