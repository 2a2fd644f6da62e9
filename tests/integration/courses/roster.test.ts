import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { SCOPE } from "@/lib/lti/claims";
import { clearServiceTokens } from "@/lib/lti/services/token";
import { fetchMemberships, nextLink } from "@/lib/lti/services/nrps";
import { clearRosterFailures, refreshRoster, refreshRosterIfStale } from "@/lib/courses/roster";
import { NrpsServer, type RosterMode } from "@/tests/support/nrps-server";
import { createLti13Course, ROLE } from "./helpers";

let nrps: NrpsServer;

beforeAll(async () => {
  nrps = await NrpsServer.start();
});
afterAll(async () => {
  await nrps.close();
});
beforeEach(() => {
  clearServiceTokens();
  clearRosterFailures();
  nrps.mode = "ok";
  nrps.pageSize = 2;
  nrps.tokenRequests = [];
  nrps.pageRequests = [];
  nrps.members = [
    { user_id: "s-1", roles: [ROLE.learner], name: "Ada Lovelace", email: "ada@uni.test", status: "Active" },
    { user_id: "s-2", roles: [ROLE.learner], given_name: "Alan", family_name: "Turing" },
    { user_id: "t-1", roles: [ROLE.instructor], name: "Grace Hopper" },
  ];
});

const seed = (membershipsUrl: string | null = nrps.membershipsUrl()) => createLti13Course({ clientId: nrps.clientId, tokenUrl: nrps.tokenUrl, membershipsUrl });

async function seedWithOldRoster() {
  const { course } = await seed();
  await prisma.rosterMember.create({ data: { courseId: course.id, subject: "old-1", name: "Kept Member", roles: [ROLE.learner] } });
  return course;
}

describe("nextLink", () => {
  it("finds rel=next among several links, quoted or not", () => {
    expect(nextLink('<https://a.test/m?p=1>; rel="first", <https://a.test/m?p=2>; rel="next"')).toBe("https://a.test/m?p=2");
    expect(nextLink("<https://a.test/m?p=3>; rel=next")).toBe("https://a.test/m?p=3");
    expect(nextLink('<https://a.test/m?p=1>; rel="prev"')).toBeNull();
    expect(nextLink(undefined)).toBeNull();
  });
});

