import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_ORIGIN } from "./support/env";
import { signIn } from "./support/accounts";
import { buildEpub, chapterXhtml } from "../tests/support/epub";

// A book's ids are its own, not the page's: an element with id="__next_f" in a chapter would be
// window.__next_f and stop Next from starting the reader (DOM clobbering). The sanitizer prefixes
// them bk-, and the reader still lands on a #fragment the book links to.

const filler = Array.from({ length: 40 }, (_, i) => `<p>Filler paragraph ${i + 1}, long enough to push the target below the fold of the window.</p>`).join("");

test("a chapter with id=\"__next_f\" opens in the reader, and its #fragment links still land", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  const epub = await buildEpub({
    "OEBPS/one.xhtml": chapterXhtml("One", `<p id="__next_f">Clobber.</p><p id="__next_s">Again.</p><p>First chapter, with <a href="two.xhtml#later">a link</a>.</p>`),
    "OEBPS/two.xhtml": chapterXhtml("Two", `${filler}<p id="later">Later on.</p>${filler}`),
  });
  await signIn(page, E2E_ADMIN, "/admin/publications");
  await expect(page).toHaveURL(/\/admin\/publications$/);
  const slug = `clobber-${Date.now()}`;
  const upload = await page.request.post(`/api/admin/publications?slug=${slug}`, {
    headers: { origin: E2E_ORIGIN, "content-type": "application/epub+zip" },
    data: epub,
  });
  expect(upload.status()).toBe(201);

  // Chapter one by address: a first reading would start on two, the first chapter with 20 words (decision 31).
  await page.goto(`/read/${slug}?chapter=0`);
  await expect(page.locator(".folio-reader[data-ready]")).toBeVisible();
  await expect(page.locator('.folio-chapter [id="bk-__next_f"]')).toHaveText("Clobber.");
  expect(await page.evaluate(() => Array.isArray((window as unknown as { __next_f: unknown }).__next_f))).toBe(true);

  await page.getByRole("link", { name: "a link" }).click();
  await expect(page).toHaveURL(new RegExp(`/read/${slug}\\?chapter=1#later$`));
  await expect(page.locator('.folio-chapter [id="bk-later"]')).toBeInViewport();
  expect(errors).toEqual([]);
});
