import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./support/env";

test("the catalog lists the demo books", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "The library" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Pride and Prejudice/ })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search the catalog" }).fill("austen");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("link", { name: /Pride and Prejudice/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /War and Peace/ })).toHaveCount(0);
});

test("a wrong password is refused with a clear message", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("don't match an account");
});

test("the administrator signs in and reaches the Control Panel", async ({ page }) => {
  await page.goto("/login?next=/admin");
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
});

test("the Control Panel sends visitors to sign in", async ({ page }) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin/);
});
