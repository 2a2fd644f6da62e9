import { expect, test } from "@playwright/test";
import { makeReader, signIn } from "./support/accounts";
import { E2E_ADMIN } from "./support/env";

test("the catalog lists the demo books and searches them", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "The library" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Pride and Prejudice/ })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search the catalog" }).fill("austen");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/\/search\?q=austen/);
  const grid = page.getByRole("list", { name: "Publications" });
  await expect(grid.getByRole("link", { name: /Pride and Prejudice/ })).toBeVisible();
  await expect(grid.getByRole("link", { name: /War and Peace/ })).toHaveCount(0);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await signIn(page, { email: E2E_ADMIN.email, password: "not the password at all" });
  await expect(page.getByText("That email and password don't match an account.")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("the administrator signs in and reaches the Control Panel", async ({ page }) => {
  await signIn(page, E2E_ADMIN, "/admin");
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test("the Control Panel sends visitors to sign in and refuses readers", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);

  const reader = makeReader();
  await signIn(page, reader, "/");
  await expect(page.getByRole("link", { name: "Ada Reader" })).toBeVisible();
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "This page is for store administrators" })).toBeVisible();
});
