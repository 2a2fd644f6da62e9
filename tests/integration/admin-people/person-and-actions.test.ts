import { describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import { canRead } from "@/lib/access/can-read";
import { getCurrentUser, readSession } from "@/lib/auth/session";
import { createSessionCookie } from "@/lib/auth/session-cookie";
import { verifyCredentials } from "@/lib/auth/credentials";
import { getPersonForAdmin } from "@/lib/users/person";
import { GET as chapter } from "@/app/api/publications/[slug]/chapters/[index]/route";
import { GET as myLibrary } from "@/app/api/library/route";
import { GET as exportRoute } from "@/app/admin/users/[id]/export/route";
import { deletePersonAction, grantAccessAction, revokeAccessAction, setDisabledAction } from "@/app/admin/users/[id]/actions";
import { createPlan, createPublication, createUser } from "@/tests/support/factories";
import { setRequestHeaders, signInAs } from "@/tests/support/request-context";
import { redirectOf } from "@/tests/support/next-redirect";
import { httpStatusOf, lti11Integration, signInAdmin } from "./helpers";

// Next's page cache is not running in Vitest; what the actions invalidate is checked by the pages.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const cookieOf = async (user: { id: string; role: string; sessionVersion: number }) => (await createSessionCookie(user)).split(";")[0]!;
const form = (access: string) => { const f = new FormData(); f.set("access", access); return f; };
const audit = (action: string) => prisma.auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });

/** A student with reading data: two highlights, a note, sittings and progress in one book. */
async function studentWithReading() {
  const book = await createPublication({ slug: "set-book", title: "Set Book" });
  const lms = await lti11Integration();
  const userId = await lms.launch({ user_id: "S-1", lis_person_name_full: "Zoë Reader", lis_person_contact_email_primary: "zoe@uni.example", context_id: "lit-1", context_title: "Literature" });
  await prisma.annotation.createMany({
    data: [
      { userId, publicationId: book.id, kind: "HIGHLIGHT", chapterIndex: 0, startOffset: 0, endOffset: 7, quote: "Chapter", color: "yellow" },
      { userId, publicationId: book.id, kind: "HIGHLIGHT", chapterIndex: 1, startOffset: 0, endOffset: 3, quote: "two", color: "blue", note: "see lecture" },
      { userId, publicationId: book.id, kind: "NOTE", note: "Essay idea: the clock motif" },
    ],
  });
  await prisma.readingSession.createMany({
    data: [
      { userId, publicationId: book.id, clientId: "a", activeSeconds: 600, lastActiveAt: new Date("2026-03-01T10:00:00Z") },
      { userId, publicationId: book.id, clientId: "b", activeSeconds: 300, lastActiveAt: new Date("2026-03-02T10:00:00Z") },
    ],
  });
  await prisma.readingProgress.create({ data: { userId, publicationId: book.id, chapterIndex: 1, percent: 0.5 } });
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return { book, lms, user, userId };
}

