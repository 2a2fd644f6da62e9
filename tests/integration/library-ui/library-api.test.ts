import { describe, expect, it } from "vitest";
import { GET as myLibrary } from "@/app/api/library/route";
import { prisma } from "@/lib/db";
import type { MyLibrary } from "@/lib/library/my-library";
import { createPlan, createPublication, createUser, grantPlan } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

// /api/library is the one per-person request of the cached "My library" page.
describe("GET /api/library", () => {
  it("answers 401 without a session, so the page sends the visitor to sign in", async () => {
    const response = await myLibrary();
    expect(response.status).toBe(401);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("gives the signed-in person their name, their books with their place, and their reading", async () => {
    const inPlan = await createPublication({ slug: "in-plan", title: "In Plan", chapters: ["<p>a</p>", "<p>b</p>"] });
    await createPublication({ slug: "not-mine", title: "Not Mine" });
    const plan = await createPlan({ publicationIds: [inPlan.id] });
    const user = await createUser({ name: "Ada Reader" });
    await grantPlan(user.id, plan.id);
    await prisma.readingProgress.create({ data: { userId: user.id, publicationId: inPlan.id, chapterIndex: 1, position: 0.2, percent: 0.6 } });
    await signInAs(user);

    const response = await myLibrary();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const body = (await response.json()) as MyLibrary;
    expect(body.me).toEqual({ name: "Ada Reader", role: "READER" });
    expect(body.books.map((b) => b.slug)).toEqual(["in-plan"]);
    expect(body.books[0]).toMatchObject({ chapterIndex: 1, percent: 0.6 });
    expect(body.books[0]!.lastReadAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(body.reading).toMatchObject([{ slug: "in-plan", percent: 0.6 }]);
  });

  it("calls a person from an LMS by the name their LMS last sent, else by their public ID", async () => {
    const student = await prisma.user.create({ data: { publicId: "K9RNE5V3" } });
    await signInAs(student);
    expect(((await (await myLibrary()).json()) as MyLibrary).me.name).toBe("K9RNE5V3");

    await prisma.ltiIdentity.create({ data: { userId: student.id, platformKey: "lti13|iss|cid", subject: "s1", nameHint: "Ada Student" } });
    expect(((await (await myLibrary()).json()) as MyLibrary).me.name).toBe("Ada Student");
  });
});
