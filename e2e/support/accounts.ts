import { execFileSync } from "node:child_process";
import type { Page } from "@playwright/test";

export type Credentials = { email: string; password: string };

/** A new reader account (no plan) in the end-to-end database. */
export function makeReader(): Credentials & { publicId: string } {
  const out = execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/support/make-reader.ts"], { encoding: "utf8" });
  return JSON.parse(out);
}

export async function signIn(page: Page, { email, password }: Credentials, next = "/") {
  await page.goto(`/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