describe("refreshRoster", () => {
  it("follows rel=next pages, sends the NRPS media type and a token for the memberships scope, and stores every member", async () => {
    const course = await seedWithOldRoster();
    const result = await refreshRoster(course.id);
    expect(result).toMatchObject({ ok: true, members: 3 });

    expect(nrps.pageRequests).toHaveLength(2);
    expect(nrps.pageRequests.every((p) => p.authorized && p.accept === "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")).toBe(true);
    expect(nrps.tokenRequests).toEqual([{ scope: SCOPE.memberships, ok: true }]);

    const stored = await prisma.rosterMember.findMany({ where: { courseId: course.id }, orderBy: { subject: "asc" } });
    expect(stored.map((m) => [m.subject, m.name, m.email, m.status])).toEqual([
      ["s-1", "Ada Lovelace", "ada@uni.test", "Active"],
      ["s-2", "Alan Turing", null, "Active"],
      ["t-1", "Grace Hopper", null, "Active"],
    ]);
    expect(stored[2]!.roles).toEqual([ROLE.instructor]);
    const after = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    expect(after.rosterFetchedAt).not.toBeNull();
  });

  it("leaves out members without a user id or roles, and keeps the last of duplicates", async () => {
    const { course } = await seed();
    nrps.pageSize = 10;
    nrps.members = [
      { user_id: "s-1", roles: [ROLE.learner], name: "First" },
      { roles: [ROLE.learner], name: "No id" } as never,
      { user_id: "s-3", name: "No roles" } as never,
      { user_id: "s-1", roles: [ROLE.learner], name: "Second" },
    ];
    expect(await refreshRoster(course.id)).toMatchObject({ ok: true, members: 1 });
    expect((await prisma.rosterMember.findMany({ where: { courseId: course.id } })).map((m) => m.name)).toEqual(["Second"]);
  });

  it("asks for a new token once when the platform answers 401", async () => {
    const { course } = await seed();
    await refreshRoster(course.id);
    nrps.mode = "revoke-token-once";
    nrps.tokenRequests = [];
    expect(await refreshRoster(course.id)).toMatchObject({ ok: true, members: 3 });
    expect(nrps.tokenRequests.filter((t) => t.ok)).toHaveLength(1);
  });

  const hostile: [RosterMode, string][] = [
    ["bad-json", "LTI_SERVICE_BAD_ANSWER"],
    ["not-a-container", "LTI_SERVICE_BAD_ANSWER"],
    ["huge", "LTI_SERVICE_BAD_ANSWER"],
    ["redirect", "LTI_SERVICE_BAD_ANSWER"],
    ["forbidden", "LTI_SERVICE_REFUSED"],
    ["down", "LTI_SERVICE_UNREACHABLE"],
    ["second-page-fails", "LTI_SERVICE_UNREACHABLE"],
    ["next-elsewhere", "LTI_SERVICE_BAD_ANSWER"],
    ["loop", "LTI_SERVICE_BAD_ANSWER"],
  ];
  it.each(hostile)("a platform answering %s gets %s and the stored roster stays", async (mode, code) => {
    const course = await seedWithOldRoster();
    nrps.mode = mode;
    const result = await refreshRoster(course.id);
    expect(result).toMatchObject({ ok: false, code });
    if (!result.ok) expect(result.message).toMatch(/LMS/);
    expect((await prisma.rosterMember.findMany({ where: { courseId: course.id } })).map((m) => m.subject)).toEqual(["old-1"]);
    expect((await prisma.course.findUniqueOrThrow({ where: { id: course.id } })).rosterFetchedAt).toBeNull();
  });

  it("never sends the token to a next page on another origin", async () => {
    const { course } = await seed();
    nrps.mode = "next-elsewhere";
    await refreshRoster(course.id);
    expect(nrps.pageRequests).toHaveLength(1);
  });

  it("names a refused token request and a course without a memberships URL", async () => {
    const wrongClient = await createLti13Course({ clientId: "someone-else", tokenUrl: nrps.tokenUrl, membershipsUrl: nrps.membershipsUrl() });
    const refused = await refreshRoster(wrongClient.course.id);
    expect(refused).toMatchObject({ ok: false, code: "LTI_TOKEN_REFUSED" });
    expect(nrps.tokenRequests.at(-1)).toMatchObject({ ok: false, error: "invalid_client" });

    const { course } = await seed(null);
    const missing = await refreshRoster(course.id);
    expect(missing).toMatchObject({ ok: false, code: "LTI_SERVICE_NOT_CONFIGURED" });
    if (!missing.ok) expect(missing.message).toContain("share names and roles");
  });

  it("caps the number of pages", async () => {
    const { course } = await seed();
    nrps.pageSize = 1;
    nrps.members = Array.from({ length: 60 }, (_, i) => ({ user_id: `s-${i}`, roles: [ROLE.learner] }));
    expect(await refreshRoster(course.id)).toMatchObject({ ok: false, code: "LTI_SERVICE_BAD_ANSWER" });
    expect(nrps.pageRequests).toHaveLength(50);
  });

  it("refuses a memberships URL the outbound policy refuses", async () => {
    const { integration } = await seed();
    await expect(fetchMemberships(integration.id, "file:///etc/passwd")).rejects.toMatchObject({ code: "LTI_SERVICE_REFUSED" });
  });
});

describe("refreshRosterIfStale", () => {
  it("fetches a roster never fetched, leaves a fresh one alone, and refetches an old one", async () => {
    const { course } = await seed();
    expect(await refreshRosterIfStale(course)).toMatchObject({ ok: true, members: 3 });
    const fresh = await prisma.course.findUniqueOrThrow({ where: { id: course.id } });
    expect(await refreshRosterIfStale(fresh)).toBeNull();
    expect(nrps.pageRequests).toHaveLength(2);
    const old = { ...fresh, rosterFetchedAt: new Date(Date.now() - 16 * 60_000) };
    expect(await refreshRosterIfStale(old)).toMatchObject({ ok: true });
    expect(nrps.pageRequests).toHaveLength(4);
  });

  it("renders without waiting for a slow platform, whose roster arrives for the next view", async () => {
    const { course } = await seed();
    nrps.mode = "slow";
    expect(await refreshRosterIfStale(course)).toBeNull();
    expect(await prisma.rosterMember.count({ where: { courseId: course.id } })).toBe(0);
    // The same fetch, still going: a second view joins it rather than starting another.
    expect(await refreshRoster(course.id)).toMatchObject({ ok: true, members: 3 });
    expect(await prisma.rosterMember.count({ where: { courseId: course.id } })).toBe(3);
    expect(nrps.pageRequests).toHaveLength(2);
  });

  it("does not ask a failing platform again on every view", async () => {
    const { course } = await seed();
    nrps.mode = "forbidden";
    expect(await refreshRosterIfStale(course)).toMatchObject({ ok: false, code: "LTI_SERVICE_REFUSED" });
    expect(await refreshRosterIfStale(course)).toMatchObject({ ok: false, code: "LTI_SERVICE_REFUSED" });
    expect(nrps.pageRequests).toHaveLength(1);
  });
});
