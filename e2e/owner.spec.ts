import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { LmsSimulator } from "../tests/support/lms-simulator";
import { SmtpSink, linkToken, until } from "../tests/support/smtp-sink";
import { signIn } from "./support/accounts";
import { E2E_ADMIN, E2E_ORIGIN, E2E_SMTP_PORT } from "./support/env";

// Issue 12, done when: the owner finds an LMS student by the name their LMS sent, opens their
// page, revokes and grants a plan (the student's access follows on the next request), sends a
// reset link, the student receives it over SMTP, sets a new password and signs in; an
// institution report is downloaded as CSV with the right totals. Real parts throughout: LTI 1.3
// launches from the LMS simulator, mail over SMTP from the production server's job worker to an
// SMTP server started here, the CSV as the browser downloads it.

const INSTITUTION = "Hollybrook College Moodle";
const STUDENT = { sub: "hb-4471", name: "Ottoline Quist", email: "o.quist@hollybrook.example" };
const CLASSMATE = { sub: "hb-4472", name: "Bertram Fenwick" };
const QUIET = { sub: "hb-4473", name: "Cressida Vale" };
const OWN_EMAIL = "ottoline@reader.example";
const PLAN_BOOK = "/api/publications/pride-and-prejudice/chapters/1";

let lms: LmsSimulator;
let integrationId: string;

function run(script: string, input: unknown): unknown {
  return JSON.parse(execFileSync("npx", ["tsx", "--conditions=react-server", script, JSON.stringify(input)], { encoding: "utf8" }));
}

