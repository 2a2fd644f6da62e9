import { afterEach, describe, expect, it } from "vitest";
import { GET as enter } from "@/app/access/[integrationId]/route";
import { GET as getChapter } from "@/app/api/publications/[slug]/chapters/[index]/route";
import { GET as getAsset } from "@/app/api/publications/[slug]/assets/[...path]/route";
import { GET as search } from "@/app/api/publications/[slug]/search/route";
import { GET as listAnnotations, POST as addAnnotation } from "@/app/api/reading/publications/[slug]/annotations/route";
import { GET as bookStats } from "@/app/api/reading/publications/[slug]/stats/route";
import { GET as myStats } from "@/app/api/reading/stats/route";
import { GET as getProgress } from "@/app/api/reading/publications/[slug]/progress/route";
import { POST as heartbeat } from "@/app/api/reading/publications/[slug]/heartbeat/route";
import { prisma } from "@/lib/db";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { GUEST_COOKIE, encodeGuestToken } from "@/lib/guest-access/guest-cookie";
import { signLinkParams } from "@/lib/guest-access/signed-link";
import { getReaderShell } from "@/lib/library/reader-shell";
import { PEER_HEADER } from "@/lib/http/peer-address";
import { ingestPublication } from "@/lib/publications/ingest";
import { buildEpub } from "@/tests/support/epub";
import { createPlan, createUser, grantPlan } from "@/tests/support/factories";
import { setRequestHeaders, signInAs } from "@/tests/support/request-context";
import { integrationCounts } from "@/lib/integrations/counters";

const origin = "http://localhost:3000";
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const SECRET = "s".repeat(43);

const chapter = (slug: string, index = "0") => getChapter(new Request(`${origin}/api/publications/${slug}/chapters/${index}`), params({ slug, index }));
const asset = (slug: string) => getAsset(new Request(`${origin}/api/publications/${slug}/assets/OEBPS/images/pic.png`), params({ slug, path: ["OEBPS", "images", "pic.png"] }));
const find = (slug: string) => search(new Request(`${origin}/api/publications/${slug}/search?q=chapter`), params({ slug }));
const beat = (slug: string, body: object) => heartbeat(new Request(`${origin}/api/reading/publications/${slug}/heartbeat`, {
  method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify(body),
}), params({ slug }));
const entry = (id: string, query = "", headers: Record<string, string> = {}) =>
  enter(new Request(`${origin}/access/${id}${query}`, { headers }), params({ integrationId: id }));

async function books() {
  const inPlan = await ingestPublication({ data: await buildEpub(), slug: "plan-book", priceCents: 500, published: true });
  const outside = await ingestPublication({ data: await buildEpub(), slug: "other-book", priceCents: 500, published: true });
  const plan = await createPlan({ publicationIds: [inPlan.id] });
  return { inPlan, outside, plan };
}

async function guestIntegration(kind: "REFERRER" | "IP_RANGE" | "SIGNED_LINK", planId: string, extra: object = {}) {
  return prisma.integration.create({
    data: { name: `School ${kind}`, kind, accessKind: "PLAN", planId, sharedSecretEnc: kind === "SIGNED_LINK" ? encryptSecret(SECRET) : null, ...extra },
  });
}

/** The cookie the entry response set, as the browser sends it back. */
function cookieFrom(response: Response): string {
  const set = response.headers.get("set-cookie") ?? "";
  expect(set).toContain(`${GUEST_COOKIE}=`);
  expect(set).toMatch(/HttpOnly/i);
  expect(set).toMatch(/Max-Age=28800/);
  return set.split(";")[0]!;
}

afterEach(() => {
  delete (globalThis as { folioPeerHeaderIsOurs?: boolean }).folioPeerHeaderIsOurs;
});

