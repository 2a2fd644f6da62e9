import { execFileSync } from "node:child_process";
import { expect, test, type Browser } from "@playwright/test";
import { removeEmbeddedPostgres } from "../scripts/lib/embedded-postgres";
import { freePort } from "../scripts/lib/net";
import { LmsSimulator } from "../tests/support/lms-simulator";
import { autoSubmitLaunchPage, basicLaunchParams } from "../tests/support/lti11-launch";
import { startDevServer, type DevServer } from "./support/dev-server";

// The README's first command, as a newcomer runs it: `npm run dev` with no DATABASE_URL on a
// fresh embedded database. The administrator it prints signs in, every Control Panel page
// answers 200, and LTI 1.1 and 1.3 launches (new and returning people) land in the library.
// A second embedded database (the smoke's own data directory) runs beside the suite's.
const DATA_DIR = ".data/postgres-smoke";

let dev: DevServer;
let lms: LmsSimulator;

test.describe.configure({ timeout: 600_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  removeEmbeddedPostgres(DATA_DIR);
  dev = await startDevServer({ port: await freePort(), dataDir: DATA_DIR });
  lms = await LmsSimulator.start({ folioOrigin: dev.origin, host: "127.0.0.1" });
});

test.afterAll(async () => {
  await lms?.close();
  await dev?.stop();
});

/** `npm run cli` beside the running dev server: it shares the checkout's embedded database. */
function cli(...args: string[]): Record<string, unknown> {
  const out = execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/with-env.ts", "cli/index.ts", ...args, "--json"], {
    encoding: "utf8",
    env: dev.env,
  });
  return JSON.parse(out) as Record<string, unknown>;
}

async function landsInLibrary(browser: Browser, launch: (page: import("@playwright/test").Page) => Promise<unknown>) {
  const context = await browser.newContext({ baseURL: dev.origin });
  const page = await context.newPage();
  await launch(page);
  await expect(page).toHaveURL(/\/library/, { timeout: 120_000 });
  await expect(page.getByRole("heading", { name: "My library" })).toBeVisible({ timeout: 60_000 });
  await context.close();
}

test("npm run dev on a fresh embedded database: the printed administrator, every Control Panel page, ten launches", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: dev.origin });
  const page = await context.newPage();
  await page.goto("/login?next=/admin");
  await page.getByLabel("Email").fill(dev.admin.email);
  await page.getByLabel("Password").fill(dev.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/, { timeout: 120_000 });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 120_000 });
  await page.waitForLoadState("networkidle");

  const lti11 = cli("integrations:create", "--kind", "lti11", "--name", "Smoke Schoology", "--consumer-key", "smoke.schoology", "--full-access");
  const lti13 = cli(
    "integrations:create", "--kind", "lti13", "--name", "Smoke Moodle", "--full-access",
    "--issuer", lms.issuer, "--client-id", lms.clientId, "--deployment-id", lms.deploymentId,
    "--auth-url", lms.authUrl, "--token-url", `${lms.origin}/token`, "--jwks-url", lms.jwksUrl,
  );
  expect(String(lti11.launchUrl)).toBe(`${dev.origin}/api/lti/11/launch`);

  const publication = await firstLink(page, "/admin/publications", /\/admin\/publications\/[^/?]+$/);
  const plan = await firstLink(page, "/admin/plans", /\/admin\/plans\/[^/?]+$/);
  const pages = [
    "/admin", "/admin/users", "/admin/publications", publication, "/admin/plans", plan, "/admin/reading",
    "/admin/settings", "/admin/settings/integrations", "/admin/settings/integrations/new",
    `/admin/settings/integrations/${String(lti11.id)}`, `/admin/settings/integrations/${String(lti13.id)}`, "/account",
  ];
  for (const path of pages) {
    const response = await visit(page, path);
    expect(response.status(), path).toBe(200);
    // Not sent to /login (/admin/settings leads on to its first section).
    expect(new URL(page.url()).pathname, path).toMatch(new RegExp(`^${path}(/|$)`));
  }

  // public/: icons, and no indexing of what is personal or private.
  expect((await page.request.get("/favicon.ico")).headers()["content-type"]).toMatch(/icon/);
  const robots = await (await page.request.get("/robots.txt")).text();
  for (const path of ["/admin", "/api/", "/read/"]) expect(robots).toContain(`Disallow: ${path}`);

  // LTI 1.3: three people, two of them twice.
  for (const sub of ["smoke-13-a", "smoke-13-b", "smoke-13-c", "smoke-13-a", "smoke-13-b"]) {
    lms.students.set(sub, { sub, name: `Student ${sub}` });
    await landsInLibrary(browser, (tab) => tab.goto(lms.loginUrl(sub)));
  }
  // LTI 1.1: the same, from a course page that posts the signed form.
  for (const [i, user] of ["smoke-11-a", "smoke-11-b", "smoke-11-c", "smoke-11-a", "smoke-11-b"].entries()) {
    const form = autoSubmitLaunchPage({
      consumerKey: "smoke.schoology", secret: String(lti11.sharedSecret), url: String(lti11.launchUrl),
      params: basicLaunchParams({ user_id: user, lis_person_name_full: `Student ${user}` }),
    });
    await landsInLibrary(browser, (tab) => tab.goto(lms.servePage(`/course-11-${i}`, form)));
  }

  const shown = cli("integrations:show", String(lti11.id)) as { latestLaunches?: { outcome?: string }[] };
  expect(shown.latestLaunches?.length).toBe(5);
  await context.close();
});

async function firstLink(page: import("@playwright/test").Page, listPath: string, pattern: RegExp): Promise<string> {
  await visit(page, listPath);
  const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link on ${listPath}`).toBeTruthy();
  return href!;
}

/**
 * page.goto, again if the page it leaves was still settling (in development, a route's first
 * compile can refresh the page that asked for it).
 */
async function visit(page: import("@playwright/test").Page, path: string) {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await page.goto(path, { timeout: 120_000 });
      if (!response) throw new Error(`no response for ${path}`);
      await page.waitForLoadState("networkidle");
      return response;
    } catch (error) {
      if (attempt >= 3 || !/ERR_ABORTED|interrupted by another navigation/.test(String(error))) throw error;
      console.log(`dev-smoke: navigation to ${path} was interrupted (attempt ${attempt}); retrying`);
      await page.waitForLoadState("load");
    }
  }
}
