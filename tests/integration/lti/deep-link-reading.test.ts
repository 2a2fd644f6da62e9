import { beforeEach, describe, expect, it } from "vitest";
import { createLocalJWKSet, jwtVerify } from "jose";
import { prisma } from "@/lib/db";
import { clearSigningKeyCache, listPublicJwks } from "@/lib/lti/keys";
import { getDeepLinkPicker, respondToDeepLink } from "@/lib/lti/deep-link-picker";
import { createDeepLinkContext, type DeepLinkContext } from "@/lib/lti/deep-linking";
import { SCOPE } from "@/lib/lti/claims";
import { bookElementId } from "@/lib/publications/urls";
import { ingestPublication } from "@/lib/publications/ingest";
import * as route from "@/app/api/lti/deep-link/route";
import { buildEpub } from "@/tests/support/epub";
import { createLti13Integration, createPlan, createPublication, createUser } from "@/tests/support/factories";
import { signInAs } from "@/tests/support/request-context";

// The picker's choice of a reading, as the LMS receives it: the signed content item, its
// custom parameters and, for a graded reading on a platform with AGS, its lineItem.

const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
const platform = { issuer: "https://lms.example.test", clientId: "client-1", authUrl: "https://lms.example.test/auth", jwksUrl: "https://lms.example.test/jwks", deploymentId: "d-1" };
const AGS = { lineItemsUrl: "https://lms.example.test/courses/7/lineitems", scopes: [SCOPE.lineItem, SCOPE.score, SCOPE.resultReadOnly] };

beforeEach(() => clearSigningKeyCache());

async function pickerToken(ags: DeepLinkContext["ags"], user?: { id: string; role: string; sessionVersion: number }) {
  const integration = await createLti13Integration(platform);
  const instructor = user ?? (await createUser());
  await signInAs(instructor);
  const token = await createDeepLinkContext({
    integrationId: integration.id, deploymentId: platform.deploymentId, returnUrl: `${platform.issuer}/dl/return`, data: "ctx-9", userId: instructor.id, canDeepLink: true, ags,
  });
  return { token, integration, instructor };
}

async function contentItems(response: Response) {
  const jwt = /name="JWT" value="([^"]+)"/.exec(await response.text())![1]!;
  const { payload } = await jwtVerify(jwt, createLocalJWKSet({ keys: await listPublicJwks() }), { issuer: platform.clientId, audience: platform.issuer });
  return payload[`${DL}content_items`] as Record<string, unknown>[];
}

const post = (fields: Record<string, string>) =>
  route.POST(new Request("http://localhost:3000/api/lti/deep-link", {
    method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString(),
  }));

