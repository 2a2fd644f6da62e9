// `npm run bench:admin`: the store owner's pages against a production build and a large store
// (issue 12's speed goals). Seeds --people people (two LMS integrations, name hints, a few hundred
// courses), --launches launch-log rows over the retention period and a year of reading for one
// institution, with set-based SQL (scripts/bench/admin-fixtures.ts); then, signed in as the store
// administrator, requests each page --requests times at each --concurrency and prints
// p50/p95/p99, requests per second and CPU per request in the app and in Postgres (goal: every
// p95 < 200 ms); then downloads the institution report's CSV for the year while sampling the app
// process's memory (/proc/<pid>/status), to show the stream keeps it flat.
// Options: --people N (100000) --launches N (1000000) --courses N (300) --requests N (per page and
// concurrency, 60) --concurrency 1,5 --downloads N (CSV downloads, 3) --only TEXT (pages whose name
// contains TEXT) --through-triggers (load people through the search-text triggers instead of one
// update after) --skip-build --skip-seed (reuse the database of an earlier run; applies new
// migrations) --embedded (a fresh embedded Postgres instead of DATABASE_URL's server)
// Port 3420 (the app). Database folio_bench_admin.
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import pg from "pg";
import { E2E_ENV } from "../../e2e/support/env";
import { ensureDatabase, resetAndMigrate } from "../../tests/support/database";
import { removeEmbeddedPostgres, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { startNext } from "./server";
import { timeRequests } from "./page-timing";
import { pool } from "./stats";
import { request } from "./http-client";

const { values: opts } = parseArgs({ options: {
  people: { type: "string", default: "100000" }, launches: { type: "string", default: "1000000" }, courses: { type: "string", default: "300" },
  requests: { type: "string", default: "60" }, concurrency: { type: "string", default: "1,5" }, downloads: { type: "string", default: "3" },
  only: { type: "string" }, "through-triggers": { type: "boolean" }, "skip-build": { type: "boolean" }, "skip-seed": { type: "boolean" },
  embedded: { type: "boolean" },
} });
const REQUESTS = Number(opts.requests);
const LEVELS = opts.concurrency.split(",").map(Number);
const PORT = 3420;
const ORIGIN = `http://localhost:${PORT}`;
const RETENTION_DAYS = 90;
const BENCH_CLUSTER = ".data/postgres-bench-admin";

if (opts.embedded) removeEmbeddedPostgres(BENCH_CLUSTER);
const embedded = opts.embedded ? await startEmbeddedPostgres(BENCH_CLUSTER, { quiet: true }) : null;
const base = embedded?.url("postgres") ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbUrl = Object.assign(new URL(base), { pathname: "/folio_bench_admin" }).toString();
const env: NodeJS.ProcessEnv = {
  ...process.env, ...E2E_ENV, NODE_ENV: "production", DATABASE_URL: dbUrl, APP_URL: ORIGIN, PORT: String(PORT),
  DATABASE_POOL_SIZE: "20", NEXT_TELEMETRY_DISABLED: "1", WEB_CONCURRENCY: "1", LAUNCH_LOG_RETENTION_DAYS: String(RETENTION_DAYS),
};
Object.assign(process.env, env);

const reuse = opts["skip-seed"] && !embedded;
await ensureDatabase(dbUrl);
if (reuse) execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: ["ignore", "ignore", "inherit"] });
else {
  await resetAndMigrate(dbUrl);
  await withClient((c) => c.query("drop schema if exists pgboss cascade"));
}
const build = opts["skip-build"] ? null : (() => {
  const t = performance.now();
  execFileSync("npm", ["run", "-s", "build"], { env, stdio: ["ignore", "ignore", "inherit"] });
  return (performance.now() - t) / 1000;
})();

const { prisma } = await import("@/lib/db");
const { seedDemoBooks } = await import("@/lib/publications/seed-demo-books");
const { seedAdminStore, INTEGRATION_A } = await import("./admin-fixtures");
const { createSessionCookie } = await import("@/lib/auth/session-cookie");

