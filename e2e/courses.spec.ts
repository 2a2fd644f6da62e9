import { execFileSync } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { LmsSimulator } from "../tests/support/lms-simulator";
import { E2E_ORIGIN } from "./support/env";

// Issue 11, done when: with the platform in tests/, an instructor deep links a chapter range as a
// graded activity, a student reads it, the score arrives, and the instructor's view lists the
// roster with progress. Everything between the browser and the LMS is real: signed messages both
// ways, Folio's client assertions, the job queue in the production server, AGS and NRPS over HTTP.

const LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
const INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

let lms: LmsSimulator;
let slug: string;

test.beforeAll(async () => {
  lms = await LmsSimulator.start({ folioOrigin: E2E_ORIGIN, host: "127.0.0.1", services: true });
  lms.students.set("teacher-1", { sub: "teacher-1", name: "Tess Teacher", email: "tess@school.example", instructor: true });
  // The roster: the student who will read, one who never opens Folio, and the teacher.
  lms.nrps!.members = [
    { user_id: "teacher-1", roles: [INSTRUCTOR], name: "Tess Teacher", email: "tess@school.example", status: "Active" },
    { user_id: "student-1", roles: [LEARNER], name: "Ada Student", email: "ada@school.example", status: "Active" },
    { user_id: "student-2", roles: [LEARNER], name: "Basil Roster", email: "basil@school.example", status: "Active" },
  ];
  const setup = execFileSync("npx", ["tsx", "--conditions=react-server", "e2e/support/make-course-setup.ts", JSON.stringify({
    issuer: lms.issuer, clientId: lms.clientId, authUrl: lms.authUrl, jwksUrl: lms.jwksUrl, tokenUrl: lms.tokenUrl, deploymentId: lms.deploymentId,
  })], { encoding: "utf8" });
  slug = (JSON.parse(setup) as { slug: string }).slug;
});
test.afterAll(async () => lms?.close());

const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `test-results/courses-${name}.png`, fullPage });

/** Scrolls to the end of the chapter on screen and stays there, active, for `seconds`. */
async function readChapter(page: Page, title: string, seconds: number) {
  await expect(page.locator(".folio-chapter h1")).toHaveText(title);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    await page.mouse.move(300 + Math.random() * 200, 300);
    await page.waitForTimeout(500);
  }
}

test("an instructor links a graded chapter range, a student reads it, the grade reaches the LMS and the class shows it", async ({ browser }) => {
  test.setTimeout(90_000);

  // The instructor adds an activity: Folio's picker, a range of two chapters, graded out of 10.
  const teacherContext = await browser.newContext();
  const teacher = await teacherContext.newPage();
  await teacher.goto(lms.loginUrl("teacher-1", "deep-link"));
  await expect(teacher.getByRole("heading", { name: "Add a reading to your course" })).toBeVisible();
  await teacher.getByRole("search").getByPlaceholder("Search by title or author").fill("lighthouse");
  await teacher.getByRole("search").getByRole("button", { name: "Search" }).click();
  await teacher.getByRole("link", { name: /The Lighthouse Keeper/ }).click();
  await expect(teacher.getByRole("heading", { name: "The Lighthouse Keeper" })).toBeVisible();
  await teacher.getByLabel("Part of it").check();
  await teacher.getByLabel("From").selectOption({ label: "The Lamp" });
  await teacher.getByLabel("To the end of").selectOption({ label: "The Storm" });
  await teacher.getByLabel(/Graded/).check();
  await teacher.getByLabel("Maximum score").fill("10");
  await shot(teacher, "picker");
  await teacher.getByRole("button", { name: "Add to course" }).click();
  await expect(teacher.getByRole("status")).toContainText("Added to the course");
  expect(lms.deepLinkProblems).toEqual([]);

  // The LMS verified the response, made the gradebook column the link asked for, and has the link.
  expect(lms.links.size).toBe(1);
  const [link] = [...lms.links.values()];
  expect(link!.custom).toEqual({ publication: slug, start: "1", end: "2", score_maximum: "10" });
  expect(link!.lineItemUrl).not.toBeNull();
  const [lineItem] = [...lms.services!.lineItems.values()];
  expect(lineItem).toMatchObject({ scoreMaximum: 10, resourceLinkId: link!.id });

  // A student opens the activity: the reader, at the range's first chapter, names the assignment.
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await student.goto(lms.loginUrl("student-1", `link:${link!.id}`));
  await expect(student).toHaveURL(new RegExp(`/read/${slug}\\?`));
  await expect(student.locator(".folio-reader[data-ready]")).toBeVisible();
  await expect(student.locator("[data-assigned-reading]")).toContainText("Assigned reading:");
  await expect(student.locator("[data-assigned-reading]")).toContainText("The Lamp to The Storm");

  // Reads both chapters: each to its end, for longer than its words need (1 s per 10 words).
  // Turning the chapter sends the beat for the one left.
  await shot(student, "reader", false);
  await readChapter(student, "The Lamp", 5);
  await student.keyboard.press("ArrowRight");
  await readChapter(student, "The Storm", 5);
  await student.keyboard.press("ArrowRight");
  await expect(student.locator(".folio-chapter h1")).toHaveText("Afterword");
  await expect(student.getByText("This chapter is outside the assigned reading.")).toBeVisible();

  // The job worker in the server posts the final score to the line item.
  await expect.poll(() => lms.services!.scores.at(-1)?.activityProgress, { timeout: 20_000 }).toBe("Completed");
  const score = lms.services!.scores.at(-1)!;
  expect(score).toMatchObject({ userId: "student-1", scoreGiven: 10, scoreMaximum: 10, activityProgress: "Completed", gradingProgress: "FullyGraded", lineItemId: link!.lineItemUrl });
  expect(lms.services!.problems).toEqual([]);
  expect(lms.services!.assertionProblems).toEqual([]);
  await studentContext.close();

  // The instructor opens the activity: the course view, with the roster from NRPS.
  await teacher.goto(lms.loginUrl("teacher-1", `link:${link!.id}`));
  await expect(teacher).toHaveURL(/\/course\//);
  await expect(teacher.getByText("2 students; roster from the LMS")).toBeVisible();
  const ada = teacher.getByRole("row", { name: /Ada Student/ });
  await expect(ada).toContainText("Done");
  await expect(ada).toContainText("100%");
  const basil = teacher.getByRole("row", { name: /Basil Roster/ });
  await expect(basil).toContainText("Not started");
  await expect(basil).toContainText("0%");
  await expect(teacher.getByRole("row", { name: /Tess Teacher/ })).toHaveCount(0);
  await shot(teacher, "instructor");
  expect(lms.nrps!.pageRequests.length).toBeGreaterThan(0);
  expect(lms.nrps!.pageRequests.every((r) => r.authorized)).toBe(true);
  await teacherContext.close();
});