describe("deep linking a reading", () => {
  it("sends a graded range as a resource link with its range in custom parameters and a lineItem", async () => {
    await createPublication({ slug: "emma", title: "Emma", chapters: ["<p>a</p>", "<p>b</p>", "<p>c</p>", "<p>d</p>"] });
    const { token } = await pickerToken(AGS);
    expect((await getDeepLinkPicker(token, { book: "emma" })).gradable).toBe(true);

    const items = await contentItems(await respondToDeepLink({ token, slug: "emma", scope: "range", start: "1", end: "2", title: "Week 3", graded: "on", score: "40" }));
    expect(items).toEqual([{
      type: "ltiResourceLink", title: "Week 3", url: "http://localhost:3000/api/lti/launch",
      custom: { publication: "emma", start: "1", end: "2", score_maximum: "40" },
      lineItem: { scoreMaximum: 40, label: "Week 3", resourceId: "emma:1-2", tag: "folio-reading" },
    }]);
  });

  it("sends no lineItem for an ungraded reading", async () => {
    await createPublication({ slug: "emma", title: "Emma" });
    const { token } = await pickerToken(AGS);
    const items = await contentItems(await respondToDeepLink({ token, slug: "emma", scope: "book", title: "", score: "40" }));
    expect(items).toEqual([{ type: "ltiResourceLink", title: "Emma", url: "http://localhost:3000/api/lti/launch", custom: { publication: "emma" } }]);
  });

  it("offers no grade and refuses a graded choice when the platform gave no AGS or no line item scope", async () => {
    await createPublication({ slug: "emma", title: "Emma" });
    for (const ags of [null, undefined, { lineItemsUrl: AGS.lineItemsUrl, scopes: [SCOPE.score, SCOPE.lineItemReadOnly] }]) {
      await prisma.integration.deleteMany();
      const { token } = await pickerToken(ags);
      expect((await getDeepLinkPicker(token, { book: "emma" })).gradable, JSON.stringify(ags)).toBe(false);
      await expect(respondToDeepLink({ token, slug: "emma", scope: "book", graded: "on", score: "10" })).rejects.toMatchObject({ code: "LTI_DEEP_LINK_CHOICE_INVALID", problem: "graded" });
      const items = await contentItems(await respondToDeepLink({ token, slug: "emma", scope: "book" }));
      expect(items[0]).not.toHaveProperty("lineItem");
    }
  });

  it("starts a section range at the book's own element id, which the reader finds under its bk- id", async () => {
    const publication = await ingestPublication({ data: await buildEpub() });
    await prisma.publication.update({ where: { id: publication.id }, data: { published: true } });
    const { token } = await pickerToken(null);
    const { book } = await getDeepLinkPicker(token, { book: publication.slug });
    expect(book!.entries.map((e) => e.key)).toEqual(["0", "1", "1#later"]);

    const items = await contentItems(await respondToDeepLink({ token, slug: publication.slug, scope: "range", start: "1#later", end: "1" }));
    expect(items[0]).toMatchObject({ title: "A Tiny Book — Later on to Two", custom: { publication: publication.slug, start: "1#later", end: "1" } });
    const chapter = await prisma.chapter.findFirstOrThrow({ where: { publicationId: publication.id, index: 1 }, select: { html: true } });
    expect(chapter.html).toContain(`id="${bookElementId("later")}"`);
  });

  it("sends the instructor back to the picker with their choice and the problem, and nothing to the LMS", async () => {
    await createPublication({ slug: "emma", title: "Emma", chapters: ["<p>a</p>", "<p>b</p>", "<p>c</p>"] });
    const { token } = await pickerToken(AGS);
    const cases: [Record<string, string>, string][] = [
      [{ start: "2", end: "0" }, "order"],
      [{ start: "0", end: "3" }, "range"],
      [{ start: "0", end: "1", title: "t".repeat(201) }, "title"],
      [{ start: "0", end: "1", graded: "on", score: "1001" }, "score"],
      [{ start: "0", end: "1", graded: "on", score: "0" }, "score"],
    ];
    for (const [fields, problem] of cases) {
      const response = await post({ token, slug: "emma", scope: "range", title: "Mine", ...fields });
      expect(response.status, problem).toBe(303);
      const back = new URL(response.headers.get("location")!);
      expect(back.pathname).toBe("/lti/deep-link");
      expect(Object.fromEntries(back.searchParams)).toMatchObject({ token, book: "emma", scope: "range", problem, start: fields.start, end: fields.end, ...(fields.score ? { score: fields.score, graded: "1" } : {}) });
    }
    const unknown = await post({ token, slug: "dracula", scope: "book" });
    expect(new URL(unknown.headers.get("location")!).searchParams.get("problem")).toBe("book");
    // The context itself is not the instructor's to fix: the failure page, as before.
    await signInAs(await createUser());
    const foreign = await post({ token, slug: "emma", scope: "book" });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("LTI_DEEP_LINK_CONTEXT_INVALID");
  });

  it("searches the books the access covers by title or author, case-insensitively and literally", async () => {
    const emma = await createPublication({ slug: "emma", title: "Emma" });
    await createPublication({ slug: "dracula", title: "Dracula" });
    await createPublication({ slug: "persuasion", title: "Persuasion 100% edition" });
    await prisma.publication.update({ where: { slug: "dracula" }, data: { author: "Bram Stoker" } });
    const { token, integration } = await pickerToken(null);
    expect((await getDeepLinkPicker(token, { query: "EMM" })).books.map((b) => b.slug)).toEqual(["emma"]);
    expect((await getDeepLinkPicker(token, { query: "stoker" })).books.map((b) => b.slug)).toEqual(["dracula"]);
    expect((await getDeepLinkPicker(token, { query: "%" })).books.map((b) => b.slug)).toEqual(["persuasion"]);
    const plan = await createPlan({ publicationIds: [emma.id] });
    await prisma.integration.update({ where: { id: integration.id }, data: { accessKind: "PLAN", planId: plan.id } });
    expect((await getDeepLinkPicker(token, { query: "a" })).books.map((b) => b.slug)).toEqual(["emma"]);
    expect((await getDeepLinkPicker(token, { book: "dracula" })).book).toBeNull();
    await expect(respondToDeepLink({ token, slug: "dracula", scope: "book" })).rejects.toMatchObject({ problem: "book" });
  });
});

describe("the picker page", () => {
  const render = async (query: Record<string, string>) => {
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { default: Page } = await import("@/app/lti/deep-link/page");
    return renderToStaticMarkup(await Page({ searchParams: Promise.resolve(query) }));
  };

  it("shows the chosen book's contents as a plain form, with a grade only when the platform offers one", async () => {
    await createPublication({ slug: "emma", title: "Emma", chapters: ["<p>a</p>", "<p>b</p>", "<p>c</p>"] });
    const { token } = await pickerToken(AGS);
    const html = await render({ token, book: "emma" });
    expect(html).toContain('action="/api/lti/deep-link"');
    expect(html).toMatch(/<select name="start"[^>]*>.*<option value="0" selected="">Chapter 1<\/option><option value="1">Chapter 2<\/option>/);
    expect(html).toContain('name="title" value="Emma"');
    expect(html).toContain('name="autoTitle" value="Emma"');
    expect(html).toContain('name="graded"');
    await prisma.integration.deleteMany();
    const { token: plain } = await pickerToken(null);
    expect(await render({ token: plain, book: "emma" })).not.toContain('name="graded"');
  });

  it("after a refused choice, says why and keeps what was chosen", async () => {
    await createPublication({ slug: "emma", title: "Emma", chapters: ["<p>a</p>", "<p>b</p>", "<p>c</p>"] });
    const { token } = await pickerToken(AGS);
    const html = await render({ token, book: "emma", scope: "range", start: "2", end: "1", title: "Mine", graded: "1", score: "2000", problem: "order" });
    expect(html).toContain("The reading must end at or after the place where it starts. Nothing was sent to the course.");
    expect(html).toMatch(/<select name="start"[^>]*>.*<option value="2" selected="">/);
    expect(html).toMatch(/<select name="end"[^>]*>.*<option value="1" selected="">/);
    expect(html).toContain('value="Mine"');
    expect(html).toMatch(/name="graded" checked=""/);
    expect(html).toContain('value="2000"');
  });
});
