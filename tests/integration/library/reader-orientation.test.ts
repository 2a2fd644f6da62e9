import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getReaderShell } from "@/lib/library/reader-shell";
import { getReadingPace } from "@/lib/reading/pace";
import { DEFAULT_WORDS_PER_MINUTE } from "@/lib/reading/time-left";
import { createPublication, createUser } from "@/tests/support/factories";

const words = (n: number) => `<p>${Array.from({ length: n }, (_, i) => `w${i}`).join(" ")}</p>`;

describe("reader orientation on the server", () => {
  it("opens a first reading on the first chapter with text after the landmark, not on its divider pages", async () => {
    const book = await createPublication({ slug: "dividers", isFree: true, chapters: [words(300), words(200), words(2), words(3), words(4_000)] });
    await prisma.publication.update({ where: { id: book.id }, data: { startChapter: 2 } });
    const shell = await getReaderShell({ viewer: { userId: null }, slug: "dividers" });
    expect(shell).toMatchObject({ access: true, startChapter: 4 });
  });

  it("measures the person's pace from their reading clock, across books, capped for skimming", async () => {
    const reader = await createUser();
    expect(await getReadingPace(reader.id)).toEqual({ wordsPerMinute: DEFAULT_WORDS_PER_MINUTE, measuredMinutes: 0 });
    const a = await createPublication({ chapters: [words(6_000), words(6_000)] });
    const b = await createPublication({ chapters: [words(30_000)] });
    const wordCount = async (publicationId: string, index: number) =>
      (await prisma.chapter.findFirstOrThrow({ where: { publicationId, index } })).wordCount;
    // 30 minutes over 9,000 words: 300 a minute.
    await prisma.chapterReading.createMany({ data: [
      { userId: reader.id, publicationId: a.id, chapterIndex: 0, activeSeconds: 1_200, furthest: 1 },
      { userId: reader.id, publicationId: a.id, chapterIndex: 1, activeSeconds: 600, furthest: 0.5 },
      // Scrolled to the end of a long chapter in a minute: counts 600 words, not 30,000.
      { userId: reader.id, publicationId: b.id, chapterIndex: 0, activeSeconds: 60, furthest: 1 },
    ] });
    const covered = (await wordCount(a.id, 0)) + (await wordCount(a.id, 1)) * 0.5 + 600;
    const pace = await getReadingPace(reader.id);
    expect(pace.measuredMinutes).toBe(31);
    expect(pace.wordsPerMinute).toBe(Math.round((covered + DEFAULT_WORDS_PER_MINUTE * 10) / (31 + 10)));
    // Someone else's reading is not theirs.
    expect((await getReadingPace((await createUser()).id)).wordsPerMinute).toBe(DEFAULT_WORDS_PER_MINUTE);
    expect(await getReadingPace(null)).toEqual({ wordsPerMinute: DEFAULT_WORDS_PER_MINUTE, measuredMinutes: 0 });
  });

  it("gives the reader shell the person's pace", async () => {
    const book = await createPublication({ slug: "paced", isFree: true, chapters: [words(20_000)] });
    const reader = await createUser();
    await prisma.chapterReading.create({ data: { userId: reader.id, publicationId: book.id, chapterIndex: 0, activeSeconds: 3_600, furthest: 1 } });
    const shell = await getReaderShell({ viewer: { userId: reader.id }, slug: "paced" });
    expect(shell).toMatchObject({ access: true, pace: { measuredMinutes: 60 } });
    if (!shell?.access) throw new Error("no access");
    expect(shell.pace.wordsPerMinute).toBe(Math.round((20_001 + DEFAULT_WORDS_PER_MINUTE * 10) / 70));
  });
});
