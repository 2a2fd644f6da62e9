import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import PDFDocument from "pdfkit";
import { signIn } from "./support/accounts";
import { E2E_ADMIN } from "./support/env";

// An administrator uploads a PDF through the Control Panel form (issue 13, item 1) and sees what
// was read from it; the seed's demo PDF is in the catalog.

function outlinedPdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A6", info: { Title: "Field Guide to Mosses", Author: "Rosa Lichen" } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  doc.on("data", (c: Buffer) => chunks.push(c));
  doc.text("Field Guide to Mosses");
  for (const title of ["Peat Mosses", "Hair-cap Mosses"]) {
    doc.addPage();
    doc.outline.addItem(title);
    doc.text(title).moveDown().text(`${title} grow in damp places.`);
  }
  doc.end();
  return done;
}

test("an administrator uploads a PDF and sees its format, pages and outline", async ({ page }) => {
  const file = join(mkdtempSync(join(tmpdir(), "folio-e2e-pdf-")), "mosses.pdf");
  writeFileSync(file, await outlinedPdf());
  await signIn(page, E2E_ADMIN, "/admin/publications");
  await expect(page).toHaveURL(/\/admin\/publications/);
  // The form posts through its script: wait until the page is hydrated.
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Book file").setInputFiles(file);
  const slug = `mosses-${Date.now()}`;
  await page.getByLabel(/Address/).fill(slug);
  await page.getByRole("button", { name: "Upload" }).click();
  await expect(page).toHaveURL(/\/admin\/publications\/[^/?]+\?uploaded=1/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Field Guide to Mosses");
  await expect(page.getByText("Rosa Lichen")).toBeVisible();
  await expect(page.getByText("3 pages")).toBeVisible();
  const outline = page.locator("section").filter({ has: page.getByRole("heading", { name: "Outline" }) });
  await expect(outline.getByRole("link", { name: "Peat Mosses" })).toBeVisible();
  await expect(outline.getByText("p. 3")).toBeVisible();
  // The cover drawn from page 1 is served.
  const cover = await page.request.get(`/api/publications/${slug}/cover`);
  expect(cover.status()).toBe(200);
  expect(cover.headers()["content-type"]).toBe("image/webp");
});

test("the catalog shows the seed's demo PDF", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: /Alice’s Adventures in Wonderland \(PDF edition\)/ })).toBeVisible();
});

