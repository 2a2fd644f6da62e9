import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createPublication } from "@/tests/support/factories";

const MIGRATION = "prisma/migrations/20261130012500_strip_book_classes/migration.sql";

describe("the migration for chapters stored before classes were namespaced", () => {
  // Text as sanitize-html stores it: a double quote in text is written as &quot;.
  it("removes the book's own classes, keeps namespaced ones, the text and everything else", async () => {
    await createPublication({
      slug: "old-book",
      chapters: [
        `<div class="fixed inset-0 z-50 bg-white" id="x"><p class="calibre1">Text with class=&quot;quoted&quot; &quot;words&quot;</p></div>`,
        `<p class="bk-calibre1">new</p><p>plain</p>`,
      ],
    });
    await prisma.$executeRawUnsafe(readFileSync(MIGRATION, "utf8"));
    const html = (await prisma.chapter.findMany({ orderBy: { index: "asc" }, select: { html: true } })).map((c) => c.html);
    expect(html).toEqual([
      `<div id="x"><p>Text with class=&quot;quoted&quot; &quot;words&quot;</p></div>`,
      `<p class="bk-calibre1">new</p><p>plain</p>`,
    ]);
  });
});