test.beforeAll(async () => {
  lms = await LmsSimulator.start({ folioOrigin: E2E_ORIGIN, host: "127.0.0.1" });
  for (const s of [STUDENT, CLASSMATE, QUIET]) lms.students.set(s.sub, s);
  ({ integrationId } = run("e2e/support/make-owner-setup.ts", {
    issuer: lms.issuer, clientId: lms.clientId, authUrl: lms.authUrl, jwksUrl: lms.jwksUrl, deploymentId: lms.deploymentId, name: INSTITUTION,
  }) as { integrationId: string });
});
test.afterAll(async () => lms?.close());

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/owner-${name}.png`, fullPage: true });

/** A chapter of a book only the plan gives, fetched as the reader fetches it. */
const chapterStatus = async (request: APIRequestContext) => (await request.get(PLAN_BOOK)).status();

test("the owner finds an LMS student by name, changes their plan, sends a reset link, and downloads the institution's report", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const smtp = await SmtpSink.start(E2E_SMTP_PORT);
  try {
    // Three students launch from the course; the integration gives them its plan.
    const contexts = [];
    for (const s of [STUDENT, CLASSMATE, QUIET]) {
      const context = await browser.newContext();
      const tab = await context.newPage();
      await tab.goto(lms.loginUrl(s.sub));
      await expect(tab).toHaveURL(/\/library/);
      contexts.push(context);
    }
    const [studentContext] = contexts;
    const student = studentContext!.pages()[0]!;
    for (const c of contexts.slice(1)) await c.close();
    expect(await chapterStatus(student.request)).toBe(200);

    // The student gives themselves a sign-in email and password and confirms the address.
    await student.goto("/account");
    await student.getByLabel("Email").fill(OWN_EMAIL);
    await student.getByLabel("Password", { exact: true }).fill("first lantern meadow");
    await student.getByLabel("Password again").fill("first lantern meadow");
    await student.getByRole("button", { name: "Save email and password" }).click();
    await expect(student.getByRole("status")).toContainText(`We sent a link to ${OWN_EMAIL}`);
    const confirmation = await until("the confirmation mail", () => smtp.to(OWN_EMAIL)[0], 20_000);
    await student.goto(`/confirm-email?token=${linkToken(confirmation.text, "/confirm-email")}`);
    await student.getByRole("button", { name: `Confirm ${OWN_EMAIL}` }).click();
    await expect(student.getByRole("status")).toContainText("You now sign in with this address");

    // Known reading for the report: this term's sittings of two students, one of the classmate's
    // from before the period, and an outsider's (no identity on the integration) that must not count.
    run("e2e/support/seed-owner-reading.ts", {
      integrationId,
      sittings: [
        { subject: STUDENT.sub, slug: "pride-and-prejudice", daysAgo: 3, seconds: 1500 },
        { subject: STUDENT.sub, slug: "alice-in-wonderland", daysAgo: 1, seconds: 600 },
        { subject: CLASSMATE.sub, slug: "pride-and-prejudice", daysAgo: 2, seconds: 900 },
        { subject: CLASSMATE.sub, slug: "pride-and-prejudice", daysAgo: 45, seconds: 3000 },
        { subject: "outsider", slug: "pride-and-prejudice", daysAgo: 1, seconds: 1200 },
      ],
    });

    // The owner searches by the name the LMS sent (the student never typed it) and opens the page.
    await signIn(page, E2E_ADMIN, "/admin/users");
    await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
    await page.getByRole("search").getByLabel("Search").fill("ottoline qu");
    await page.getByRole("search").getByRole("button", { name: "Search" }).click();
    await expect(page.getByText("1 person match.")).toBeVisible();
    const row = page.getByRole("row", { name: new RegExp(STUDENT.name) });
    await expect(row).toContainText(OWN_EMAIL);
    await expect(row).toContainText(`LTI 1.3 (${INSTITUTION})`);
    await expect(row).toContainText("Plan Classics starter");
    await shot(page, "users-search");
    await row.getByRole("link", { name: STUDENT.name }).click();

    await expect(page.getByRole("heading", { level: 1, name: STUDENT.name })).toBeVisible();
    await expect(page.getByRole("cell", { name: STUDENT.sub })).toBeVisible();
    await expect(page.getByText(`Email ${OWN_EMAIL}`)).toBeVisible();
    await expect(page.getByText("Time read")).toBeVisible();
    await shot(page, "person");

    // Revoke the plan the integration gave: the student's next request is refused.
    const access = page.locator("section", { has: page.getByRole("heading", { name: "Access" }) });
    const lmsGrant = access.getByRole("listitem").filter({ hasText: `Plan “Classics starter” through ${INSTITUTION}` });
    await lmsGrant.getByRole("button", { name: "Take away…" }).click();
    const revoke = page.getByRole("alertdialog", { name: `Take plan “Classics starter” away from ${STUDENT.name}?` });
    await expect(revoke).toContainText(`Their next launch from ${INSTITUTION} gives it again`);
    await revoke.getByRole("button", { name: "Take plan “Classics starter” away" }).click();
    await expect(access.getByText("Free publications only.")).toBeVisible();
    expect(await chapterStatus(student.request)).toBe(403);
    await student.goto("/read/pride-and-prejudice");
    await expect(student.getByText("Not in your access")).toBeVisible();

    // Grant it back as the store's own grant: the next request works again.
    await access.getByLabel("Give access").selectOption({ label: "Plan: Classics starter" });
    await access.getByRole("button", { name: "Give…" }).click();
    const give = page.getByRole("alertdialog", { name: `Give ${STUDENT.name} Classics starter?` });
    await give.getByRole("button", { name: "Give access" }).click();
    await expect(access.getByRole("status")).toContainText("Access given");
    await expect(access.getByRole("listitem").filter({ hasText: "Plan “Classics starter” given by an administrator" })).toBeVisible();
    expect(await chapterStatus(student.request)).toBe(200);

    // The owner sends a password-reset link; it arrives over SMTP at the confirmed address.
    const account = page.locator("section", { has: page.getByRole("heading", { name: "Account" }) });
    await account.getByRole("button", { name: "Send a password-reset link…" }).click();
    const send = page.getByRole("alertdialog", { name: `Send ${STUDENT.name} a password-reset link?` });
    await expect(send).toContainText(`A link to choose a new password goes to ${OWN_EMAIL}`);
    await send.getByRole("button", { name: "Send the link" }).click();
    await expect(account.getByRole("status")).toContainText("Reset link sent");
    const resetMail = await until("the reset mail", () => smtp.to(OWN_EMAIL).find((m) => /\/reset-password\?token=/.test(m.text)), 20_000);

    // In a fresh browser the student chooses a new password with it and signs in.
    const later = await browser.newContext();
    const direct = await later.newPage();
    await direct.goto(`/reset-password?token=${linkToken(resetMail.text, "/reset-password")}`);
    await expect(direct.getByLabel("Email")).toHaveValue(OWN_EMAIL);
    await direct.getByLabel("New password", { exact: true }).fill("second harbour violin");
    await direct.getByLabel("New password again").fill("second harbour violin");
    await direct.getByRole("button", { name: "Set new password" }).click();
    await expect(direct).toHaveURL(/\/login\?reset=done/);
    await expect(direct.getByRole("status")).toContainText("Your password is changed");
    await direct.getByLabel("Email").fill(OWN_EMAIL);
    await direct.getByLabel("Password").fill("second harbour violin");
    await direct.getByRole("button", { name: "Sign in" }).click();
    await expect(direct).toHaveURL(`${E2E_ORIGIN}/`);
    // Signed in, with the plan: the book opens.
    expect(await chapterStatus(direct.request)).toBe(200);
    // The reset signed the student out everywhere else, and the old password no longer works.
    expect(await chapterStatus(student.request)).toBe(401);
    await later.close();
    await studentContext!.close();

    // The institution's report for the last 30 days, on the page and as CSV.
    await page.goto("/admin/reports");
    await page.getByLabel("Institution (integration)").selectOption({ label: INSTITUTION });
    await page.getByRole("button", { name: "Show report" }).click();
    await page.getByRole("link", { name: "Last 30 days" }).click();
    await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "true");
    const report = page.getByRole("article", { name: "Report" });
    await expect(report.getByRole("heading", { name: INSTITUTION })).toBeVisible();
    const card = (name: string) => report.locator("dl > div", { has: page.getByText(name, { exact: true }) }).locator("dd");
    await expect(card("Active readers")).toHaveText("2");
    await expect(card("Sessions")).toHaveText("3");
    await expect(card("New accounts")).toHaveText("3");
    await shot(page, "report");

    const [download] = await Promise.all([page.waitForEvent("download"), report.getByRole("link", { name: "Download CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Hollybrook-College-Moodle-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
    const rows = csv.split("\r\n").map((line) => line.split(","));
    const value = (metric: string) => rows.find((r) => r[0] === metric)?.[1];
    expect(rows.find((r) => r[0] === "Integration")?.[1]).toBe(INSTITUTION);
    // Ottoline and Bertram read in the period; Cressida only launched; the outsider and the
    // sitting from 45 days ago are not the institution's reading in this period.
    expect(value("Active readers")).toBe("2");
    expect(value("New accounts")).toBe("3");
    expect(value("Sessions")).toBe("3");
    expect(value("Reading time (seconds)")).toBe(String(1500 + 600 + 900));
    expect(value("Reading time (hours)")).toBe("0.83");
    expect(value("Titles read")).toBe("2");
    expect(value("People with an account at the end of the period")).toBe("3");
    // The readers section names people by the name their LMS sent.
    const reader = (name: string) => rows.find((r) => r[0] === name);
    expect(reader(STUDENT.name)?.slice(2, 3)).toEqual([STUDENT.sub]);
    expect(reader(STUDENT.name)?.[4]).toBe("2");
    expect(reader(CLASSMATE.name)?.[4]).toBe("1");
    expect(reader(QUIET.name)).toBeUndefined();
  } finally {
    await smtp.stop();
  }
});
