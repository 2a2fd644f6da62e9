import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { signIn, type Credentials } from "./support/accounts";

// A reader with a plan reads, highlights, annotates and exports; then, in a new browser context
// (another device), finds the place, the highlight and the notes where they left them.

const BOOK = "pride-and-prejudice";
const NOTE = "Mr. Bennet's irony, again.";
const BOOK_NOTE = "Compare with Emma for the essay.";

function makePlannedReader(): Credentials {
  return JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/support/make-planned-reader.ts", "all-books"], { encoding: "utf8" }));
}

/** Selects the text of the chapter's fourth long paragraph, as a person dragging over it would. */
async function selectParagraph(page: Page): Promise<string> {
  return page.evaluate(() => {
    const paragraphs = [...document.querySelectorAll<HTMLElement>(".folio-chapter p")].filter((p) => (p.textContent ?? "").length > 120);
    const p = paragraphs[3]!;
    p.scrollIntoView({ block: "center" });
    const range = document.createRange();
    range.selectNodeContents(p);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
    return p.textContent!.trim();
  });
}

test("reading, highlights and notes follow the reader to a new browser", async ({ browser }) => {
  const reader = makePlannedReader();
  const first = await browser.newContext();
  const page = await first.newPage();
  await signIn(page, reader, `/read/${BOOK}?chapter=6`);
  await expect(page).toHaveURL(new RegExp(`/read/${BOOK}\\?chapter=6`));
  await expect(page.locator(".folio-reader[data-ready]")).toBeVisible();

  const quote = await selectParagraph(page);
  await page.getByRole("button", { name: "Highlight green" }).click();
  await expect(page.locator("mark.folio-hl-green").first()).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Note" }).click();
  await page.getByRole("dialog").getByLabel("Note").fill(NOTE);
  await page.getByRole("dialog").getByRole("button", { name: "Save note" }).click();
  await expect(page.locator("mark.folio-hl-noted").first()).toBeVisible();

  await page.getByRole("button", { name: /Notes/ }).click();
  await page.getByRole("button", { name: "Add a note" }).click();
  await page.getByLabel("New note").fill(BOOK_NOTE);
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByText(BOOK_NOTE)).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export (Markdown)" }).click()]);
  const markdown = readFileSync((await download.path())!, "utf8");
  expect(markdown).toContain("# Pride and Prejudice");
  expect(markdown).toContain(quote.slice(0, 40).replace(/([\\`*_[\]<>#|])/g, "\\$1"));
  expect(markdown).toContain("Mr. Bennet's irony, again.");
  expect(markdown).toContain(BOOK_NOTE);

  // Read on a little, and let the throttled save reach the server.
  await page.keyboard.press("Escape");
  await page.mouse.move(400, 400);
  const saved = page.waitForResponse((r) => r.url().endsWith(`/progress`) && r.request().method() === "PUT");
  await page.mouse.wheel(0, 900);
  await saved;
  const position = await page.evaluate(() => window.scrollY);
  await first.close();

  const second = await browser.newContext();
  const other = await second.newPage();
  await signIn(other, reader, "/library");
  await expect(other.getByRole("heading", { name: "My library" })).toBeVisible();
  await other.getByRole("link", { name: "Continue reading →" }).first().click();
  await expect(other).toHaveURL(new RegExp(`/read/${BOOK}`));
  await expect(other.locator(".folio-reader[data-ready]")).toBeVisible();
  await expect(other.locator("mark.folio-hl-green").first()).toBeVisible();
  await expect.poll(() => other.evaluate(() => window.scrollY)).toBeGreaterThan(position - 150);
  expect(await other.evaluate(() => window.scrollY)).toBeLessThan(position + 150);
  await other.getByRole("button", { name: /Notes/ }).click();
  await expect(other.getByText(NOTE)).toBeVisible();
  await expect(other.getByText(BOOK_NOTE)).toBeVisible();
  await second.close();
});

// Issue 14, item 5: where am I in the book, how long is left, and highlights that behave.
test("War and Peace opens on its first chapter with text, says where it is and how much is left", async ({ page }) => {
  const reader = makePlannedReader();
  await signIn(page, reader, "/read/war-and-peace");
  await expect(page.locator(".folio-reader[data-ready]")).toBeVisible();
  // Not the "Book I" divider page the bodymatter landmark points at.
  await expect(page.locator(".folio-chapter")).toContainText("Well, Prince, so Genoa and Lucca");
  await expect(page.locator(".folio-reader [data-trail]").first()).toHaveText("Book One › Part One: 1805 › Chapter I");
  await expect(page.locator("main")).toContainText(/\b1% of the book · about \d+ h left/);

  // Search results and the contents say where a passage is, too.
  await page.getByRole("button", { name: "Contents and search" }).click();
  await expect(page.getByRole("complementary", { name: "Contents and search" }).locator("[data-trail]")).toContainText("You are in: Book One › Part One: 1805 › Chapter I");
  await page.getByRole("searchbox", { name: "Search in this book" }).fill("Borodinó");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("complementary").getByText(/^Book \w+ › Part \w+.* › Chapter [IVXL]+$/).first()).toBeVisible();
  await page.keyboard.press("Escape");

  // A drag that cuts words highlights whole words; a second, overlapping one merges into it.
  // Selects from the start of `a` to the end of `b` in the paragraph, across any marks in it.
  const select = (from: string, to: string) => page.evaluate(([a, b]) => {
    const p = [...document.querySelectorAll<HTMLElement>(".folio-chapter p")].find((el) => el.textContent!.includes("virulent attack"))!;
    p.scrollIntoView({ block: "center" });
    const at = (offset: number): [Node, number] => {
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (offset <= n.textContent!.length) return [n, offset];
        offset -= n.textContent!.length;
      }
      throw new Error("past the paragraph");
    };
    const text = p.textContent!;
    const range = document.createRange();
    range.setStart(...at(text.indexOf(a!)));
    range.setEnd(...at(text.indexOf(b!) + b!.length));
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  }, [from, to]);
  await select("ulent attack", "repl");
  await expect.poll(() => page.evaluate(() => getSelection()!.toString())).toBe("virulent attack!” replied");
  await page.getByRole("button", { name: "Highlight yellow" }).click();
  await expect(page.locator("mark.folio-hl")).toHaveText(["virulent attack!” replied"]);
  await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();
  await select("what a vir", "what a vir");
  await page.getByRole("button", { name: "Highlight blue" }).click();
  await expect(page.locator("mark.folio-hl-blue")).toHaveText(["what a virulent attack!” replied"]);
  await expect(page.locator("mark.folio-hl-yellow")).toHaveCount(0);

  // A panel opening closes the highlight toolbar.
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByRole("button", { name: /^Notes/ }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByRole("complementary", { name: "Highlights and notes" }).locator("h3")).toHaveText(["Book One › Part One: 1805 › Chapter I"]);
  await page.keyboard.press("Escape");

  // Dark covers the whole page, the site's header and footer included.
  await page.getByRole("button", { name: "Text size and theme" }).click();
  await page.getByRole("radio", { name: "Dark" }).click();
  const backgrounds = await page.evaluate(() => ["body", "body > header", "body > footer"].map((s) => getComputedStyle(document.querySelector(s)!).backgroundColor));
  expect(backgrounds).toEqual(["rgb(23, 23, 26)", "rgb(23, 23, 26)", "rgb(23, 23, 26)"]);
});

test("inside an LMS frame the reader's own bar replaces the site header", async ({ page, baseURL }) => {
  // A course page on another origin (a local server: Chromium keeps public pages from framing local ones).
  const course = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>Course</title><iframe src="${baseURL}/read/alice-in-wonderland" style="width:1000px;height:700px"></iframe>`);
  });
  await new Promise<void>((resolve) => course.listen(0, "127.0.0.1", resolve));
  const { port } = course.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/`);
  const frame = page.frameLocator("iframe");
  await expect(frame.locator(".folio-reader[data-ready]")).toBeVisible();
  await expect(frame.getByRole("heading", { level: 1, name: /Alice/ })).toBeVisible();
  await expect(frame.getByRole("link", { name: "Back to the book's page" })).toBeVisible();
  await expect(frame.locator("body > header")).toBeHidden();
  await expect(frame.locator("body > footer")).toBeHidden();
  // The same page opened on its own keeps the site header.
  course.close();
  await page.goto("/read/alice-in-wonderland");
  await expect(page.locator("body > header")).toBeVisible();
});
