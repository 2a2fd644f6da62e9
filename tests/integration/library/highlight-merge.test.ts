import { describe, expect, it } from "vitest";
import { POST as create } from "@/app/api/reading/publications/[slug]/annotations/route";
import { prisma } from "@/lib/db";
import { saveAnnotation } from "@/lib/reading/annotations";
import { createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

// The chapter's text, as the reader measures offsets in it.
const TEXT = "“Heavens! what a virulent attack!” replied the prince, not in the least disconcerted.";
const span = (quote: string, from = 0) => {
  const start = TEXT.indexOf(quote, from);
  if (start < 0) throw new Error(`not in the text: ${quote}`);
  return { kind: "HIGHLIGHT" as const, chapterIndex: 0, startOffset: start, endOffset: start + quote.length, quote };
};
const post = (body: unknown) =>
  create(new Request("http://localhost:3000/api/reading/publications/merge-book/annotations", {
    method: "POST", headers: { "content-type": "application/json", origin: "http://localhost:3000" }, body: JSON.stringify(body),
  }), { params: Promise.resolve({ slug: "merge-book" }) });

async function setup() {
  const book = await createPublication({ slug: "merge-book", isFree: true, title: "Merge Book" });
  const alice = await createUser({ name: "Alice" });
  return { book, alice };
}

describe("overlapping highlights merge", () => {
  it("merges a highlight into the one it overlaps: one passage, the new colour, both notes", async () => {
    const { alice } = await setup();
    await signInAs(alice);
    const first = await (await post({ ...span("what a virulent attack!"), color: "yellow", note: "Irony." })).json();
    const response = await post({ ...span("attack!” replied the prince"), color: "green", note: "His reply." });
    expect(response.status).toBe(201);
    const { annotation, replaced } = await response.json();
    expect(replaced).toEqual([]);
    expect(annotation.id).toBe(first.annotation.id);
    expect(annotation).toMatchObject({ quote: "what a virulent attack!” replied the prince", color: "green", note: "Irony.\n\nHis reply." });
    expect(TEXT.slice(annotation.startOffset, annotation.endOffset)).toBe(annotation.quote);
    expect(await prisma.annotation.count({ where: { userId: alice.id } })).toBe(1);
  });

  it("a highlight bridging two absorbs both; the oldest keeps its id, the other is named as replaced", async () => {
    const { alice } = await setup();
    const a = await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("Heavens!"), color: "blue" } });
    const b = await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("virulent attack"), color: "pink" } });
    expect(b.replaced).toEqual([]);
    expect(await prisma.annotation.count({ where: { userId: alice.id } })).toBe(2);
    const bridge = await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("Heavens! what a virulent"), color: "yellow" } });
    expect(bridge.annotation.id).toBe(a.annotation.id);
    expect(bridge.replaced).toEqual([b.annotation.id]);
    expect(bridge.annotation.quote).toBe("Heavens! what a virulent attack");
    expect(await prisma.annotation.count({ where: { userId: alice.id } })).toBe(1);
  });

  it("highlighting the same passage twice leaves one highlight; a passage inside another adds nothing", async () => {
    const { alice } = await setup();
    await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("replied the prince"), color: "yellow" } });
    await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("replied the prince"), color: "yellow" } });
    const inner = await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("the"), color: "yellow" } });
    expect(inner.annotation.quote).toBe("replied the prince");
    expect(await prisma.annotation.count({ where: { userId: alice.id } })).toBe(1);
  });

  it("keeps apart: touching passages, other chapters, other people, and standalone notes", async () => {
    const { alice } = await setup();
    const bob = await createUser({ name: "Bob" });
    await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("Heavens"), color: "yellow" } });
    await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("! what"), color: "yellow" } }); // starts where "Heavens" ends
    await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("Heavens!"), chapterIndex: 1, color: "yellow" } });
    await saveAnnotation({ userId: bob.id, slug: "merge-book", annotation: { ...span("Heavens!"), color: "yellow" } });
    await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { kind: "NOTE", note: "On chapter one", chapterIndex: 0 } });
    expect(await prisma.annotation.count({ where: { userId: alice.id } })).toBe(4);
    expect(await prisma.annotation.count({ where: { userId: bob.id } })).toBe(1);
  });

  it("two overlapping highlights saved at the same moment end as one", async () => {
    const { alice } = await setup();
    await Promise.all([
      saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("what a virulent"), color: "yellow" } }),
      saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("virulent attack"), color: "yellow" } }),
    ]);
    const all = await prisma.annotation.findMany({ where: { userId: alice.id } });
    expect(all.map((h) => h.quote)).toEqual(["what a virulent attack"]);
  });

  it("refuses a merge whose notes together pass the limit, and changes nothing", async () => {
    const { alice } = await setup();
    await saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("Heavens!"), color: "yellow", note: "a".repeat(6_000) } });
    await expect(saveAnnotation({ userId: alice.id, slug: "merge-book", annotation: { ...span("Heavens! what"), color: "yellow", note: "b".repeat(6_000) } }))
      .rejects.toMatchObject({ code: "BAD_INPUT" });
    const [only] = await prisma.annotation.findMany({ where: { userId: alice.id } });
    expect(only).toMatchObject({ quote: "Heavens!", note: "a".repeat(6_000) });
  });
});
