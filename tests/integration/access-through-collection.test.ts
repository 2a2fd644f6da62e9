import { describe, expect, it } from "vitest";
import { canRead } from "@/lib/access/can-read";
import { suspendedAccessFor } from "@/lib/access/suspended-access";
import { prisma } from "@/lib/db";
import { listMyLibrary } from "@/lib/library/my-library";
import { updateCatalogMetadata } from "@/lib/publications/metadata";
import { createPlan as savePlan, listPlans, updatePlan } from "@/lib/plans/plans";
import { createLti11Integration, createPlan, createPublication, createUser, grantPlan } from "@/tests/support/factories";

// Plans defined by collection (issue 14, item 2): a book that joins a collection joins every plan
// that includes the collection, with nobody editing the plan.

async function shelve(publicationId: string, collections: string[]) {
  await updateCatalogMetadata({ id: publicationId, isbn: "", publisher: "", language: "", publicationDate: "", subjects: [], collections, keywords: [] });
}

describe("access through a plan's collections", () => {
  it("a book added to the collection later is readable at once, and stops being when it leaves", async () => {
    const first = await createPublication({ slug: "first" });
    await shelve(first.id, ["Russian classics"]);
    const collection = await prisma.collection.findUniqueOrThrow({ where: { slug: "russian-classics" } });
    const plan = await createPlan();
    await prisma.planCollection.create({ data: { planId: plan.id, collectionId: collection.id } });
    const reader = await createUser();
    await grantPlan(reader.id, plan.id);

    const later = await createPublication({ slug: "later" });
    const elsewhere = await createPublication({ slug: "elsewhere" });
    expect(await canRead(reader.id, first.id)).toBe(true);
    expect(await canRead(reader.id, later.id)).toBe(false);

    await shelve(later.id, ["Russian Classics"]);
    await shelve(elsewhere.id, ["Summer reading"]);
    expect(await canRead(reader.id, later.id)).toBe(true);
    expect(await canRead(reader.id, elsewhere.id)).toBe(false);
    expect((await listMyLibrary({ userId: reader.id })).map((b) => b.slug).sort()).toEqual(["first", "later"]);

    await shelve(later.id, []);
    expect(await canRead(reader.id, later.id)).toBe(false);
    expect((await listMyLibrary({ userId: reader.id })).map((b) => b.slug)).toEqual(["first"]);
  });

  it("counts for guest integrations and for suspended integration grants alike", async () => {
    const book = await createPublication({ slug: "guest-book" });
    await shelve(book.id, ["Open shelf"]);
    const plan = await createPlan();
    await prisma.planCollection.create({ data: { planId: plan.id, collectionId: (await prisma.collection.findFirstOrThrow()).id } });

    const guest = await prisma.integration.create({ data: { name: "Campus network", kind: "IP_RANGE", accessKind: "PLAN", planId: plan.id, ipRanges: ["10.0.0.0/8"] } });
    expect(await canRead(null, book.id, guest.id)).toBe(true);

    const lms = await createLti11Integration({ planId: plan.id, name: "Old LMS", enabled: false });
    const student = await createUser();
    await prisma.accessGrant.create({ data: { userId: student.id, kind: "PLAN", planId: plan.id, source: "INTEGRATION", integrationId: lms.integration.id } });
    expect(await canRead(student.id, book.id)).toBe(false);
    expect(await suspendedAccessFor(student.id, book.id)).toEqual(["Old LMS"]);
  });

  it("plans are saved with their collections, which an 'all publications' plan does not need", async () => {
    const book = await createPublication({ slug: "in-shelf" });
    await shelve(book.id, ["Reading list"]);
    const plan = await savePlan({ name: "Course pack", slug: "course-pack", publications: [], collections: ["reading-list"] });
    const reader = await createUser();
    await grantPlan(reader.id, plan.id);
    expect(await canRead(reader.id, book.id)).toBe(true);
    expect((await listPlans()).find((p) => p.slug === "course-pack")?.collections).toEqual(["reading-list"]);

    await expect(savePlan({ name: "Bad", slug: "bad", publications: [], collections: ["no-such-shelf"] })).rejects.toMatchObject({
      code: "BAD_INPUT", fields: { collections: "Unknown: no-such-shelf" },
    });
    await updatePlan(plan.id, { name: "Course pack", slug: "course-pack", publications: [], collections: [] });
    expect(await canRead(reader.id, book.id)).toBe(false);
    await updatePlan(plan.id, { name: "Course pack", slug: "course-pack", publications: "all", collections: ["reading-list"] });
    expect(await canRead(reader.id, book.id)).toBe(true);
    expect(await prisma.planCollection.count({ where: { planId: plan.id } })).toBe(0);
  });
});
