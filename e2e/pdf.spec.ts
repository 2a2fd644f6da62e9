import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { buildPdf } from "../tests/support/pdf-file";
import { makeReader, signIn, type Credentials } from "./support/accounts";
import { E2E_ADMIN } from "./support/env";

// Issue 13, done when: an administrator uploads a multi-page PDF through the Control Panel form,
// checks what was read from it, publishes it and puts it in a plan; a reader with that plan opens
// it, jumps to page 30 (the file comes by byte range requests, each one access-checked),
// searches, highlights a sentence with a note, and in a new browser context finds the page, the
// highlight and the note again. A reader without access gets 403 on the file URL, a visitor 401.

type Setup = { slug: string; reader: Credentials; outsider: Credentials };
const TITLE = "Field Guide to Ordinary Animals";
const AUTHOR = "Rosa Lichen";
const NOTE = "Zebras cross at dawn: check chapter 4.";

// Full pages of uncompressed text make a file of a few megabytes, large enough that pdf.js reads it
// by byte ranges (a file under two range chunks is simply fetched whole).
const filler = (i: number) => `Page ${i + 1} of the field guide describes ordinary animals in ordinary places, one paragraph at a time. `.repeat(75);
const PAGES = Array.from({ length: 40 }, (_, i) => ({
  text: i === 29 ? `On page thirty the striped zebra crossed the river at dawn. A second sentence follows it here. ${filler(i)}` : filler(i),
  ...(i % 10 === 0 ? { outline: `Section ${i / 10 + 1}` } : {}),
}));

function makePlannedReader(planSlug: string): Credentials {
  return JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/support/make-planned-reader.ts", planSlug], { encoding: "utf8" }));
}

/**
 * The administrator's part, all through the Control Panel: upload the PDF, check title, author,
 * page count, outline and cover, publish it, and create a plan with only this book in it.
 */
