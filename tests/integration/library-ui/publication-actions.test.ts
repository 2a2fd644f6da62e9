import "./helpers";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { deletePublicationAction, savePublicationAction, setPublishedAction, uploadPublicationAction } from "@/app/admin/publications/actions";
import { countReadersByPublication, getPublicationForAdmin } from "@/lib/publications/admin-detail";
import { createAdminUser, createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { buildEpub } from "@/tests/support/epub";
import { formOf, redirectOf } from "./helpers";

const epubFile = async (bytes?: Uint8Array) => new File([new Uint8Array(bytes ?? (await buildEpub()))], "book.epub", { type: "application/epub+zip" });

describe("uploadPublicationAction", () => {
  it("stores a good EPUB and opens its page", async () => {
    await signInAs(await createAdminUser());
    const to = await redirectOf(uploadPublicationAction({}, formOf({ file: await epubFile(), slug: "" })));
    const created = await prisma.publication.findFirstOrThrow({ select: { id: true, slug: true, published: true } });
    expect(to).toBe(`/admin/publications/${created.id}?uploaded=1`);
    expect(created).toMatchObject({ slug: "a-tiny-book", published: false });
    expect((await getPublicationForAdmin(created.id))?.chapters.map((c) => c.index)).toEqual([0, 1]);
  });

  it("answers a file that is not an EPUB next to the file field, keeps the address typed, and stores nothing", async () => {
    await signInAs(await createAdminUser());
    const state = await uploadPublicationAction({}, formOf({ file: await epubFile(new TextEncoder().encode("not a zip")), slug: "my-book" }));
    expect(state.fields?.file).toMatch(/not an EPUB|zip/i);
    expect(state.values).toEqual({ slug: "my-book" });
    expect(await prisma.publication.count()).toBe(0);
  });

  it("asks for a file when none was chosen, and reports a taken address on the address field", async () => {
    await signInAs(await createAdminUser());
    const empty = await uploadPublicationAction({}, formOf({ file: new File([], ""), slug: "" }));
    expect(empty.fields?.file).toBe("Choose an EPUB file to upload.");
    await createPublication({ slug: "taken" });
    const taken = await uploadPublicationAction({}, formOf({ file: await epubFile(), slug: "taken" }));
    expect(taken.fields?.slug).toBe("Already in use.");
    expect(taken.message).toMatch(/already exists/);
    expect(await prisma.publication.count()).toBe(1);
  });

  it("refuses a reader and a visitor", async () => {
    const visitor = await uploadPublicationAction({}, formOf({ file: await epubFile(), slug: "" }));
    expect(visitor.fields?.file).toMatch(/Sign in/);
    await signInAs(await createUser());
    const reader = await uploadPublicationAction({}, formOf({ file: await epubFile(), slug: "" }));
    expect(reader.fields?.file).toMatch(/administrators/);
    expect(await prisma.publication.count()).toBe(0);
  });
});

describe("savePublicationAction and friends", () => {
  it("reports every bad field at once and keeps what was typed", async () => {
    await signInAs(await createAdminUser());
    const book = await createPublication({ title: "Before" });
    const state = await savePublicationAction(book.id, {}, formOf({ title: " ", author: "Someone", description: "", price: "4,99" }));
    expect(state.fields).toMatchObject({ title: "Give the publication a title.", price: expect.stringMatching(/4\.99/) });
    expect(state.values).toMatchObject({ author: "Someone", price: "4,99" });
    expect((await prisma.publication.findUniqueOrThrow({ where: { id: book.id } })).title).toBe("Before");
  });

  it("saves the details in cents, with free meaning no price, and publishes separately", async () => {
    await signInAs(await createAdminUser());
    const book = await createPublication({ published: false });
    expect(await savePublicationAction(book.id, {}, formOf({ title: "New", author: "A. Writer", description: "About it", price: "12.50" }))).toMatchObject({ ok: true });
    expect(await prisma.publication.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({ title: "New", priceCents: 1250, isFree: false, description: "About it", published: false });
    await savePublicationAction(book.id, {}, formOf({ title: "New", author: "A. Writer", description: "", price: "12.50", isFree: "on" }));
    expect(await prisma.publication.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({ priceCents: 0, isFree: true, description: null });
    await setPublishedAction(book.id, true);
    expect((await prisma.publication.findUniqueOrThrow({ where: { id: book.id } })).published).toBe(true);
  });

  it("deletes a publication with everyone's notes after the confirmation, and only for an administrator", async () => {
    const book = await createPublication();
    const reader = await createUser();
    await prisma.annotation.create({ data: { userId: reader.id, publicationId: book.id, kind: "NOTE", note: "Mine" } });
    expect((await countReadersByPublication()).get(book.id)).toBe(1);
    await signInAs(reader);
    expect(await deletePublicationAction(book.id)).toEqual({ error: expect.stringMatching(/administrators/) });
    await signInAs(await createAdminUser());
    expect(await redirectOf(deletePublicationAction(book.id))).toBe(`/admin/publications?deleted=${encodeURIComponent(book.title)}`);
    expect(await prisma.publication.count()).toBe(0);
    expect(await prisma.annotation.count()).toBe(0);
  });
});
