import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./support/env";
import { signIn } from "./support/accounts";

// The security headers and the upload endpoint against the production build: pages work under
// their Content-Security-Policy (no violation reported), the Control Panel cannot be framed by
// another site, the reader can, and an EPUB uploads through the form with its progress.

/** Collects the CSP violations the page reports to its console. */
function cspViolations(page: Page): string[] {
  const found: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) found.push(message.text());
  });
  return found;
}

test("the catalog, the Control Panel and an upload run under the CSP", async ({ page }) => {
  const violations = cspViolations(page);
  const catalog = await page.goto("/");
  expect(catalog!.headers()["content-security-policy"]).toContain("object-src 'none'");
  await page.getByRole("searchbox").fill("pride");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=pride/);

  await signIn(page, E2E_ADMIN, "/admin/publications");
  await expect(page).toHaveURL(/\/admin\/publications/);
  const admin = await page.goto("/admin/publications");
  const headers = admin!.headers();
  expect(headers["x-frame-options"]).toBe("SAMEORIGIN");
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'self'(;|$)/);
  const nonce = /'nonce-([^']+)'/.exec(headers["content-security-policy"]!)![1];
  // Every inline script carries this response's nonce (chunks the runtime loads later come from 'self').
  const inline = await page.locator("script:not([src])").evaluateAll((all) => all.map((s) => (s as HTMLScriptElement).nonce));
  expect(inline.length).toBeGreaterThan(0);
  expect(inline.every((n) => n === nonce)).toBe(true);

  // A taken address: refused next to its field, and what was typed stays.
  await page.getByLabel("Book file").setInputFiles("prisma/demo-books/alice-in-wonderland.epub");
  await page.getByLabel(/Address/).fill("pride-and-prejudice");
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  // The demo seed has this very file: a warning first, which the owner may override.
  await expect(page.getByRole("alert").filter({ hasText: "already in the catalog" })).toContainText("This exact file is already in the catalog");
  await page.getByRole("button", { name: "Upload anyway" }).click();
  await expect(page.getByText("Already in use.")).toBeVisible();
  await expect(page.getByLabel(/Address/)).toHaveValue("pride-and-prejudice");

  await page.getByLabel(/Address/).fill(`alice-e2e-${Date.now()}`);
  await page.getByRole("button", { name: "Upload", exact: true }).click();
  await page.getByRole("button", { name: "Upload anyway" }).click();
  await expect(page).toHaveURL(/\/admin\/publications\/[^/?]+\?uploaded=1/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/Alice/);
  expect(violations).toEqual([]);
});

test("the reader may be framed by an LMS and runs under its nonce", async ({ page }) => {
  const violations = cspViolations(page);
  const response = await page.goto("/read/alice-in-wonderland");
  const headers = response!.headers();
  expect(headers["x-frame-options"]).toBeUndefined();
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'self' https: http:/);
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  await expect(page.locator(".folio-reader[data-ready]")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a server action posted from another site is refused with 403, not 500", async ({ request }) => {
  const response = await request.post("/admin/publications", {
    headers: { origin: "https://evil.test", "next-action": "0123456789abcdef0123456789abcdef01234567", "content-type": "text/plain;charset=UTF-8" },
    data: "[]",
  });
  expect(response.status()).toBe(403);
});