describe("a person's page", () => {
  it("shows their identities, courses, access, reading, launches and highlight counts", async () => {
    const { userId, lms } = await studentWithReading();
    await signInAdmin();
    const person = await getPersonForAdmin(userId);
    expect(person).toMatchObject({
      displayName: "Zoë Reader", email: null, role: "READER", hasPassword: false, disabledAt: null,
      identities: [{ version: "LTI 1.1", subject: "S-1", nameHint: "Zoë Reader", emailHint: "zoe@uni.example", integration: { id: lms.integration.id, name: "Old Moodle" } }],
      courses: [{ title: "Literature", integration: "Old Moodle", instructor: false }],
      grants: [{ kind: "FULL", source: "INTEGRATION", active: true, integration: { name: "Old Moodle" } }],
      reading: { seconds: 900, sessions: 2, books: 1, lastReadAt: "2026-03-02T10:00:00.000Z", recent: [{ slug: "set-book", percent: 0.5 }] },
      launches: [{ outcome: "SUCCESS", ltiVersion: "1.1", integration: "Old Moodle" }],
      highlights: 2,
      notes: 1,
    });
    expect(await getPersonForAdmin("no-such-person")).toBeNull();
    await signInAs(await createUser());
    await expect(getPersonForAdmin(userId)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("actions on a person", () => {
  it("revoke and grant take effect on the student's next request, each recorded", async () => {
    const plan = await createPlan({ name: "Set texts" });
    const { book, user } = await studentWithReading();
    await prisma.planPublication.create({ data: { planId: plan.id, publicationId: book.id } });
    const studentCookie = await cookieOf(user);
    const { admin, use: asAdmin } = await signInAdmin();
    const reads = async () => {
      setRequestHeaders({ cookie: studentCookie });
      const status = (await chapter(new Request("http://localhost:3000/api/publications/set-book/chapters/0"), { params: Promise.resolve({ slug: "set-book", index: "0" }) })).status;
      const library = (await (await myLibrary()).json()) as { books: { slug: string }[] };
      asAdmin();
      return { status, library: library.books.map((b) => b.slug), canRead: await canRead(user.id, book.id) };
    };
    expect(await reads()).toEqual({ status: 200, library: ["set-book"], canRead: true });

    const grant = await prisma.accessGrant.findFirstOrThrow({ where: { userId: user.id } });
    expect(await revokeAccessAction(user.id, grant.id)).toMatchObject({ ok: true });
    expect(await reads()).toEqual({ status: 403, library: [], canRead: false });
    expect(await audit("access.revoke")).toMatchObject([{ actorUserId: admin.id, targetUserId: user.id, details: { kind: "FULL", source: "INTEGRATION", integration: "Old Moodle", publicId: user.publicId, name: "Zoë Reader" } }]);
    expect(await revokeAccessAction(user.id, grant.id)).toEqual({ ok: false, message: "That access was already taken away." });

    expect(await grantAccessAction(user.id, form(`plan:${plan.id}`))).toMatchObject({ ok: true });
    expect(await reads()).toEqual({ status: 200, library: ["set-book"], canRead: true });
    expect(await prisma.accessGrant.findMany({ where: { userId: user.id }, select: { kind: true, planId: true, source: true, integrationId: true } }))
      .toEqual([{ kind: "PLAN", planId: plan.id, source: "ADMIN", integrationId: null }]);
    expect(await audit("access.grant")).toMatchObject([{ actorUserId: admin.id, targetUserId: user.id, details: { kind: "PLAN", plan: "Set texts", planId: plan.id } }]);
    // The same plan twice is refused; full access on top is another grant.
    expect(await grantAccessAction(user.id, form(`plan:${plan.id}`))).toEqual({ ok: false, message: "Zoë Reader already has the plan Set texts." });
    expect(await grantAccessAction(user.id, form("full"))).toMatchObject({ ok: true });
    expect(await grantAccessAction(user.id, form("plan:nope"))).toEqual({ ok: false, message: "That plan no longer exists." });
    expect(await audit("access.grant")).toHaveLength(2);
  });

  it("refuses a reader (and a visitor) and changes nothing", async () => {
    const { user } = await studentWithReading();
    const plan = await createPlan();
    const grant = await prisma.accessGrant.findFirstOrThrow({ where: { userId: user.id } });
    const reader = await createUser({ email: "r@example.test", password: "correct horse battery" });
    await signInAs(reader);
    expect(await httpStatusOf(grantAccessAction(user.id, form(`plan:${plan.id}`)))).toBe(403);
    expect(await httpStatusOf(revokeAccessAction(user.id, grant.id))).toBe(403);
    expect(await httpStatusOf(setDisabledAction(user.id, true))).toBe(403);
    expect(await httpStatusOf(deletePersonAction(user.id))).toBe(403);
    const exported = await exportRoute(new Request(`http://localhost:3000/admin/users/${user.id}/export`), { params: Promise.resolve({ id: user.id }) });
    expect(exported.status).toBe(403);
    setRequestHeaders({});
    expect(await httpStatusOf(setDisabledAction(user.id, true))).toBe(401);
    expect(await prisma.accessGrant.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ disabledAt: null });
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("disabling ends the person's sessions on their next request, new ones too, and password sign-in; enabling lets them back", async () => {
    const reader = await createUser({ email: "dana@example.test", password: "correct horse battery", name: "Dana" });
    const readerCookie = await cookieOf(reader);
    setRequestHeaders({ cookie: readerCookie });
    expect(await getCurrentUser()).toMatchObject({ id: reader.id });
    const { admin, use: asAdmin } = await signInAdmin();

    expect(await setDisabledAction(reader.id, true)).toMatchObject({ ok: true });
    setRequestHeaders({ cookie: readerCookie });
    expect(await getCurrentUser()).toBeNull();
    // A session made after the account was disabled (as a launch makes one) is refused too.
    const disabled = await prisma.user.findUniqueOrThrow({ where: { id: reader.id } });
    expect(disabled.disabledAt).not.toBeNull();
    const fresh = await cookieOf(disabled);
    expect(await readSession(fresh.split("=").slice(1).join("="))).toBeNull();
    expect(await verifyCredentials({ email: "dana@example.test", password: "correct horse battery" }, "203.0.113.9")).toBeNull();
    asAdmin();
    expect(await audit("user.disable")).toMatchObject([{ actorUserId: admin.id, targetUserId: reader.id, details: { name: "Dana" } }]);

    expect(await setDisabledAction(reader.id, false)).toMatchObject({ ok: true });
    expect(await readSession(fresh.split("=").slice(1).join("="))).toMatchObject({ id: reader.id });
    // The session from before stays ended.
    expect(await readSession(readerCookie.split("=").slice(1).join("="))).toBeNull();
    expect(await verifyCredentials({ email: "dana@example.test", password: "correct horse battery" }, "203.0.113.9")).toMatchObject({ id: reader.id });
    expect(await audit("user.enable")).toHaveLength(1);
    // An administrator cannot lock themselves out here.
    expect(await setDisabledAction(admin.id, true)).toMatchObject({ ok: false });
    expect(await deletePersonAction(admin.id)).toMatchObject({ ok: false });
  });

  it("deleting removes the person with their reading, highlights and notes, keeps the launch log, and records what went", async () => {
    const { user, book } = await studentWithReading();
    const other = await createUser();
    await prisma.annotation.create({ data: { userId: other.id, publicationId: book.id, kind: "NOTE", note: "someone else's" } });
    const { admin } = await signInAdmin();
    expect(await redirectOf(deletePersonAction(user.id))).toBe("/admin/users?deleted=1");
    const left = {
      user: await prisma.user.count({ where: { id: user.id } }),
      identities: await prisma.ltiIdentity.count({ where: { userId: user.id } }),
      grants: await prisma.accessGrant.count({ where: { userId: user.id } }),
      annotations: await prisma.annotation.count({ where: { userId: user.id } }),
      sessions: await prisma.readingSession.count({ where: { userId: user.id } }),
      progress: await prisma.readingProgress.count({ where: { userId: user.id } }),
      memberships: await prisma.courseMembership.count({ where: { userId: user.id } }),
    };
    expect(left).toEqual({ user: 0, identities: 0, grants: 0, annotations: 0, sessions: 0, progress: 0, memberships: 0 });
    expect(await prisma.annotation.count({ where: { userId: other.id } })).toBe(1);
    expect(await prisma.launchLog.findMany({ select: { userId: true, outcome: true } })).toEqual([{ userId: null, outcome: "SUCCESS" }]);
    expect(await audit("user.delete")).toMatchObject([{
      actorUserId: admin.id, targetUserId: user.id,
      details: { publicId: user.publicId, name: "Zoë Reader", removed: { highlights: 2, notes: 1, sessions: 2 } },
    }]);
    expect(await deletePersonAction(user.id)).toEqual({ ok: false, message: "That person no longer exists (they may have been deleted)." });
  });

  it("exports the person's highlights, notes and reading as JSON, and records the export", async () => {
    const { user } = await studentWithReading();
    const { admin } = await signInAdmin();
    const response = await exportRoute(new Request(`http://localhost:3000/admin/users/${user.id}/export`, { headers: { "sec-fetch-site": "same-origin" } }), { params: Promise.resolve({ id: user.id }) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="folio-${user.publicId}.json"`);
    const data = JSON.parse(await response.text());
    expect(data).toMatchObject({
      format: "folio-person-export/1",
      person: { publicId: user.publicId, name: "Zoë Reader", identities: [{ subject: "S-1", integration: "Old Moodle" }], courses: [{ title: "Literature" }] },
      highlights: expect.arrayContaining([
        expect.objectContaining({ quote: "Chapter", color: "yellow", book: { slug: "set-book", title: "Set Book" } }),
        expect.objectContaining({ quote: "two", note: "see lecture" }),
      ]),
      notes: [expect.objectContaining({ note: "Essay idea: the clock motif" })],
      progress: [expect.objectContaining({ percent: 0.5, chapter: 1 })],
    });
    expect(data.highlights).toHaveLength(2);
    expect(data.sessions.map((s: { activeSeconds: number }) => s.activeSeconds).sort()).toEqual([300, 600]);
    expect(await audit("user.export")).toMatchObject([{ actorUserId: admin.id, targetUserId: user.id }]);
    // Started from another site (SameSite=None cookies), it is refused.
    const cross = await exportRoute(new Request(`http://localhost:3000/admin/users/${user.id}/export`, { headers: { "sec-fetch-site": "cross-site" } }), { params: Promise.resolve({ id: user.id }) });
    expect(cross.status).toBe(403);
  });

  it("streams a large export in batches as valid JSON", async () => {
    const { user, book } = await studentWithReading();
    await prisma.annotation.createMany({ data: Array.from({ length: 1100 }, (_, i) => ({ userId: user.id, publicationId: book.id, kind: "HIGHLIGHT" as const, chapterIndex: 0, quote: `q${i}` })) });
    await signInAdmin();
    const response = await exportRoute(new Request(`http://localhost:3000/admin/users/${user.id}/export`), { params: Promise.resolve({ id: user.id }) });
    const reader = response.body!.getReader();
    let chunks = 0;
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += new TextDecoder().decode(value);
    }
    expect(chunks).toBeGreaterThan(4);
    const data = JSON.parse(text);
    expect(data.highlights).toHaveLength(1102);
    expect(data.notes).toHaveLength(1);
  });
});
