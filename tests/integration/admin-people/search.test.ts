import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { searchUsers } from "@/lib/users/search-users";
import { createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";
import { createLti13Course, addMember } from "@/tests/integration/courses/helpers";
import { lti11Integration, signInAdmin } from "./helpers";

const ids = async (filters: Parameters<typeof searchUsers>[0]) => (await searchUsers(filters)).rows.map((r) => r.id).sort();

describe("searching people", () => {
  it("finds an LMS student by the name, email and user ID their LMS sent, in any case and without accents", async () => {
    const { admin } = await signInAdmin();
    const lms = await lti11Integration();
    const jose = await lms.launch({ user_id: "S-20931", lis_person_name_full: "José Núñez", lis_person_contact_email_primary: "jnunez@uni.example" });
    const ada = await lms.launch({ user_id: "S-77", lis_person_name_full: "Ada Lovelace", lis_person_contact_email_primary: "ada@uni.example" });
    const joseRow = await prisma.user.findUniqueOrThrow({ where: { id: jose } });

    for (const q of ["josé", "JOSE NUNEZ", "núñez", "nunez", "s-2093", "S-20931", "jnunez@uni", joseRow.publicId.toLowerCase()]) {
      expect(await ids({ q }), q).toEqual([jose]);
    }
    expect(await ids({ q: "uni.example" })).toEqual([jose, ada].sort());
    // Their own name and email too (the administrator has both).
    expect(await ids({ q: "test admin" })).toEqual([admin.id]);
    expect(await ids({ q: admin.email!.toUpperCase() })).toEqual([admin.id]);
    // LIKE wildcards are literal; nothing spans two values.
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "s_20931" })).toEqual([]);
    expect(await ids({ q: "núñez jnunez" })).toEqual([]);

    const page = await searchUsers({ q: "nunez" });
    expect(page.rows[0]).toMatchObject({ displayName: "José Núñez", nameHint: "José Núñez", emailHint: "jnunez@uni.example", origins: ["lti11"], integrations: ["Old Moodle"], access: [{ kind: "FULL", source: "INTEGRATION" }] });
    expect(page.total).toBe(1);
  });

  it("follows what the LMS sends next: a changed name is found by the new one only", async () => {
    await signInAdmin();
    const lms = await lti11Integration();
    const id = await lms.launch({ user_id: "u-1", lis_person_name_full: "Maria Oldname" });
    expect(await ids({ q: "oldname" })).toEqual([id]);
    await lms.launch({ user_id: "u-1", lis_person_name_full: "Maria Newname" });
    expect(await ids({ q: "oldname" })).toEqual([]);
    expect(await ids({ q: "newname" })).toEqual([id]);
    // And an identity that goes takes its words with it.
    await prisma.ltiIdentity.deleteMany({ where: { userId: id } });
    expect(await ids({ q: "newname" })).toEqual([]);
  });

  it("serves a search of three letters or more from the trigram index", async () => {
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("set local enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`explain select id from "User" u where u."searchText" like folio_search_norm($1)`, "%núñez%");
    });
    expect(plan.map((p) => p["QUERY PLAN"]).join("\n")).toContain("User_searchText_idx");
  });

  it("filters by integration, course, how they came in, role, email and account state", async () => {
    const { admin } = await signInAdmin();
    const lms = await lti11Integration("Moodle 1.1");
    const learner11 = await lms.launch({ user_id: "l-1", roles: "Learner", context_id: "c-1" });
    const teacher11 = await lms.launch({ user_id: "t-1", roles: "Instructor", context_id: "c-1", lis_person_contact_email_primary: "t@uni.example" });
    const { course, integration } = await createLti13Course({ title: "Poetry" });
    const learner13 = await addMember(course, { subject: "sub-13", nameHint: "Lin" });
    const direct = await createUser({ email: "reader@example.test", password: "correct horse battery" });
    const noEmail = await createUser();
    await prisma.user.update({ where: { id: noEmail.id }, data: { disabledAt: new Date() } });
    const c1 = await prisma.course.findFirstOrThrow({ where: { contextId: "c-1" } });

    expect(await ids({ integration: lms.integration.id })).toEqual([learner11, teacher11].sort());
    expect(await ids({ integration: integration.id })).toEqual([learner13.id]);
    expect(await ids({ course: c1.id })).toEqual([learner11, teacher11].sort());
    expect(await ids({ course: course.id })).toEqual([learner13.id]);
    expect(await ids({ origin: "lti11" })).toEqual([learner11, teacher11].sort());
    expect(await ids({ origin: "lti13" })).toEqual([learner13.id]);
    expect(await ids({ origin: "direct" })).toEqual([admin.id, direct.id, noEmail.id].sort());
    expect(await ids({ role: "admin" })).toEqual([admin.id]);
    expect(await ids({ role: "instructor" })).toEqual([teacher11]);
    expect(await ids({ role: "learner" })).toEqual([learner11, learner13.id].sort());
    expect(await ids({ role: "reader" })).toHaveLength(5);
    // LTI students have no email of their own (only the LMS's hint), so "has email" is the account's.
    expect(await ids({ email: "yes" })).toEqual([admin.id, direct.id].sort());
    expect(await ids({ email: "no" })).toHaveLength(4);
    expect(await ids({ status: "disabled" })).toEqual([noEmail.id]);
    expect(await ids({ status: "active", origin: "direct" })).toEqual([admin.id, direct.id].sort());
    expect(await ids({ course: c1.id, role: "instructor", q: "t@uni" })).toEqual([teacher11]);
  });

  it("pages newest first by (createdAt, id), stable when people are added meanwhile, forwards and back", async () => {
    await signInAdmin();
    // 130 people, many sharing a creation time, so the ID has to break ties.
    const base = Date.parse("2026-01-01T00:00:00Z");
    await prisma.user.createMany({
      data: Array.from({ length: 130 }, (_, i) => ({ id: `u${String(i).padStart(3, "0")}`, publicId: `P${String(i).padStart(5, "0")}`, name: `Person ${i}`, createdAt: new Date(base + Math.floor(i / 7) * 1000) })),
    });
    const expected = (await prisma.user.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((u) => u.id);
    expect(expected).toHaveLength(131);

    const seen: string[] = [];
    const pages: { after?: string; rows: string[]; previous: string | null }[] = [];
    let after: string | undefined;
    for (let n = 0; n < 5; n++) {
      const page = await searchUsers(after ? { after } : {});
      pages.push({ after, rows: page.rows.map((r) => r.id), previous: page.previous });
      seen.push(...page.rows.map((r) => r.id));
      if (n === 0) await createUser({ name: "Newcomer" }); // arrives while the owner pages
      if (!page.next) break;
      after = page.next;
    }
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 31]);
    expect(seen).toEqual(expected);
    expect(pages[0]!.previous).toBeNull();
    // Back from the third page gives the second page again.
    const back = await searchUsers({ before: pages[2]!.previous! });
    expect(back.rows.map((r) => r.id)).toEqual(pages[1]!.rows);
    expect(back.next).not.toBeNull();
    // A forged cursor is ignored, not an error.
    expect((await searchUsers({ after: "bm90IGEgY3Vyc29y" })).rows).toHaveLength(50);
    // Filters and paging together.
    const filtered = await searchUsers({ q: "person 1" });
    expect(filtered.total).toBe(41); // 1, 10–19, 100–129
    expect(filtered.rows).toHaveLength(41);
  });

  it("is for administrators only", async () => {
    const reader = await createUser();
    await signInAs(reader);
    await expect(searchUsers({ q: "a" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
