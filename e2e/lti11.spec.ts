import { expect, test } from "@playwright/test";
import { LmsSimulator } from "../tests/support/lms-simulator";
import { autoSubmitLaunchPage, basicLaunchParams } from "../tests/support/lti11-launch";
import { signIn } from "./support/accounts";
import { SmtpSink, linkToken, until } from "../tests/support/smtp-sink";
import { E2E_ADMIN, E2E_ORIGIN, E2E_SMTP_PORT } from "./support/env";

let lms: LmsSimulator;
test.beforeAll(async () => {
  lms = await LmsSimulator.start({ folioOrigin: E2E_ORIGIN, host: "127.0.0.1" });
});
test.afterAll(async () => lms?.close());

test("LTI 1.1: the owner sends URL, key and secret; a student launches, sets a password and later signs in directly", async ({ page, browser }) => {
  // The owner creates the integration and reads what to send to the institution.
  await signIn(page, E2E_ADMIN, "/admin/settings/integrations/new");
  await page.getByLabel("Name").fill("Northfield Schoology");
  await page.getByLabel("LTI 1.1").check();
  await page.getByRole("textbox", { name: "Consumer key" }).fill("northfield.schoology");
  await page.getByLabel("Automatically assign a plan to LTI users").check();
  await page.getByLabel("Plan", { exact: true }).selectOption("classics-starter");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("heading", { name: "Northfield Schoology" })).toBeVisible();
  const launchUrl = (await page.locator("dt:has-text('Launch URL') + dd code").textContent())!.trim();
  await page.getByRole("button", { name: "Reveal" }).click();
  const secretBox = page.locator("dt:has-text('Shared secret') + dd code");
  await expect(secretBox).not.toContainText("•");
  const secret = (await secretBox.textContent())!.trim();
  expect(secret.length).toBeGreaterThanOrEqual(32);

  // The LMS posts a launch signed by oauth-1.0a with that key and secret.
  const lmsPage = lms.servePage("/course-11", autoSubmitLaunchPage({
    consumerKey: "northfield.schoology", secret, url: launchUrl,
    params: basicLaunchParams({ user_id: "nf-student-31", lis_person_name_full: "Grace Hopper" }),
  }));
  const student = await browser.newContext();
  const tab = await student.newPage();
  await tab.goto(lmsPage);
  await expect(tab).toHaveURL(/\/library/);

  // On their account page the student sees their ID and plan and sets email and password; the
  // address counts once they open the link mailed to it.
  const smtp = await SmtpSink.start(E2E_SMTP_PORT);
  try {
    await tab.goto("/account");
    await expect(tab.getByText("Classics starter").first()).toBeVisible();
    await tab.getByLabel("Email").fill("grace@student.example");
    await tab.getByLabel("Password", { exact: true }).fill("compiler ribbon lantern");
    await tab.getByLabel("Password again").fill("compiler ribbon lantern");
    await tab.getByRole("button", { name: "Save email and password" }).click();
    await expect(tab.getByRole("status")).toContainText("We sent a link to grace@student.example");
    const mail = await until("the confirmation mail", () => smtp.to("grace@student.example")[0], 20_000);
    await tab.goto(`/confirm-email?token=${linkToken(mail.text, "/confirm-email")}`);
    await tab.getByRole("button", { name: "Confirm grace@student.example" }).click();
    await expect(tab.getByRole("status")).toContainText("You now sign in with this address");
  } finally {
    await smtp.stop();
  }
  await student.close();

  // Later, outside the LMS, in a fresh browser: direct sign-in keeps the plan.
  const later = await browser.newContext();
  const direct = await later.newPage();
  await signIn(direct, { email: "grace@student.example", password: "compiler ribbon lantern" }, "/library");
  await expect(direct).toHaveURL(/\/library/);
  await direct.goto("/publications/pride-and-prejudice");
  await direct.getByRole("link", { name: /Start reading|Continue reading/ }).click();
  await expect(direct).toHaveURL(/\/read\/pride-and-prejudice/);
  await later.close();
});
