import { describe, expect, it } from "vitest";
import { GET as getFile, HEAD as headFile } from "@/app/api/publications/[slug]/file/route";
import { GET as enter } from "@/app/access/[integrationId]/route";
import { prisma } from "@/lib/db";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { signLinkParams } from "@/lib/guest-access/signed-link";
import { setIntegrationEnabledRecord } from "@/lib/integrations/manage-integration";
import { createAdminUser, createPlan, createUser, grantPlan } from "@/tests/support/factories";
import { createPdfPublication } from "@/tests/support/pdf";
import { setRequestHeaders, signInAs } from "@/tests/support/request-context";
import { launchStudent } from "@/tests/integration/account/launch-student";

const origin = "http://localhost:3000";
const params = <P>(p: P) => ({ params: Promise.resolve(p) });
const file = (slug: string, headers: Record<string, string> = {}) =>
  getFile(new Request(`${origin}/api/publications/${slug}/file`, { headers }), params({ slug }));
const head = (slug: string, headers: Record<string, string> = {}) =>
  headFile(new Request(`${origin}/api/publications/${slug}/file`, { method: "HEAD", headers }), params({ slug }));
const bytesOf = async (response: Response) => Buffer.from(await response.arrayBuffer());

async function readerWithPlan(publicationId: string) {
  const reader = await createUser();
  await grantPlan(reader.id, (await createPlan({ publicationIds: [publicationId] })).id);
  await signInAs(reader);
  return reader;
}

describe("book file: access", () => {
  it("answers 401 to a visitor and 403 to a reader without access, on GET and HEAD, before reading a byte", async () => {
    await createPdfPublication({ slug: "paid-pdf" });
    for (const response of [await file("paid-pdf"), await head("paid-pdf"), await file("paid-pdf", { range: "bytes=0-99" })]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("content-range")).toBeNull();
    }
    await signInAs(await createUser());
    for (const response of [await file("paid-pdf"), await head("paid-pdf"), await file("paid-pdf", { range: "bytes=1000-1999" })]) {
      expect(response.status).toBe(403);
      expect(response.headers.get("content-type")).toContain("application/json");
    }
    expect((await (await file("paid-pdf")).json()).error.code).toBe("FORBIDDEN");
  });

  it("lets anyone fetch a free book's file; hides unpublished books from all but administrators; 404 for no such book", async () => {
    await createPdfPublication({ slug: "free-pdf", isFree: true });
    expect((await file("free-pdf")).status).toBe(200);
    await createPdfPublication({ slug: "draft-pdf", published: false });
    const everything = await createUser();
    await prisma.accessGrant.create({ data: { userId: everything.id, kind: "FULL", source: "ADMIN" } });
    await signInAs(everything);
    expect((await file("draft-pdf")).status).toBe(404);
    await signInAs(await createAdminUser());
    expect((await file("draft-pdf")).status).toBe(200);
    expect((await file("no-such-book")).status).toBe(404);
  });

  it("guest access: the plan's book is served, another book is 403, and a disabled integration stops it at once", async () => {
    const { publication } = await createPdfPublication({ slug: "plan-pdf" });
    await createPdfPublication({ slug: "other-pdf" });
    const plan = await createPlan({ publicationIds: [publication.id] });
    const secret = "s".repeat(43);
    const integration = await prisma.integration.create({
      data: { name: "School link", kind: "SIGNED_LINK", accessKind: "PLAN", planId: plan.id, sharedSecretEnc: encryptSecret(secret) },
    });
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const entered = await enter(new Request(`${origin}/access/${integration.id}?exp=${exp}&sig=${signLinkParams(secret, integration.id, exp)}`), params({ integrationId: integration.id }));
    setRequestHeaders({ cookie: entered.headers.get("set-cookie")!.split(";")[0]! });
    expect((await file("plan-pdf", { range: "bytes=0-4" })).status).toBe(206);
    const other = await file("other-pdf");
    expect(other.status).toBe(403);
    expect((await other.json()).error.message).toContain("shared access does not include this publication");
    await setIntegrationEnabledRecord(integration.id, false);
    expect((await file("plan-pdf", { range: "bytes=0-4" })).status).toBe(403);
  });

  it("LTI access: a student launched with the plan reads the file; once the integration is disabled, 403", async () => {
    const { publication } = await createPdfPublication({ slug: "course-pdf" });
    const plan = await createPlan({ publicationIds: [publication.id] });
    const { userId, integration } = await launchStudent({ planId: plan.id });
    await signInAs(await prisma.user.findUniqueOrThrow({ where: { id: userId } }));
    expect((await file("course-pdf", { range: "bytes=-10" })).status).toBe(206);
    await setIntegrationEnabledRecord(integration.id, false);
    expect((await file("course-pdf", { range: "bytes=-10" })).status).toBe(403);
  });
});

