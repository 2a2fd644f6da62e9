// `npm run bench:courses`: courses against a production build and Postgres (issue 11's speed goals).
// 1. The instructor's view of a course of --students learners and --readings graded readings
//    (roster, memberships, chapter readings: not started / part way / done): GET /course/<id>,
//    /course/<id>?link=<reading>, and the CSV export, at each --concurrency: p50/p95/p99 and
//    requests per second (goal: p95 < 300 ms), CPU per request in the app and in Postgres.
// 2. Grade delivery: --scores PENDING ScoreSync rows with their jobs queued (as an
//    administrator's retry queues them, all at once), delivered by the server's own workers to a
//    local AGS platform (token endpoint + line item score endpoints over HTTP): scores received
//    per second (goal ≥ 200/s), once alone and once while LTI 1.3 launches (login, id_token POST,
//    landing page) run at --launch-concurrency; then every delivered row is checked SENT, every
//    score received once. Launches alone are measured too, as the baseline.
// Options: --students N (500) --readings N (10) --requests N (per page and concurrency, 100)
// --concurrency 1,10 --scores N (per run, 2500) --launch-concurrency N (10) --launch-seconds S
// (baseline, 15) --workers N (WEB_CONCURRENCY, 1) --skip-build --embedded
// Ports 3360 (the app). Database folio_bench_courses (or an embedded Postgres with --embedded).
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import pg from "pg";
import { E2E_ENV } from "../../e2e/support/env";
import { LmsSimulator } from "../../tests/support/lms-simulator";
import { PlatformServices } from "../../tests/support/platform-services";
import { ensureDatabase, resetAndMigrate } from "../../tests/support/database";
import { removeEmbeddedPostgres, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { startNext, treeCpuSeconds } from "./server";
import { timeRequests } from "./page-timing";
import { percentile, pool } from "./stats";
import { postgresCpuSeconds } from "./postgres";
import { cookieFrom, request } from "./http-client";

const { values: opts } = parseArgs({ options: {
  students: { type: "string", default: "500" }, readings: { type: "string", default: "10" },
  requests: { type: "string", default: "100" }, concurrency: { type: "string", default: "1,10" },
  scores: { type: "string", default: "2500" }, "launch-concurrency": { type: "string", default: "10" },
  "launch-seconds": { type: "string", default: "15" }, workers: { type: "string", default: "1" },
  "skip-build": { type: "boolean" }, embedded: { type: "boolean" },
} });
const STUDENTS = Number(opts.students);
const READINGS = Number(opts.readings);
const REQUESTS = Number(opts.requests);
const LEVELS = opts.concurrency.split(",").map(Number);
const SCORES = Math.min(Number(opts.scores), Math.floor((STUDENTS * READINGS) / 2));
const LAUNCH_CONCURRENCY = Number(opts["launch-concurrency"]);
const PORT = 3360;
const ORIGIN = `http://localhost:${PORT}`;
const BENCH_CLUSTER = ".data/postgres-bench-courses";

if (opts.embedded) removeEmbeddedPostgres(BENCH_CLUSTER);
const embedded = opts.embedded ? await startEmbeddedPostgres(BENCH_CLUSTER, { quiet: true }) : null;
const base = embedded?.url("postgres") ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbUrl = Object.assign(new URL(base), { pathname: "/folio_bench_courses" }).toString();
const env: NodeJS.ProcessEnv = {
  ...process.env, ...E2E_ENV, NODE_ENV: "production", DATABASE_URL: dbUrl, APP_URL: ORIGIN, PORT: String(PORT),
  DATABASE_POOL_SIZE: "20", NEXT_TELEMETRY_DISABLED: "1", WEB_CONCURRENCY: opts.workers,
};
Object.assign(process.env, env);

await ensureDatabase(dbUrl);
await resetAndMigrate(dbUrl);
// The job queue's schema outlives `resetAndMigrate`: jobs of an earlier run must not be delivered in this one.
await withClient((c) => c.query("drop schema if exists pgboss cascade"));
if (!opts["skip-build"]) execFileSync("npm", ["run", "-s", "build"], { env, stdio: ["ignore", "ignore", "inherit"] });

console.log(`Setting up: demo books, a course of ${STUDENTS} students and ${READINGS} readings…`);
const { seedDemoBooks } = await import("@/lib/publications/seed-demo-books");
const { listPublicJwks } = await import("@/lib/lti/keys");
const { prisma } = await import("@/lib/db");
const { SCORE_QUEUE } = await import("@/lib/courses/grade-sync");
const { ensureQueue, stopJobQueue } = await import("@/lib/jobs/queue");
const { createBenchIntegration, createBenchShelf } = await import("./fixtures");
const { createBenchCourse, courseSize } = await import("./course-fixtures");

await seedDemoBooks();
await listPublicJwks(); // the tool's key, made before the server signs with it
const sim = await LmsSimulator.start({ folioOrigin: ORIGIN });
const services = await PlatformServices.start(listPublicJwks, sim.clientId);
await createBenchIntegration(sim);
await createBenchShelf();
// The course's platform answers AGS on the local services (its launches stay on the simulator).
const { id: integrationId } = await prisma.integration.findFirstOrThrow({ where: { issuer: sim.issuer }, select: { id: true } });
const integration = await prisma.integration.update({ where: { id: integrationId }, data: { tokenUrl: services.tokenUrl } });
const course = await createBenchCourse({
  integrationId: integration.id, platformKey: `lti13|${sim.issuer}|${sim.clientId}`, studentCount: STUDENTS, readingCount: READINGS,
  lineItemFor: (i) => services.addLineItem({ label: `Week ${i + 1} reading`, scoreMaximum: 10, resourceLinkId: `bench-link-${i + 1}` }),
});
const size = await courseSize(course.courseId);
// A live database has planner statistics; freshly bulk-loaded tables have none until autovacuum
// gets to them, and the progress query then picks a plan 20 times slower (680 ms vs 34 ms).
await withClient((c) => c.query("analyze"));

const server = await startNext(PORT, env);
const shutdown = async () => {
  await server.stop();
  await stopJobQueue(1_000);
  await services.close();
  await sim.close();
  await prisma.$disconnect();
  await embedded?.stop();
  if (embedded) removeEmbeddedPostgres(BENCH_CLUSTER);
};

try {
  // ---- 1. The instructor's view -------------------------------------------------------------
  const cookie = course.instructorCookie;
  const coursePath = `/course/${course.courseId}`;
  const pages = [
    { name: "course page (first reading's table)", path: coursePath, expect: "Student 0001 Learner" },
    { name: "course page ?link= (another reading)", path: `${coursePath}?link=${course.links[Math.floor(READINGS / 2)]!.id}`, expect: "Student 0001 Learner" },
    { name: "CSV export (every reading × student)", path: `/api/courses/${course.courseId}/export`, expect: "student0001@school.example" },
  ];
  const get = async (path: string, expect: string) => {
    const res = await request(`${ORIGIN}${path}`, { headers: { cookie } });
    if (res.status !== 200 || !res.body.includes(expect)) throw new Error(`${path}: ${res.status} ${res.body.slice(0, 200)}`);
    return res.body.length;
  };
  for (const page of pages) await pool(30, 5, async () => void (await get(page.path, page.expect))); // warm up
  const viewRows: Record<string, unknown>[] = [];
  const viewCpu: string[] = [];
  const bytes: string[] = [];
  for (const page of pages) {
    bytes.push(`  ${page.name.padEnd(40)} ${Math.round((await get(page.path, page.expect)) / 1024)} KiB`);
    for (const c of LEVELS) {
      const timed = await timeRequests({ name: page.name, count: REQUESTS, concurrency: c, appPid: server.proc.pid!, request: () => get(page.path, page.expect) });
      const { scenario, launches, ...numbers } = timed.summary;
      viewRows.push({ request: scenario, concurrent: c, requests: launches, ...numbers });
      viewCpu.push(`  ${`${page.name} @${c}`.padEnd(46)} app ${timed.appMs.toFixed(1)} ms, Postgres ${timed.postgresMs.toFixed(1)} ms`);
      if (timed.firstError) console.log(`  ${page.name} @${c}: first error: ${timed.firstError}`);
    }
  }

  // ---- 2. Launches, grade delivery, both at once -----------------------------------------------
  /** LTI 1.3 launches, `concurrency` at a time until `running()` is false; returns their end times and latencies. */
  const launchLoad = async (concurrency: number, running: () => boolean, prefix: string, people = 1000) => {
    const done: { at: number; ms: number }[] = [];
    let errors = 0;
    let firstError: string | undefined;
    let n = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (running()) {
        const sub = `${prefix}-${n++ % people}`;
        try {
          const ms = await launch(sub);
          done.push({ at: performance.now(), ms });
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message;
        }
      }
    }));
    return { done, errors, firstError };
  };

  /** One whole launch (login, id_token POST, landing page); its time excludes the platform's signing. */
  async function launch(sub: string): Promise<number> {
    let t = performance.now();
    const login = await request(`${ORIGIN}/api/lti/login?${new URLSearchParams({
      iss: sim.issuer, login_hint: sub, target_link_uri: `${ORIGIN}/api/lti/launch`, client_id: sim.clientId, lti_deployment_id: sim.deploymentId,
    })}`);
    if (login.status !== 302 || !login.location) throw new Error(`login ${login.status}`);
    const ms = performance.now() - t;
    const auth = new URL(login.location).searchParams;
    auth.set("login_hint", sub);
    const idToken = await sim.idTokenFor(auth);
    t = performance.now();
    const post = await request(`${ORIGIN}/api/lti/launch`, {
      method: "POST", body: new URLSearchParams({ id_token: idToken, state: auth.get("state")! }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieFrom(login.setCookies, "lti") },
    });
    if (post.status !== 303 || !post.location) throw new Error(`launch ${post.status}: ${post.body.slice(0, 200)}`);
    const session = cookieFrom(post.setCookies, "session");
    const page = await request(`${ORIGIN}${new URL(post.location).pathname}`, { headers: { cookie: session } });
    if (page.status !== 200) throw new Error(`landing ${page.status}`);
    const data = await request(`${ORIGIN}/api/library`, { headers: { cookie: session } });
    if (data.status !== 200) throw new Error(`library ${data.status}`);
    return ms + performance.now() - t;
  }

  const launchStats = (name: string, r: Awaited<ReturnType<typeof launchLoad>>, from: number, to: number) => {
    const inWindow = r.done.filter((d) => d.at >= from && d.at <= to);
    const s = inWindow.map((d) => d.ms).sort((a, b) => a - b);
    return {
      run: name, launches: inWindow.length, errors: r.errors, "per second": Math.round((inWindow.length / ((to - from) / 1000)) * 10) / 10,
      "p50 ms": Math.round(percentile(s, 50)), "p95 ms": Math.round(percentile(s, 95)), "p99 ms": Math.round(percentile(s, 99)),
    };
  };

  // Warm up the launch path, and make the load's people returning ones.
  await launchLoad(LAUNCH_CONCURRENCY, (() => { let left = 1000; return () => left-- > 0; })(), "load");

  const baselineSeconds = Number(opts["launch-seconds"]);
  const baseFrom = performance.now();
  const baseline = await launchLoad(LAUNCH_CONCURRENCY, () => performance.now() - baseFrom < baselineSeconds * 1000, "load");
  const launchRows = [launchStats(`launches alone @${LAUNCH_CONCURRENCY}`, baseline, baseFrom, performance.now())];

  // The (link, student) pairs, split in two halves: one per delivery run, so each run delivers fresh rows.
  const pairs = course.links.flatMap((l) => course.students.map((s) => ({ resourceLinkId: l.id, userId: s.userId })));
  const halves = [pairs.slice(0, SCORES), pairs.slice(pairs.length - SCORES)];
  const boss = await ensureQueue(SCORE_QUEUE);

  /** Makes `rows` owed (PENDING, a new share) and queues their jobs in one insert; returns when they are all delivered. */
  const deliver = async (rows: typeof pairs) => {
    await prisma.scoreSync.createMany({ data: rows.map((r, i) => ({ ...r, share: ((i % 97) + 1) / 100, status: "PENDING" })) });
    const before = services.scores.length;
    const app0 = treeCpuSeconds(server.proc.pid!);
    const pg0 = postgresCpuSeconds();
    const started = performance.now();
    // The job enqueueScoreDelivery(…, { now: true }) sends, for many rows at once.
    await boss.insert(rows.map((r) => ({ name: SCORE_QUEUE, data: r, singletonKey: `${r.resourceLinkId}:${r.userId}:now` })));
    let first = 0;
    let last = started;
    const deadline = started + 600_000;
    while (services.scores.length - before < rows.length && performance.now() < deadline) {
      const n = services.scores.length - before;
      if (n > 0 && !first) first = performance.now();
      await new Promise((r) => setTimeout(r, 10));
      if (services.scores.length - before > n) last = performance.now();
    }
    if (services.scores.length - before >= rows.length) last = performance.now();
    const received = services.scores.length - before;
    const appCpu = treeCpuSeconds(server.proc.pid!) - app0;
    const pgCpu = postgresCpuSeconds() - pg0;
    // No loss, no double delivery: every row SENT, every (line item, person) scored once.
    const [{ sent } = { sent: 0 }] = await withClient((c) => c.query<{ sent: number }>(`
      select count(*)::int as sent from "ScoreSync" s
      join unnest($1::text[], $2::text[]) as r(link, "user") on s."resourceLinkId" = r.link and s."userId" = r."user"
      where s.status = 'SENT'`, [rows.map((r) => r.resourceLinkId), rows.map((r) => r.userId)]).then((x) => x.rows));
    const distinct = new Set(services.scores.slice(before).map((s) => `${s.lineItemId} ${s.userId}`)).size;
    return {
      received, sent, distinct, seconds: (last - started) / 1000, steadySeconds: (last - (first || started)) / 1000,
      started, last, appCpuMs: (appCpu * 1000) / Math.max(1, received), pgCpuMs: (pgCpu * 1000) / Math.max(1, received),
    };
  };

  const alone = await deliver(halves[0]!);
  let loading = true;
  const withLaunches = launchLoad(LAUNCH_CONCURRENCY, () => loading, "load");
  await new Promise((r) => setTimeout(r, 2_000)); // launches at full speed before the scores arrive
  const busy = await deliver(halves[1]!);
  loading = false;
  const load = await withLaunches;
  launchRows.push(launchStats(`launches @${LAUNCH_CONCURRENCY} while scores deliver`, load, busy.started, busy.last));
  if (baseline.firstError || load.firstError) console.log(`  launch errors: ${baseline.firstError ?? load.firstError}`);

  const scoreRow = (name: string, r: typeof alone) => ({
    run: name, scores: r.received, "per second": Math.round(r.received / r.seconds), "first→last per second": Math.round(r.received / Math.max(0.001, r.steadySeconds)),
    seconds: Math.round(r.seconds * 10) / 10, "rows SENT": r.sent, "received once": r.distinct === r.received ? "yes" : `no (${r.received - r.distinct} twice)`,
    "app CPU ms/score": Math.round(r.appCpuMs * 100) / 100, "Postgres CPU ms/score": Math.round(r.pgCpuMs * 100) / 100,
  });

  // ---- Report ---------------------------------------------------------------------------------
  console.log(`\nCourses benchmark, production build (npm start, ${opts.workers} worker${opts.workers === "1" ? "" : "s"}), Postgres at ${new URL(dbUrl).host};`);
  console.log("the app, Postgres, the AGS platform and this load generator share the machine's cores.");
  console.log(`Course: ${size.members - 1} students + 1 instructor (memberships ${size.members}, roster ${size.roster}), ${size.links} graded readings of 6 chapters, ${size.readings} chapter readings.\n`);
  console.log("1. The instructor's view (goal: p95 < 300 ms)");
  console.table(viewRows);
  console.log("Response sizes:");
  for (const line of bytes) console.log(line);
  console.log("CPU per request (from /proc):");
  for (const line of viewCpu) console.log(line);
  console.log(`\n2. Scores delivered to the AGS platform (goal: ≥ 200/s), ${SCORES} per run, queued at once; per second = scores / (queued → last received)`);
  console.table([scoreRow("scores alone", alone), scoreRow(`scores while launches run @${LAUNCH_CONCURRENCY}`, busy)]);
  console.log("LTI 1.3 whole launches (login + id_token POST + landing page + /api/library, returning people; the platform's signing untimed):");
  console.table(launchRows);
  console.log(`AGS platform: ${services.tokenRequests.length} token requests, ${services.problems.length + services.assertionProblems.length} problems${services.problems[0] ? ` (first: ${services.problems[0]})` : ""}.`);
  console.log(`\n3. Launch numbers on their own: \`npm run bench:launch -- --only "whole launch + page, returning" --concurrency ${LAUNCH_CONCURRENCY}\``);
  console.log(`   gives the launch throughput without grade delivery; compare its "per second" with the rows above`);
  console.log("   (\"launches alone\" is the same measure taken here, before the scores; the drop while scores deliver is their cost).");
} finally {
  await shutdown();
}
process.exit(0);

async function withClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
