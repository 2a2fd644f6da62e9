import { execFileSync } from "node:child_process";
import { expect, test } from "@playwright/test";
import { signIn, type Credentials } from "./support/accounts";
import { E2E_ADMIN } from "./support/env";

// Issue 14, items 1 and 2: search that finds what people type, filters in the URL, the
// publication page's access guidance, and catalog metadata edited in the Control Panel.

function makePlannedReader(): Credentials {
  return JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/support/make-planned-reader.ts", "all-books"], { encoding: "utf8" }));
}

test("the catalog finds what people type and filters by URL", async ({ page }) => {
  await page.goto("/");
  const box = page.getByRole("searchbox", { name: "Search the catalog" });
  await box.fill("alice's");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=alice%27s/);
  // The catalog's grid (the page also lists books whose text holds the words): the EPUB and the demo PDF of Alice.
  const grid = page.getByRole("list", { name: "Publications" });
  await expect(grid.getByRole("link", { name: /Cover of Alice’s Adventures in Wonderland Alice/ })).toBeVisible();
  await expect(grid.getByRole("link", { name: /Alice’s Adventures in Wonderland \(PDF edition\)/ })).toBeVisible();
  await expect(page.getByText("2 publications, best matches first")).toBeVisible();

  await page.goto("/search?q=tolst");
  await expect(grid.getByRole("link", { name: /War and Peace/ })).toBeVisible();
  await page.goto("/search?q=pride%20and%20prej");
  await expect(grid.getByRole("link", { name: /Pride and Prejudice/ })).toBeVisible();

  await page.goto("/search");
  await page.getByLabel("Price").selectOption("free");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/price=free/);
  await expect(grid.getByRole("link", { name: /Alice’s Adventures/ }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: /Pride and Prejudice/ })).toHaveCount(0);
});

test("the publication page: a price and access guidance for visitors, Start reading and no price for a reader with access", async ({ page }) => {
  await page.goto("/publications/pride-and-prejudice");
  await expect(page.getByText("$4.99", { exact: false })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Get access" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in to read" })).toBeVisible();

  await signIn(page, makePlannedReader(), "/publications/pride-and-prejudice");
  await expect(page.getByRole("link", { name: /Start reading|Continue reading/ })).toBeVisible();
  await expect(page.getByText("$4.99", { exact: false })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Get access" })).toHaveCount(0);
});

test("an administrator edits catalog metadata, with the ISBN checked, and the catalog shows it", async ({ page }) => {
  await signIn(page, E2E_ADMIN, "/admin/publications");
  await page.getByRole("link", { name: "The Adventures of Sherlock Holmes" }).first().click();
  await page.getByLabel("ISBN").fill("978-0-14-043771-9");
  await page.getByRole("button", { name: "Save catalog details" }).click();
  await expect(page.getByText("This ISBN-13's check digit (the last one) is wrong")).toBeVisible();

  await page.getByLabel("ISBN").fill("978-0-14-043771-3");
  await page.getByLabel("Subjects (BISAC)").fill("FIC022000 FICTION / Mystery & Detective / General");
  await page.getByLabel("Collections").fill("Detective shelf");
  await page.getByRole("button", { name: "Save catalog details" }).click();
  await expect(page.getByText(/^Saved\./)).toBeVisible();

  await page.goto("/search?q=9780140437713");
  await expect(page.getByRole("link", { name: /Sherlock Holmes/ })).toBeVisible();
  await page.goto("/search?collection=detective-shelf");
  await expect(page.getByRole("link", { name: /Sherlock Holmes/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /War and Peace/ })).toHaveCount(0);
  await page.goto("/publications/adventures-of-sherlock-holmes");
  await expect(page.getByText("9780140437713")).toBeVisible();
  await expect(page.getByRole("link", { name: "FICTION / Mystery & Detective / General" })).toBeVisible();
});