describe("book file: bytes and ranges", () => {
  it("sends the whole file with its type, size, ETag (the SHA-256), private caching and a sandbox", async () => {
    const { publication, bytes, sha256 } = await createPdfPublication({ slug: "paid-pdf" });
    await readerWithPlan(publication.id);
    const response = await file("paid-pdf");
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/pdf", "accept-ranges": "bytes", etag: `"${sha256}"`, "content-length": String(bytes.length),
      "cache-control": "private, no-cache", "x-content-type-options": "nosniff", "content-disposition": 'inline; filename="paid-pdf.pdf"',
    });
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect((await bytesOf(response)).equals(bytes)).toBe(true);
  });

  it("answers bytes=a-b, a- and -n with 206, Content-Range and exactly those bytes", async () => {
    const { publication, bytes } = await createPdfPublication({ slug: "paid-pdf" });
    await readerWithPlan(publication.id);
    const size = bytes.length;
    const cases: [string, number, number][] = [["bytes=0-99", 0, 99], ["bytes=1000-", 1000, size - 1], ["bytes=-64", size - 64, size - 1], ["bytes=500-999999999", 500, size - 1]];
    for (const [range, start, end] of cases) {
      const response = await file("paid-pdf", { range });
      expect(response.status).toBe(206);
      expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
      expect(response.headers.get("content-length")).toBe(String(end - start + 1));
      expect((await bytesOf(response)).equals(bytes.subarray(start, end + 1))).toBe(true);
    }
  });

  it("answers 416 with the size for a range past the end; several ranges get the whole file", async () => {
    const { publication, bytes } = await createPdfPublication({ slug: "paid-pdf" });
    await readerWithPlan(publication.id);
    const past = await file("paid-pdf", { range: `bytes=${bytes.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
    const several = await file("paid-pdf", { range: "bytes=0-1,4-5" });
    expect(several.status).toBe(200);
    expect((await bytesOf(several)).length).toBe(bytes.length);
  });

  it("honours If-Range (range only for the current ETag) and If-None-Match (304 after the access check)", async () => {
    const { publication, bytes, sha256 } = await createPdfPublication({ slug: "paid-pdf" });
    const reader = await readerWithPlan(publication.id);
    expect((await file("paid-pdf", { range: "bytes=0-9", "if-range": `"${sha256}"` })).status).toBe(206);
    const stale = await file("paid-pdf", { range: "bytes=0-9", "if-range": '"an-older-file"' });
    expect(stale.status).toBe(200);
    expect((await bytesOf(stale)).length).toBe(bytes.length);
    expect((await file("paid-pdf", { "if-none-match": `"${sha256}"` })).status).toBe(304);
    // Access taken away: the cached copy is not confirmed.
    await prisma.accessGrant.deleteMany({ where: { userId: reader.id } });
    expect((await file("paid-pdf", { "if-none-match": `"${sha256}"` })).status).toBe(403);
  });

  it("HEAD gives the headers without a body", async () => {
    const { publication, bytes } = await createPdfPublication({ slug: "paid-pdf" });
    await readerWithPlan(publication.id);
    const response = await head("paid-pdf");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(bytes.length));
    expect(response.body).toBeNull();
    const ranged = await head("paid-pdf", { range: "bytes=10-19" });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 10-19/${bytes.length}`);
  });

  it("serves a file kept in the database column (stored before the storage backend), ranges included", async () => {
    const { publication, bytes } = await createPdfPublication({ slug: "old-pdf" });
    await prisma.publicationFile.update({ where: { publicationId: publication.id }, data: { storageKey: null, data: new Uint8Array(bytes), size: 0 } });
    await readerWithPlan(publication.id);
    const response = await file("old-pdf", { range: "bytes=5-14" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 5-14/${bytes.length}`);
    expect((await bytesOf(response)).equals(bytes.subarray(5, 15))).toBe(true);
  });

  it("answers 404 when the publication has no file, never another book's", async () => {
    const { publication } = await createPdfPublication({ slug: "gone-pdf" });
    await prisma.publicationFile.delete({ where: { publicationId: publication.id } });
    await readerWithPlan(publication.id);
    expect((await file("gone-pdf")).status).toBe(404);
  });
});