async function uploadAndPublish(browser: Browser): Promise<Setup> {
  const dir = mkdtempSync(join(tmpdir(), "folio-e2e-pdf-"));
  const file = join(dir, "field-guide.pdf");
  writeFileSync(file, await buildPdf(PAGES, { compress: false, fontSize: 7, size: "A4", title: TITLE, author: AUTHOR }));
  const suffix = Date.now().toString(36);
  const slug = `field-guide-${suffix}`;
  const context = await browser.newContext();
  const admin = await context.newPage();
  try {
    await signIn(admin, E2E_ADMIN, "/admin/publications");
    await expect(admin).toHaveURL(/\/admin\/publications/);
    // The form posts through its script: wait until the page is hydrated.
    await admin.waitForLoadState("networkidle");
    await admin.getByLabel("Book file").setInputFiles(file);
    await admin.getByLabel(/Address/).fill(slug);
    await admin.getByRole("button", { name: "Upload" }).click();
    await expect(admin).toHaveURL(/\/admin\/publications\/[^/?]+\?uploaded=1/, { timeout: 60_000 });
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(TITLE);
    await expect(admin.getByText(AUTHOR, { exact: true })).toBeVisible();
    await expect(admin.getByText("40 pages")).toBeVisible();
    await expect(admin.getByText("Draft", { exact: true })).toBeVisible();
    const outline = admin.locator("section").filter({ has: admin.getByRole("heading", { name: "Outline" }) });
    await expect(outline.getByRole("link", { name: "Section 4" })).toBeVisible();
    await expect(outline.getByText("p. 31")).toBeVisible();
    // The cover drawn from page 1 is served.
    const cover = await admin.request.get(`/api/publications/${slug}/cover`);
    expect(cover.status()).toBe(200);
    expect(cover.headers()["content-type"]).toBe("image/webp");

    await admin.getByRole("button", { name: "Publish", exact: true }).click();
    await expect(admin.getByRole("button", { name: "Unpublish" })).toBeVisible();
    await admin.reload();
    await expect(admin.getByText("Published", { exact: true })).toBeVisible();

    // A plan with only this book, so the reader's access comes from it and nothing else.
    const planSlug = `field-guides-${suffix}`;
    await admin.goto("/admin/plans");
    await admin.waitForLoadState("networkidle");
    await admin.getByLabel("Name", { exact: true }).fill("Field guides");
    await admin.getByLabel("Address", { exact: true }).fill(planSlug);
    await admin.getByLabel("Only the collections and books I pick").check();
    await admin.getByRole("checkbox", { name: new RegExp(TITLE) }).check();
    await admin.getByRole("button", { name: "Create plan" }).click();
    await expect(admin.getByRole("status")).toContainText("Plan “Field guides” created.");
    return { slug, reader: makePlannedReader(planSlug), outsider: makeReader() };
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const pageBox = (page: Page, index: number) => page.locator(`[data-pdf-page="${index}"]`);

/** Selects `text` in the page's text layer (it may run over several spans), as a person dragging over it would. */
async function selectText(page: Page, index: number, text: string): Promise<void> {
  await page.evaluate(({ index, text }) => {
    const layer = document.querySelector<HTMLElement>(`[data-pdf-page="${index}"] .folio-pdf-text`)!;
    const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
    const nodes: Text[] = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
    const all = nodes.map((n) => n.data).join("");
    const start = all.indexOf(text);
    if (start < 0) throw new Error(`"${text}" is not in the text layer: ${all.slice(0, 200)}`);
    const end = start + text.length;
    const range = document.createRange();
    let pos = 0;
    for (const node of nodes) {
      const next = pos + node.data.length;
      if (start >= pos && start < next) range.setStart(node, start - pos);
      if (end > pos && end <= next) range.setEnd(node, end - pos);
      pos = next;
    }
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  }, { index, text });
}

test("an administrator uploads and publishes a PDF; a reader with a plan jumps, searches, highlights and notes, and finds it all again in a new browser", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const setup = await uploadAndPublish(browser);

  const first = await browser.newContext();
  const page = await first.newPage();
  const fileResponses: { status: number; range: string | null }[] = [];
  page.on("response", (r) => {
    if (r.url().includes(`/api/publications/${setup.slug}/file`)) fileResponses.push({ status: r.status(), range: r.request().headers()["range"] ?? null });
  });
  await signIn(page, setup.reader, `/read/${setup.slug}`);
  await expect(page.locator(".folio-reader[data-ready][data-format='pdf']")).toBeVisible();
  await expect(pageBox(page, 0)).toHaveAttribute("data-rendered", "");

  await page.getByLabel(/Page number/).fill("30");
  await page.getByLabel(/Page number/).press("Enter");
  await expect(pageBox(page, 29)).toHaveAttribute("data-rendered", "");
  await expect(pageBox(page, 29).locator(".folio-pdf-text")).toContainText("striped zebra");
  expect(fileResponses.some((r) => r.status === 206 && r.range?.startsWith("bytes="))).toBe(true);

  // Search, from the first page: the hit brings page 30 back.
  await page.getByLabel(/Page number/).fill("1");
  await page.getByLabel(/Page number/).press("Enter");
  await page.getByRole("button", { name: /Contents/ }).click();
  await page.getByLabel("Search in this book").fill("striped zebra");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByRole("button", { name: /Page 30/ }).click();
  await expect(pageBox(page, 29)).toBeInViewport();
  await page.keyboard.press("Escape");

  // Closing the panel widens the page area: the pages are drawn again at the new width.
  await expect(pageBox(page, 29).locator(".folio-pdf-text")).toContainText("striped zebra");
  // The redraw may empty the text layer for a moment once more: select when the words are there.
  await expect(async () => selectText(page, 29, "striped zebra crossed the river")).toPass({ timeout: 15_000 });
  await page.getByRole("button", { name: "Highlight green" }).click();
  await expect(pageBox(page, 29).locator("mark.folio-hl-green").first()).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Note" }).click();
  await page.getByRole("dialog").getByLabel("Note").fill(NOTE);
  await page.getByRole("dialog").getByRole("button", { name: "Save note" }).click();
  await expect(pageBox(page, 29).locator("mark.folio-hl-noted").first()).toBeVisible();

  // Back to the top of page 30, read on a little, and let the throttled save reach the server.
  await page.keyboard.press("Escape");
  await page.getByLabel(/Page number/).fill("30");
  await page.getByLabel(/Page number/).press("Enter");
  const saved = page.waitForResponse((r) => r.url().endsWith("/progress") && r.request().method() === "PUT");
  await page.mouse.move(400, 400);
  await page.mouse.wheel(0, 60);
  await saved;
  const top = await pageBox(page, 29).evaluate((e) => e.getBoundingClientRect().top);
  await first.close();

  const second = await browser.newContext();
  const other = await second.newPage();
  await signIn(other, setup.reader, `/read/${setup.slug}`);
  await expect(other.locator(".folio-reader[data-ready]")).toBeVisible();
  await expect(other.getByLabel(/Page number/)).toHaveValue("30");
  // The same place on the page, within a few pixels (same window size, same zoom).
  await expect.poll(() => pageBox(other, 29).evaluate((e) => e.getBoundingClientRect().top)).toBeGreaterThan(top - 20);
  expect(await pageBox(other, 29).evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(top + 20);
  await expect(pageBox(other, 29).locator("mark.folio-hl-green").first()).toBeVisible();
  await expect(pageBox(other, 29).locator("mark.folio-hl-green").first()).toContainText("striped");
  await other.getByRole("button", { name: /Notes/ }).click();
  await expect(other.getByText(NOTE)).toBeVisible();
  await expect(other.getByText("Page 30", { exact: true })).toBeVisible();
  await second.close();

  // Nobody else gets a byte of it: 401 for a visitor, 403 for a reader without the plan.
  expect((await request.get(`/api/publications/${setup.slug}/file`)).status()).toBe(401);
  const outside = await browser.newContext();
  const stranger = await outside.newPage();
  await signIn(stranger, setup.outsider, "/library");
  await expect(stranger.getByRole("heading", { name: "My library" })).toBeVisible();
  const refused = await stranger.request.get(`/api/publications/${setup.slug}/file`, { headers: { range: "bytes=0-99" } });
  expect(refused.status()).toBe(403);
  await outside.close();
});

test("the catalog shows the seed's demo PDF", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Alice’s Adventures in Wonderland \(PDF edition\)/ })).toBeVisible();
});
