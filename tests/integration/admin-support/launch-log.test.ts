import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { countLaunches, decodeCursor, parseLaunchFilter, searchLaunchLog, searchLaunchLogRecords } from "@/lib/support/launch-log-search";
import { day, daysAgo, hoursAgo, institution, launch, signInAdmin, signInReader, student } from "./helpers";

describe("the launch log", () => {
  it("pages newest first by keyset, without gaps or repeats, and stops at the end", async () => {
    await signInAdmin();
    const north = await institution();
    const base = Date.now();
    // Two rows share each timestamp: the ID breaks the tie.
    for (let i = 0; i < 61; i++) await launch({ integrationId: north.id, at: new Date(base - Math.floor(i / 2) * 1000) });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await searchLaunchLog({ integrationId: north.id }, cursor);
      seen.push(...page.rows.map((r) => r.id));
      for (let i = 1; i < page.rows.length; i++) expect(page.rows[i - 1]!.at >= page.rows[i]!.at).toBe(true);
      cursor = page.next;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(61);
    expect(new Set(seen).size).toBe(61);
    const all = await prisma.launchLog.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen).toEqual(all.map((r) => r.id));
    expect(decodeCursor("not a cursor")).toBeNull();
  });

  it("filters by integration, outcome, code, dates, person and course, and names people as their LMS does", async () => {
    await signInAdmin();
    const north = await institution("North");
    const south = await institution("South");
    const ada = await student(north, "lms-ada", { nameHint: "Ada Lovelace", name: "ada account" });
    const bob = await student(north, "lms-bob", { nameHint: null, name: "Bob Account" });
    const cy = await student(south, "lms-cy", { nameHint: null });
    await launch({ integrationId: north.id, userId: ada.id, at: hoursAgo(1) });
    await launch({ integrationId: north.id, userId: bob.id, at: hoursAgo(2) });
    await launch({ integrationId: north.id, errorCode: "LTI11_SIGNATURE_INVALID", at: hoursAgo(3) });
    await launch({ integrationId: north.id, errorCode: "LTI11_NONCE_REUSED", at: daysAgo(10) });
    await launch({ integrationId: south.id, userId: cy.id, at: hoursAgo(4) });

    const names = (rows: { person: { name: string } | null }[]) => rows.map((r) => r.person?.name ?? null);
    expect(names((await searchLaunchLog({ integrationId: north.id, outcome: "SUCCESS" })).rows)).toEqual(["Ada Lovelace", "Bob Account"]);
    expect(names((await searchLaunchLog({ integrationId: south.id })).rows)).toEqual([cy.publicId]);
    expect((await searchLaunchLog({ outcome: "FAILURE" })).rows.map((r) => r.errorCode)).toEqual(["LTI11_SIGNATURE_INVALID", "LTI11_NONCE_REUSED"]);
    expect((await searchLaunchLog({ code: "LTI11_NONCE_REUSED" })).rows).toHaveLength(1);
    expect((await searchLaunchLog({ from: day(daysAgo(11)), to: day(daysAgo(9)) })).rows.map((r) => r.errorCode)).toEqual(["LTI11_NONCE_REUSED"]);
    expect((await searchLaunchLog({ from: day(daysAgo(1)) })).rows).toHaveLength(4);

    // A person by the LMS's name, the account's name, the public ID or the LMS's user ID.
    for (const person of ["lovelace", "bob acc", ada.publicId.toLowerCase(), "lms-ada"]) {
      const rows = (await searchLaunchLog(parseLaunchFilter({ person }))).rows;
      expect(rows).toHaveLength(1);
      expect(rows[0]!.person!.id).toBe(person.includes("bob") ? bob.id : ada.id);
    }
    expect((await searchLaunchLog({ person: "nobody by that name" })).rows).toEqual([]);
    // The LIKE wildcards are text, not patterns.
    expect((await searchLaunchLog({ person: "%" })).rows).toEqual([]);

    // A course: its members' launches on its integration.
    const course = await prisma.course.create({ data: { integrationId: north.id, contextId: "c-1", title: "Physics 1" } });
    await prisma.courseMembership.create({ data: { courseId: course.id, userId: bob.id, subject: "lms-bob", roles: [] } });
    expect(names((await searchLaunchLog({ courseId: course.id })).rows)).toEqual(["Bob Account"]);
  });

  it("parses the page's search params, dropping bad values", () => {
    expect(parseLaunchFilter({ outcome: "FAILURE", code: "lti11_nonce_reused", from: "2026-01-01", to: "yesterday", person: ["  Ada  "], courseId: "" }))
      .toEqual({ outcome: "FAILURE", code: "LTI11_NONCE_REUSED", from: "2026-01-01", person: "Ada" });
  });

  it("counts launches and failures per code over the filtered range, with the tallied attempts", async () => {
    await signInAdmin();
    const north = await institution();
    const ada = await student(north, "ada");
    await launch({ integrationId: north.id, userId: ada.id, at: hoursAgo(1) });
    for (let i = 0; i < 3; i++) await launch({ integrationId: north.id, errorCode: "LTI11_SIGNATURE_INVALID", at: hoursAgo(1) });
    await launch({ integrationId: north.id, errorCode: "LTI11_NONCE_REUSED", at: hoursAgo(2) });
    await launch({ integrationId: north.id, errorCode: "LTI11_NONCE_REUSED", at: daysAgo(20) });
    // Tallies count every refusal, logged or not: 7 signature failures, 3 of them logged.
    await prisma.launchFailureTally.create({ data: { scope: north.id, integrationId: north.id, errorCode: "LTI11_SIGNATURE_INVALID", hour: hoursAgo(1), count: 7, ltiVersion: "1.1", lastAt: hoursAgo(1) } });

    const counts = await countLaunches({ integrationId: north.id, from: day(daysAgo(2)) });
    expect(counts).toEqual({
      launches: 5, failures: 4,
      byCode: [{ code: "LTI11_SIGNATURE_INVALID", logged: 3, attempts: 7 }, { code: "LTI11_NONCE_REUSED", logged: 1, attempts: 1 }],
    });
    expect((await countLaunches({ integrationId: north.id })).byCode.find((c) => c.code === "LTI11_NONCE_REUSED")).toEqual({ code: "LTI11_NONCE_REUSED", logged: 2, attempts: 2 });
    // A person filter leaves the tallies out: they know nobody.
    expect(await countLaunches({ integrationId: north.id, person: "ada" })).toEqual({ launches: 1, failures: 0, byCode: [] });
    expect((await countLaunches({ outcome: "SUCCESS" })).byCode).toEqual([]);
  });

  it("is for administrators only", async () => {
    await signInReader();
    await expect(searchLaunchLog({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(countLaunches({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The record function itself has no check: it is what the checked ones wrap.
    expect((await searchLaunchLogRecords({})).rows).toEqual([]);
  });
});
