import "./helpers";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { deletePublicationAction, savePublicationAction, setPublishedAction } from "@/app/admin/publications/actions";
import { countReadersByPublication } from "@/lib/publications/admin-detail";
import { createAdminUser, createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { accessStatusOf, formOf, redirectOf } from "./helpers";

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
    expect(await accessStatusOf(deletePublicationAction(book.id))).toBe(403);
    await signInAs(await createAdminUser());
    expect(await redirectOf(deletePublicationAction(book.id))).toBe(`/admin/publications?deleted=${encodeURIComponent(book.title)}`);
    expect(await prisma.publication.count()).toBe(0);
    expect(await prisma.annotation.count()).toBe(0);
  });
});