describe("entry URL", () => {
  it("signed link: a valid link lets in and redirects; expired, tampered and incomplete ones are refused with a reason", async () => {
    const { plan } = await books();
    const integration = await guestIntegration("SIGNED_LINK", plan.id);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const sig = signLinkParams(SECRET, integration.id, exp);

    const ok = await entry(integration.id, `?exp=${exp}&sig=${sig}&to=/read/plan-book`);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe(`${origin}/read/plan-book`);
    cookieFrom(ok);
    expect((await integrationCounts(integration.id)).launches).toBe(1);

    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = await entry(integration.id, `?exp=${past}&sig=${signLinkParams(SECRET, integration.id, past)}`);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("This access link has expired.");
    expect(expired.headers.get("set-cookie")).toBeNull();

    const tampered = await entry(integration.id, `?exp=${exp + 86400 * 365}&sig=${sig}`);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain("GUEST_LINK_INVALID");
    expect((await entry(integration.id)).status).toBe(403);
    // An open redirect is not on offer: `to` stays on Folio.
    expect((await entry(integration.id, `?exp=${exp}&sig=${sig}&to=//evil.test/x`)).headers.get("location")).toBe(`${origin}/`);
    const tallies = await prisma.launchFailureTally.findMany({ where: { integrationId: integration.id } });
    expect(tallies.map((t) => t.errorCode).sort()).toEqual(["GUEST_LINK_EXPIRED", "GUEST_LINK_INVALID", "GUEST_LINK_MISSING"]);
  });

  it("referrer: the listed prefix lets in, a look-alike host does not", async () => {
    const { plan } = await books();
    const integration = await guestIntegration("REFERRER", plan.id, { referrerPrefixes: ["https://intranet.school.example/library/"] });
    expect((await entry(integration.id, "", { referer: "https://intranet.school.example/library/ebooks" })).status).toBe(303);
    const fake = await entry(integration.id, "", { referer: "https://intranet.school.example.evil.test/library/" });
    expect(fake.status).toBe(403);
    expect(await fake.text()).toContain("could not tell that you came from your institution");
    expect((await entry(integration.id)).status).toBe(403);
  });

  it("IP range: the connection's address decides, not a forged X-Forwarded-For (TRUST_PROXY_HOPS=0)", async () => {
    const { plan } = await books();
    const integration = await guestIntegration("IP_RANGE", plan.id, { ipRanges: ["192.0.2.0/24", "2001:db8:1200::/40"] });
    (globalThis as { folioPeerHeaderIsOurs?: boolean }).folioPeerHeaderIsOurs = true;
    expect((await entry(integration.id, "", { [PEER_HEADER]: "192.0.2.77" })).status).toBe(303);
    expect((await entry(integration.id, "", { [PEER_HEADER]: "2001:db8:1234::1" })).status).toBe(303);
    const outside = await entry(integration.id, "", { [PEER_HEADER]: "198.51.100.1", "x-forwarded-for": "192.0.2.77" });
    expect(outside.status).toBe(403);
    expect(await outside.text()).toContain("GUEST_ADDRESS_NOT_IN_RANGE");
  });

  it("a disabled or unknown integration, or an LTI one, lets nobody in", async () => {
    const { plan } = await books();
    const disabled = await guestIntegration("SIGNED_LINK", plan.id, { enabled: false });
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const refused = await entry(disabled.id, `?exp=${exp}&sig=${signLinkParams(SECRET, disabled.id, exp)}`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("switched off");
    expect((await entry("cnosuchintegration000000")).status).toBe(404);
    expect((await entry("../../etc")).status).toBe(404);
    const lti = await prisma.integration.create({ data: { name: "LMS", kind: "LTI11", consumerKey: "k1" } });
    expect((await entry(lti.id)).status).toBe(404);
  });
});

describe("guest cookie", () => {
  async function enterSigned() {
    const { inPlan, outside, plan } = await books();
    const integration = await guestIntegration("SIGNED_LINK", plan.id);
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const cookie = cookieFrom(await entry(integration.id, `?exp=${exp}&sig=${signLinkParams(SECRET, integration.id, exp)}`));
    setRequestHeaders({ cookie });
    return { inPlan, outside, integration, cookie };
  }

  it("without it: 401 on every content URL", async () => {
    await books();
    for (const response of [await chapter("plan-book"), await asset("plan-book"), await find("plan-book")]) expect(response.status).toBe(401);
  });

  it("grants the plan's books on chapter, asset, search and reader page, and answers 403 for other books", async () => {
    const { integration } = await enterSigned();
    for (const response of [await chapter("plan-book"), await asset("plan-book"), await find("plan-book")]) expect(response.status).toBe(200);
    for (const response of [await chapter("other-book"), await asset("other-book"), await find("other-book")]) {
      expect(response.status).toBe(403);
      expect((await response.json()).error.message).toContain("shared access does not include this publication");
    }
    const shell = await getReaderShell({ viewer: { userId: null, guestIntegrationId: integration.id }, slug: "plan-book" });
    expect(shell).toMatchObject({ access: true, personal: false, guest: { integrationName: "School SIGNED_LINK" } });
    expect(await getReaderShell({ viewer: { userId: null, guestIntegrationId: integration.id }, slug: "other-book" }))
      .toMatchObject({ access: false, reason: "forbidden" });
  });

  it("follows the integration on every request: disabled, it stops at once; a plan change counts at once", async () => {
    const { integration, outside } = await enterSigned();
    expect((await chapter("plan-book")).status).toBe(200);
    await prisma.integration.update({ where: { id: integration.id }, data: { enabled: false } });
    expect((await chapter("plan-book")).status).toBe(403);
    expect((await asset("plan-book")).status).toBe(403);
    await prisma.integration.update({ where: { id: integration.id }, data: { enabled: true } });
    expect((await chapter("other-book")).status).toBe(403);
    await prisma.planPublication.create({ data: { planId: integration.planId!, publicationId: outside.id } });
    expect((await chapter("other-book")).status).toBe(200);
  });

  it("is refused when forged, re-signed for another integration by hand, or expired", async () => {
    const { integration } = await enterSigned();
    const value = decodeURIComponent((await prisma.integration.findUniqueOrThrow({ where: { id: integration.id } })).id);
    // Made up, not signed by Folio:
    setRequestHeaders({ cookie: `${GUEST_COOKIE}=${value}.AAAAAAAAAAAAAAAAAAAAAA.9999999999.${"A".repeat(43)}` });
    expect((await chapter("plan-book")).status).toBe(401);
    // Signed by Folio but expired:
    const expired = encodeGuestToken({ integrationId: integration.id, visitId: "B".repeat(22), expiresAt: Math.floor(Date.now() / 1000) - 1 });
    setRequestHeaders({ cookie: `${GUEST_COOKIE}=${expired}` });
    expect((await chapter("plan-book")).status).toBe(401);
    // A signed-in reader without access is not helped by a stale cookie of an LTI integration.
    const lti = await prisma.integration.create({ data: { name: "LMS", kind: "LTI11", consumerKey: "k2", accessKind: "FULL" } });
    const ltiToken = encodeGuestToken({ integrationId: lti.id, visitId: "C".repeat(22), expiresAt: Math.floor(Date.now() / 1000) + 60 });
    setRequestHeaders({ cookie: `${GUEST_COOKIE}=${ltiToken}` });
    expect((await chapter("plan-book")).status).toBe(403);
  });

  it("has no personal APIs: highlights, notes, progress and statistics answer 403 with a sentence", async () => {
    await enterSigned();
    const slug = "plan-book";
    const responses = [
      await listAnnotations(new Request(`${origin}/api/reading/publications/${slug}/annotations`), params({ slug })),
      await addAnnotation(new Request(`${origin}/api/reading/publications/${slug}/annotations`, {
        method: "POST", headers: { "content-type": "application/json", origin }, body: JSON.stringify({ kind: "NOTE", note: "hi" }),
      }), params({ slug })),
      await getProgress(new Request(`${origin}/api/reading/publications/${slug}/progress`), params({ slug })),
      await bookStats(new Request(`${origin}/api/reading/publications/${slug}/stats`), params({ slug })),
      await myStats(new Request(`${origin}/api/reading/stats`)),
    ];
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect((await response.json()).error.message).toContain("shared access, which has no account");
    }
    expect(await prisma.annotation.count()).toBe(0);
  });

  it("heartbeats are counted per integration and visit, with no person, and not past the wall clock", async () => {
    const { integration, inPlan } = await enterSigned();
    const first = await beat("plan-book", { clientSessionId: "sitting-one", activeSeconds: 20, chapterIndex: 0, position: 0.5 });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ activeSeconds: 20 });
    // Claiming an hour a moment later adds only the few seconds the clock allows.
    const greedy = await (await beat("plan-book", { clientSessionId: "sitting-one", activeSeconds: 3600 })).json();
    expect(greedy.activeSeconds).toBeLessThanOrEqual(20 + 6);
    // A made-up second sitting in the same visit does not get its own budget either.
    const other = await (await beat("plan-book", { clientSessionId: "sitting-two", activeSeconds: 90 })).json();
    expect(other.activeSeconds).toBeLessThanOrEqual(20 + 12);
    const rows = await prisma.guestSession.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ integrationId: integration.id, publicationId: inPlan.id });
    expect(await prisma.readingSession.count()).toBe(0);
    expect(await prisma.chapterReading.count()).toBe(0);
    // Not for a book the integration does not give.
    expect((await beat("other-book", { clientSessionId: "sitting-one", activeSeconds: 5 })).status).toBe(403);

    // Another visit (a new entry) is a session of its own for the reports.
    const exp = Math.floor(Date.now() / 1000) + 3600;
    setRequestHeaders({ cookie: cookieFrom(await entry(integration.id, `?exp=${exp}&sig=${signLinkParams(SECRET, integration.id, exp)}`)) });
    await beat("plan-book", { clientSessionId: "sitting-three", activeSeconds: 30 });
    const { guestUsageRecord } = await import("@/lib/guest-access/admin");
    const usage = await guestUsageRecord(integration.id, new Date(Date.now() - 60_000));
    expect(usage).toMatchObject({ visits: 2, sittings: 2, books: 1 });
    expect(usage.readingSeconds).toBeGreaterThanOrEqual(50);
  });

  it("a signed-in person keeps their own heartbeat and access; the guest cookie adds the integration's books", async () => {
    const { inPlan } = await books();
    const reader = await createUser();
    await grantPlan(reader.id, (await createPlan({ publicationIds: [inPlan.id] })).id);
    const cookie = await signInAs(reader);
    setRequestHeaders({ cookie });
    expect((await beat("plan-book", { clientSessionId: "mine-0001", activeSeconds: 10 })).status).toBe(200);
    expect(await prisma.readingSession.count()).toBe(1);
    expect(await prisma.guestSession.count()).toBe(0);
  });
});
