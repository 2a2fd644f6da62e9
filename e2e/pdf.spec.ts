import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { signIn, type Credentials } from "./support/accounts";

// A reader with a plan opens a PDF, jumps to page 30 (fetched by byte ranges, not the whole file),
// searches, highlights a sentence with a note, and in a new browser context finds the page, the
// highlight and the note again. A reader without access gets 403 on the file URL, a visitor 401.
//
// Still to add once PDF upload is on main (another branch builds it): instead of
// e2e/support/make-pdf-book.ts storing the book directly, sign in as E2E_ADMIN, upload the same
// PDF (buildPdf from tests/support/pdf.ts written to a temporary file, setInputFiles on the upload
// form), check title / page count / outline on the publication page, publish it and add it to a
// plan, then give the reader that plan (make-planned-reader.ts takes a plan slug). Everything after
// the upload stays as it is. The upload must keep the file where the server reads it (STORAGE_DIR,
// `.data/storage` for both by default) and store one Chapter row per page with its text.

type Setup = { slug: string; reader: Credentials; outsider: Credentials };
const NOTE = "Zebras cross at dawn: check chapter 4.";

function makePdfBook(): Setup {
  return JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/support/make-pdf-book.ts"], { encoding: "utf8" }));
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

test("a PDF: page jump by ranges, search, highlight and note, and the same place in a new browser", async ({ browser }) => {
  const setup = makePdfBook();
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
  await selectText(page, 29, "striped zebra crossed the river");
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
});

test("the PDF file URL answers 403 to a reader without access and 401 to a visitor", async ({ browser, request }) => {
  const setup = makePdfBook();
  expect((await request.get(`/api/publications/${setup.slug}/file`)).status()).toBe(401);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, setup.outsider, "/library");
  await expect(page.getByRole("heading", { name: "My library" })).toBeVisible();
  const response = await page.request.get(`/api/publications/${setup.slug}/file`, { headers: { range: "bytes=0-99" } });
  expect(response.status()).toBe(403);
  await context.close();
});
