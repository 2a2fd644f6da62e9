import { describe, expect, it } from "vitest";
import { GET as getChapter } from "@/app/api/publications/[slug]/chapters/[index]/route";
import { GET as search } from "@/app/api/publications/[slug]/search/route";
import { GET as myLibrary } from "@/app/api/library/route";
import { POST as annotate } from "@/app/api/reading/publications/[slug]/annotations/route";
import { POST as heartbeat } from "@/app/api/reading/publications/[slug]/heartbeat/route";
import { prisma } from "@/lib/db";
import { canRead, describeAccess } from "@/lib/access/can-read";
import { deleteIntegrationRecord, setIntegrationEnabledRecord } from "@/lib/integrations/manage-integration";
import { getReaderShell } from "@/lib/library/reader-shell";
import type { MyLibrary } from "@/lib/library/my-library";
import { createPublication, createUser, grantPlan, createPlan } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { launchStudent } from "@/tests/integration/account/launch-student";

const base = "http://localhost:3000/api";
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const post = (path: string, body: unknown) =>
  new Request(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: "http://localhost:3000" }, body: JSON.stringify(body) });

/** Everything that decides access, asked for one paid book. */
async function access(userId: string) {
  const chapter = await getChapter(new Request(`${base}/publications/course-book/chapters/0`), params({ slug: "course-book", index: "0" }));
  const found = await search(new Request(`${base}/publications/course-book/search?q=chapter`), params({ slug: "course-book" }));
  const shell = await getReaderShell({ viewer: { userId }, slug: "course-book" });
  const library = (await (await myLibrary()).json()) as MyLibrary;
  const note = await annotate(post("/reading/publications/course-book/annotations", { kind: "NOTE", note: "later" }), params({ slug: "course-book" }));
  const book = await prisma.publication.findUniqueOrThrow({ where: { slug: "course-book" } });
  return {
    chapter: chapter.status,
    search: found.status,
    reader: shell?.access ? "reads" : shell?.reason,
    library: library.books.map((b) => b.slug),
    annotate: note.status,
    canRead: await canRead(userId, book.id),
    account: (await describeAccess(userId)).length,
  };
}

const allowed = { chapter: 200, search: 200, reader: "reads", library: ["course-book"], annotate: 201, canRead: true, account: 1 };
const refused = { chapter: 403, search: 403, reader: "forbidden", library: [], annotate: 403, canRead: false, account: 0 };

describe("access granted through an integration lasts as long as the integration", () => {
  it("ends when it is disabled, comes back when enabled, ends for good when it is deleted; the person keeps the rest", async () => {
    await createPublication({ slug: "course-book", title: "Course Book", chapters: ["<p>chapter one</p>", "<p>chapter two</p>"] });
    const student = await launchStudent(); // full access, the integration's default
    const user = await prisma.user.findUniqueOrThrow({ where: { id: student.userId } });
    await signInAs(user);
    expect(await access(user.id)).toEqual(allowed);
    // Their own things: a highlight (the note above), reading time.
    const beat = await heartbeat(post("/reading/publications/course-book/heartbeat", { clientSessionId: "sitting-one", activeSeconds: 30 }), params({ slug: "course-book" }));
    expect(beat.status).toBe(200);
    const kept = async () => ({
      user: await prisma.user.count({ where: { id: user.id } }),
      annotations: await prisma.annotation.count({ where: { userId: user.id } }),
      seconds: (await prisma.readingSession.aggregate({ where: { userId: user.id }, _sum: { activeSeconds: true } }))._sum.activeSeconds,
    });
    const before = await kept();
    expect(before).toEqual({ user: 1, annotations: 1, seconds: 30 });

    await setIntegrationEnabledRecord(student.integration.id, false);
    // The reader says the institution's access is switched off (docs/decisions/0023).
    expect(await access(user.id)).toEqual({ ...refused, reader: "switched-off" });
    expect(await kept()).toEqual(before);

    await setIntegrationEnabledRecord(student.integration.id, true);
    expect(await access(user.id)).toEqual(allowed);

    await deleteIntegrationRecord(student.integration.id);
    expect(await access(user.id)).toEqual(refused);
    expect(await kept()).toEqual({ ...before, annotations: 2 }); // the second note was made while enabled
    // The grant row stays (integrationId set null by the database) and grants nothing.
    expect(await prisma.accessGrant.findMany({ where: { userId: user.id }, select: { source: true, integrationId: true } })).toEqual([
      { source: "INTEGRATION", integrationId: null },
    ]);
  });

  it("leaves access an administrator granted directly alone", async () => {
    const book = await createPublication({ slug: "course-book", title: "Course Book", chapters: ["<p>chapter one</p>"] });
    const student = await launchStudent({ userId: "student-8" });
    await grantPlan(student.userId, (await createPlan({ publicationIds: [book.id] })).id);
    await deleteIntegrationRecord(student.integration.id);
    expect(await canRead(student.userId, book.id)).toBe(true);
    const reader = await createUser();
    await grantPlan(reader.id, (await createPlan({ all: true })).id);
    expect(await canRead(reader.id, book.id)).toBe(true);
  });
});
