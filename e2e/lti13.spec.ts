import { expect, test, type Page } from "@playwright/test";
import { LmsSimulator } from "../tests/support/lms-simulator";
import { signIn } from "./support/accounts";
import { E2E_ADMIN, E2E_ORIGIN } from "./support/env";

// The LMS runs on 127.0.0.1, Folio on localhost: two sites, so inside the course page Folio is
// a third-party iframe, as in a real virtual campus.
let lms: LmsSimulator;
test.beforeAll(async () => {
  lms = await LmsSimulator.start({ folioOrigin: E2E_ORIGIN, host: "127.0.0.1" });
});
test.afterAll(async () => lms?.close());

async function createIntegrationInControlPanel(page: Page): Promise<string> {
  await signIn(page, E2E_ADMIN, "/admin/settings/integrations/new");
  await page.getByLabel("Name").fill("Riverside College Moodle");
  await page.getByLabel("LTI 1.3 (LTI Advantage)").check();
  await page.getByLabel("Automatically assign a plan to LTI users").check();
  await page.getByLabel("Plan", { exact: true }).selectOption("classics-starter");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Riverside College Moodle" })).toBeVisible();
  const integrationUrl = page.url();

  await page.getByLabel("Issuer (Platform ID)").fill(lms.issuer);
  await page.getByLabel("Client ID").fill(lms.clientId);
  await page.getByLabel("Deployment ID(s)").fill(lms.deploymentId);
  await page.getByLabel("Authentication request URL (OIDC auth endpoint)").fill(lms.authUrl);
  await page.getByLabel("Access token URL").fill(`${lms.origin}/token`);
  await page.getByLabel("Platform public keyset (JWKS) URL").fill(lms.jwksUrl);
  await page.getByRole("button", { name: "Save LMS values" }).click();
  await expect(page.getByText("Launches can't work yet")).toHaveCount(0);
  return integrationUrl;
}

test("a store owner connects an LMS and a student launches into the book, in an iframe and in a new window", async ({ page, browser }) => {
  const integrationUrl = await createIntegrationInControlPanel(page);

  lms.custom = { publication: "pride-and-prejudice" };
  const student = await browser.newContext();
  const course = await student.newPage();
  await course.goto(`${lms.origin}/course?student=student-1`);
  const frame = course.frameLocator("#folio");
  await expect(frame.getByText("It is a truth universally acknowledged").first()).toBeVisible({ timeout: 20_000 });

  const [popup] = await Promise.all([course.waitForEvent("popup"), course.getByRole("link", { name: "Open Folio in a new window" }).click()]);
  await expect(popup).toHaveURL(/\/read\/pride-and-prejudice/);
  await expect(popup.getByText("It is a truth universally acknowledged").first()).toBeVisible({ timeout: 20_000 });
  await student.close();

  // The owner sees both launches, one person, and the plan on that person.
  await page.goto(integrationUrl);
  await expect(page.getByText("SUCCESS").or(page.getByText("Success")).first()).toBeVisible();
  await page.goto("/admin/users");
  await expect(page.getByRole("row", { name: /Riverside College Moodle/ })).toContainText("Plan Classics starter");
});
