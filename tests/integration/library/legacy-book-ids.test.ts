import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createPublication } from "@/tests/support/factories";

const MIGRATION = "prisma/migrations/20261130020000_namespace_book_ids/migration.sql";

describe("the migration for chapters stored before ids were namespaced", () => {
  it("prefixes the book's own ids with bk-, leaves namespaced ones, text and other attributes alone", async () => {
    await createPublication({
      slug: "old-book-ids",
      chapters: [
        `<p id="__next_f">a</p><h2 id="ch1" class="bk-x">Text with id=&quot;quoted&quot;</h2><a href="#ch1" aria-hidden="true">c</a>`,
        `<p id="bk-new">new</p><p>plain</p>`,
      ],
    });
    await prisma.$executeRawUnsafe(readFileSync(MIGRATION, "utf8"));
    const html = (await prisma.chapter.findMany({ orderBy: { index: "asc" }, select: { html: true } })).map((c) => c.html);
    expect(html).toEqual([
      `<p id="bk-__next_f">a</p><h2 id="bk-ch1" class="bk-x">Text with id=&quot;quoted&quot;</h2><a href="#ch1" aria-hidden="true">c</a>`,
      `<p id="bk-new">new</p><p>plain</p>`,
    ]);
  });
});
