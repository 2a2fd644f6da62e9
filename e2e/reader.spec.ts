import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
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
