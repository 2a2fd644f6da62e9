import { describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/reading/publications/[slug]/annotations/route";
import { GET as exportNotes } from "@/app/api/reading/publications/[slug]/annotations/export/route";
import { DELETE as remove, PATCH as patch } from "@/app/api/reading/annotations/[id]/route";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { deleteAnnotation, updateAnnotation } from "@/lib/reading/annotations";
import { createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

const url = "http://localhost:3000/api/reading";
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const jsonRequest = (method: string, path: string, body: unknown, origin = "http://localhost:3000") =>
  new Request(`${url}${path}`, { method, headers: { "content-type": "application/json", origin }, body: JSON.stringify(body) });

const highlight = { kind: "HIGHLIGHT", chapterIndex: 0, startOffset: 4, endOffset: 16, quote: "chapter one", color: "green", note: "Good *start*" };

async function setup() {
  const book = await createPublication({ slug: "notes-book", isFree: true, title: "Notes Book" });
  const [alice, mallory] = [await createUser({ name: "Alice" }), await createUser({ name: "Mallory" })];
  return { book, alice, mallory };
}

describe("highlights and notes", () => {
  it("creates, lists, edits, exports and deletes the person's own annotations", async () => {
    const { alice } = await setup();
    await signInAs(alice);
    const created = await create(jsonRequest("POST", "/publications/notes-book/annotations", highlight), params({ slug: "notes-book" }));
    expect(created.status).toBe(201);
    const { annotation } = await created.json();
    expect(annotation).toMatchObject({ kind: "HIGHLIGHT", chapterIndex: 0, startOffset: 4, endOffset: 16, color: "green" });
    await create(jsonRequest("POST", "/publications/notes-book/annotations", { kind: "NOTE", note: "Whole-book thought" }), params({ slug: "notes-book" }));

    const edited = await patch(jsonRequest("PATCH", `/annotations/${annotation.id}`, { color: "pink", note: null }), params({ id: annotation.id }));
    expect((await edited.json()).annotation).toMatchObject({ color: "pink", note: null });

    const listed = await (await list(new Request(`${url}/publications/notes-book/annotations`), params({ slug: "notes-book" }))).json();
    expect(listed.annotations.map((a: { kind: string }) => a.kind)).toEqual(["HIGHLIGHT", "NOTE"]);

    const exported = await exportNotes(new Request(`${url}/publications/notes-book/annotations/export`), params({ slug: "notes-book" }));
    expect(exported.headers.get("content-type")).toMatch(/^text\/markdown/);
    expect(exported.headers.get("content-disposition")).toContain("notes-book-notes.md");
    const markdown = await exported.text();
    expect(markdown).toContain("# Notes Book");
    expect(markdown).toContain("## Chapter 1\n\n> chapter one\n\n*pink highlight*");
    expect(markdown).toContain("## Notes on the book\n\n- **Note:** Whole-book thought");

    expect((await remove(new Request(`${url}/annotations/${annotation.id}`, { method: "DELETE" }), params({ id: annotation.id }))).status).toBe(204);
    expect(await prisma.annotation.count({ where: { userId: alice.id } })).toBe(1);
  });

  it("refuses bad input: unknown colour, inverted offsets, chapter out of range", async () => {
    const { alice } = await setup();
    await signInAs(alice);
    for (const body of [{ ...highlight, color: "chartreuse" }, { ...highlight, endOffset: 2 }, { ...highlight, chapterIndex: 9 }]) {
      const response = await create(jsonRequest("POST", "/publications/notes-book/annotations", body), params({ slug: "notes-book" }));
      expect(response.status).toBe(422);
    }
  });

  it("never lets one person see, change or delete another's annotations by id", async () => {
    const { alice, mallory, book } = await setup();
    const mine = await prisma.annotation.create({
      data: { userId: alice.id, publicationId: book.id, kind: "HIGHLIGHT", chapterIndex: 0, startOffset: 0, endOffset: 7, quote: "Chapter", color: "yellow", note: "private" },
    });
    await signInAs(mallory);
    const listed = await (await list(new Request(`${url}/publications/notes-book/annotations`), params({ slug: "notes-book" }))).json();
    expect(listed.annotations).toEqual([]);
    const edit = await patch(jsonRequest("PATCH", `/annotations/${mine.id}`, { note: "pwned" }), params({ id: mine.id }));
    expect(edit.status).toBe(404);
    const del = await remove(new Request(`${url}/annotations/${mine.id}`, { method: "DELETE" }), params({ id: mine.id }));
    expect(del.status).toBe(404);
    expect(await (await exportNotes(new Request(`${url}/x`), params({ slug: "notes-book" }))).text()).not.toContain("private");
    await expect(updateAnnotation({ userId: mallory.id, id: mine.id, changes: { color: "blue" } })).rejects.toBeInstanceOf(AppError);
    await expect(deleteAnnotation({ userId: mallory.id, id: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await prisma.annotation.findUniqueOrThrow({ where: { id: mine.id } })).toMatchObject({ note: "private", color: "yellow" });
  });

  it("refuses writes from another site and from visitors", async () => {
    await setup();
    const foreign = await create(jsonRequest("POST", "/publications/notes-book/annotations", highlight, "https://evil.test"), params({ slug: "notes-book" }));
    expect(foreign.status).toBe(403);
    const anonymous = await create(jsonRequest("POST", "/publications/notes-book/annotations", highlight), params({ slug: "notes-book" }));
    expect(anonymous.status).toBe(401);
  });

  it("refuses highlights in a book the person may not read", async () => {
    const { alice } = await setup();
    await createPublication({ slug: "paid-notes" });
    await signInAs(alice);
    const response = await create(jsonRequest("POST", "/publications/paid-notes/annotations", highlight), params({ slug: "paid-notes" }));
    expect(response.status).toBe(403);
  });
});
