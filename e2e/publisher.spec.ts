import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import JSZip from "jszip";
import { expect, test, type Page } from "@playwright/test";
import { buildEpub, opf } from "../tests/support/epub";
import { signIn, type Credentials } from "./support/accounts";
import { E2E_ADMIN } from "./support/env";

// Issue 14, done when: the owner replaces War and Peace's file with another edition and the
// reader's highlight comes back in place; a CSV + zip import of several books ends with a report
// and the books in the catalog. The production server's own job workers run the import.

const BOOK = "war-and-peace";
const CHAPTER = 6;

function makePlannedReader(): Credentials {
  return JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/support/make-planned-reader.ts", "all-books"], { encoding: "utf8" }));
}

/** Another edition: a preface before everything, every chapter's lines re-broken and its apostrophes straightened. */
async function anotherEdition(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(`prisma/demo-books/${BOOK}.epub`));
  const container = await zip.file("META-INF/container.xml")!.async("string");
  const opfPath = /full-path="([^"]+)"/.exec(container)![1]!;
  const base = opfPath.includes("/") ? opfPath.slice(0, opfPath.lastIndexOf("/") + 1) : "";
  let pkg = await zip.file(opfPath)!.async("string");
  pkg = pkg.replace(/<manifest([^>]*)>/, `<manifest$1><item id="folio-preface" href="folio-preface.xhtml" media-type="application/xhtml+xml"/>`)
    .replace(/<spine([^>]*)>/, `<spine$1><itemref idref="folio-preface"/>`);
  zip.file(opfPath, pkg);
  zip.file(`${base}folio-preface.xhtml`, `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>Preface</title></head><body><h1>Preface to this edition</h1><p>This edition adds a preface and resets the type.</p></body></html>`);
  for (const name of Object.keys(zip.files).filter((n) => /\.x?html?$/.test(n) && !n.endsWith("folio-preface.xhtml"))) {
    const html = await zip.file(name)!.async("string");
    zip.file(name, html.replace(/\n/g, "\n  ").replace(/’/g, "'"));
  }
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

const fold = (s: string) => s.replace(/\s+/g, " ").replace(/[‘’]/g, "'").trim();

async function highlightAParagraph(page: Page): Promise<string> {
  const quote = await page.evaluate(() => {
    const p = [...document.querySelectorAll<HTMLElement>(".folio-chapter p")].filter((el) => (el.textContent ?? "").length > 120)[2]!;
    p.scrollIntoView({ block: "center" });
    const range = document.createRange();
    range.selectNodeContents(p);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return p.textContent!.trim();
  });
  await page.getByRole("button", { name: "Highlight green" }).click();
  await expect(page.locator("mark.folio-hl-green").first()).toBeVisible();
  return quote;
}

const markedText = (page: Page) => page.evaluate(() => [...document.querySelectorAll("mark.folio-hl-green")].map((m) => m.textContent).join(""));

test("a new edition of War and Peace keeps the reader's highlight in place", async ({ browser }) => {
  test.setTimeout(180_000);
  const reader = makePlannedReader();
  const readerContext = await browser.newContext();
  const page = await readerContext.newPage();
  await signIn(page, reader, `/read/${BOOK}?chapter=${CHAPTER}`);
  await expect(page.locator(".folio-reader[data-ready]")).toBeVisible();
  const quote = await highlightAParagraph(page);
  await expect.poll(async () => fold(await markedText(page))).toBe(fold(quote));

  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, E2E_ADMIN, "/admin/publications");
  await admin.getByRole("link", { name: /War and Peace/ }).first().click();
  await admin.getByLabel("New edition (EPUB)").setInputFiles({ name: "war-and-peace-2nd.epub", mimeType: "application/epub+zip", buffer: await anotherEdition() });
  await admin.getByRole("button", { name: "Replace file" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Replaced:" })).toContainText("1 highlight placed in the new edition", { timeout: 120_000 });
  await adminContext.close();

  // The preface moved every chapter one on; the highlight is on the same words.
  await page.goto(`/read/${BOOK}?chapter=${CHAPTER + 1}`);
  await expect(page.locator(".folio-reader[data-ready]")).toBeVisible();
  await expect(page.locator("mark.folio-hl-green").first()).toBeVisible();
  expect(fold(await markedText(page))).toBe(fold(quote));
  await readerContext.close();
});

test("a CSV and a zip of books import in the Control Panel, with a report, and the books reach the catalog", async ({ page }) => {
  test.setTimeout(180_000);
  const titles = ["Backlist Harbour", "Backlist Meadow", "Backlist Lantern"];
  const zip = new JSZip();
  for (const [i, title] of titles.entries()) zip.file(`books/${i + 1}.epub`, await buildEpub({ "OEBPS/content.opf": opf({ title }) }));
  zip.file("books/not-listed.epub", await buildEpub({ "OEBPS/content.opf": opf({ title: "Not Listed" }) }));
  const csv = ["file,title,author,price,published,shelf", ...titles.map((t, i) => `books/${i + 1}.epub,${t},Ada Writer,${i + 1}.50,yes,backlist`), "books/missing.epub,Missing,Nobody,1,yes,"].join("\n");

  await signIn(page, E2E_ADMIN, "/admin/publications/import");
  await page.getByLabel("Metadata (CSV)").setInputFiles({ name: "backlist.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByLabel("Books (zip of EPUB and PDF files)").setInputFiles({ name: "backlist.zip", mimeType: "application/zip", buffer: await zip.generateAsync({ type: "nodebuffer" }) });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/admin\/publications\/import\/[a-z0-9]+$/);
  await expect(page.getByRole("status")).toContainText("4 of 4 rows done: 3 imported, 0 skipped, 1 failed", { timeout: 120_000 });
  await expect(page.getByText("Columns not used: shelf.")).toBeVisible();
  await expect(page.getByText('The file "books/missing.epub" is not in the zip.')).toBeVisible();
  for (const title of titles) await expect(page.getByRole("link", { name: title })).toBeVisible();

  await page.goto("/search?q=backlist");
  for (const title of titles) await expect(page.getByRole("heading", { name: title })).toBeVisible();
});