let fixture: { adminCookie: string; integrationA: string; personId: string; courseId: string; timings: { step: string; seconds: number; rows: number }[] };
const seedStarted = performance.now();
if (reuse) {
  const admin = await prisma.user.findUniqueOrThrow({ where: { publicId: "ADM1N000" } });
  const a = await prisma.integration.findFirstOrThrow({ where: { name: INTEGRATION_A.name } });
  fixture = { adminCookie: (await createSessionCookie(admin)).split(";")[0]!, integrationA: a.id, personId: "bu0000001", courseId: "bca0001", timings: [] };
} else {
  console.log(`Seeding: demo books, ${opts.people} people, ${opts.launches} launch-log rows, a year of reading…`);
  const t = performance.now();
  await seedDemoBooks();
  const books = (performance.now() - t) / 1000;
  fixture = await withClient((c) => seedAdminStore(c, {
    people: Number(opts.people), launches: Number(opts.launches), courses: Number(opts.courses), retentionDays: RETENTION_DAYS,
    throughTriggers: !!opts["through-triggers"],
  }));
  fixture.timings.unshift({ step: "demo books (ingested)", seconds: Math.round(books * 10) / 10, rows: 4 });
}
const seedSeconds = (performance.now() - seedStarted) / 1000;
const sizes = await withClient(async (c) => (await c.query<{ table: string; rows: number; mb: number }>(`
  select relname as table, n_live_tup::int as rows, round(pg_total_relation_size(relid) / 1048576.0)::int as mb from pg_stat_user_tables
   where relname in ('User', 'LtiIdentity', 'Course', 'CourseMembership', 'LaunchLog', 'ReadingSession', 'ReadingProgress', 'ChapterReading')
   order by relname`)).rows);

const server = await startNext(PORT, env);
const pid = server.proc.pid!;

try {
  const today = new Date().toISOString().slice(0, 10);
  const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
  const A = fixture.integrationA;
  const pages = [
    { name: "users: search a name", path: `/admin/users?q=${encodeURIComponent("lefèv")}`, expect: "Lefèvre" },
    { name: "users: search + filters", path: `/admin/users?q=${encodeURIComponent("nunez")}&integration=${A}&email=yes`, expect: "Núñez" },
    { name: "users: course filter", path: `/admin/users?course=${fixture.courseId}&role=learner`, expect: "Newest first" },
    { name: "person page", path: `/admin/users/${fixture.personId}`, expect: "Recent launches" },
    { name: "launches: failures of a code", path: `/admin/launches?outcome=FAILURE&code=LTI_STATE_EXPIRED`, expect: "LTI_STATE_EXPIRED" },
    { name: "launches: a person", path: `/admin/launches?person=${encodeURIComponent("Zoë Lefèvre")}`, expect: "Zoë Lefèvre" },
    { name: "launches: no filter", path: `/admin/launches`, expect: "launches," },
    { name: "report: a year", path: `/admin/reports?integration=${A}&from=${yearAgo}&to=${today}`, expect: "Most read titles" },
  ].filter((p) => !opts.only || p.name.includes(opts.only));
  const cookie = fixture.adminCookie;
  const get = async (path: string, expect: string) => {
    const res = await request(`${ORIGIN}${path}`, { headers: { cookie } });
    if (res.status !== 200 || !res.body.includes(expect)) throw new Error(`${path}: ${res.status} ${res.body.slice(0, 200)}`);
    return res.body.length;
  };

  for (const page of pages) await pool(10, 2, async () => void (await get(page.path, page.expect))); // warm up
  const rows: Record<string, unknown>[] = [];
  const cpu: string[] = [];
  const bytes: string[] = [];
  for (const page of pages) {
    bytes.push(`  ${page.name.padEnd(32)} ${Math.round((await get(page.path, page.expect)) / 1024)} KiB  ${page.path}`);
    for (const c of LEVELS) {
      const timed = await timeRequests({ name: page.name, count: REQUESTS, concurrency: c, appPid: pid, request: () => get(page.path, page.expect) });
      const { scenario, launches, ...numbers } = timed.summary;
      rows.push({ page: scenario, concurrent: c, requests: launches, ...numbers, "p95 < 200": numbers["p95 ms"] < 200 ? "yes" : "NO" });
      cpu.push(`  ${`${page.name} @${c}`.padEnd(36)} app ${timed.appMs.toFixed(1)} ms, Postgres ${timed.postgresMs.toFixed(1)} ms`);
      if (timed.firstError) console.log(`  ${page.name} @${c}: first error: ${timed.firstError}`);
    }
  }

  // ---- The report's CSV for the year, memory sampled while it streams --------------------------
  const csvPath = `/api/admin/reports?integration=${A}&from=${yearAgo}&to=${today}`;
  const downloads: Record<string, unknown>[] = [];
  for (let i = 0; i < Number(opts.downloads) && (!opts.only || "csv".includes(opts.only)); i++) {
    const before = memory(pid);
    let peak = before.rss;
    const sampler = setInterval(() => void (peak = Math.max(peak, memory(pid).rss)), 5);
    const t = performance.now();
    const got = await download(`${ORIGIN}${csvPath}`, cookie);
    const ms = performance.now() - t;
    clearInterval(sampler);
    const after = memory(pid);
    downloads.push({
      download: i + 1, status: got.status, "CSV MiB": Math.round((got.bytes / 1048576) * 10) / 10, "CSV lines": got.lines,
      "time ms": Math.round(ms), "first byte ms": Math.round(got.firstByteMs), "RSS before MiB": mib(before.rss), "peak RSS during MiB": mib(peak),
      "RSS after MiB": mib(after.rss), "VmHWM (lifetime peak) MiB": mib(after.hwm),
    });
  }

  // ---- Report ---------------------------------------------------------------------------------
  console.log(`\nAdmin benchmark, production build (npm start, 1 worker), Postgres at ${new URL(dbUrl).host}; the app, Postgres and this`);
  console.log("load generator share the machine's cores.");
  if (build !== null) console.log(`Build: ${build.toFixed(0)} s.`);
  console.log(`Seeding: ${seedSeconds.toFixed(1)} s${reuse ? " (reused the earlier run's database)" : ""}${opts["through-triggers"] ? ", people loaded through the search-text triggers" : ", search text filled in one update after the load"}.`);
  if (fixture.timings.length) console.table(fixture.timings);
  console.log("Tables:");
  console.table(sizes);
  console.log(`\n1. The owner's pages, signed in as the store administrator (goal: p95 < 200 ms), ${REQUESTS} requests per row`);
  console.table(rows);
  console.log("Response sizes:");
  for (const line of bytes) console.log(line);
  console.log("CPU per request (from /proc):");
  for (const line of cpu) console.log(line);
  if (downloads.length) {
    console.log(`\n2. The institution report's CSV for a year (${yearAgo} to ${today}), streamed; the app process's memory from /proc/${pid}/status sampled every 5 ms`);
    console.table(downloads);
  }
} finally {
  await server.stop();
  await prisma.$disconnect();
  await embedded?.stop();
  if (embedded) removeEmbeddedPostgres(BENCH_CLUSTER);
}
process.exit(0);

function memory(p: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${p}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

function mib(bytes: number): number {
  return Math.round(bytes / 1048576);
}

/** Reads a response to its end, counting bytes and lines without keeping them. */
function download(url: string, cookie: string): Promise<{ status: number; bytes: number; lines: number; firstByteMs: number }> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    http.get(url, { headers: { cookie } }, (res) => {
      let bytes = 0;
      let lines = 0;
      let firstByteMs = 0;
      res.on("data", (chunk: Buffer) => {
        if (!bytes) firstByteMs = performance.now() - t;
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes, lines, firstByteMs }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

async function withClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}
