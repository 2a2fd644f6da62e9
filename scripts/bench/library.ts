// `npm run bench:library`: the library against a production build and Postgres.
// Prints the median and p95 time to serve a War and Peace chapter (every chapter, several
// rounds), catalog requests per second at 20 concurrent clients, and the time until the reader
// shows text for War and Peace in headless Chromium, and the upload and ingestion time of a
// generated 300-page PDF with the server's peak resident memory while it ingests.
// Then it seeds --catalog-rows publications (default 10,000) with SQL and prints the p95 of catalog
// searches (the search statement as the pages run it) and of catalog pages with filters (HTTP).
// Options: --rounds N (default 5) --catalog-seconds S (default 10) --catalog-rows N (default 10000)
//          --catalog-only (only the 10,000-publication rows) --skip-build
//          --pdf-pages N (default 300) --pdf-uploads N (default 3)
//          --port P (default 3210) --database NAME (default folio_bench_library)
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
import { E2E_ENV } from "../../e2e/support/env";
import { chromiumPath } from "../../e2e/support/chromium";
import { ensureDatabase, resetAndMigrate } from "../../tests/support/database";
import { descendants, startNext } from "./server";
import { percentile, pool } from "./stats";
import { BENCH_PAGES, BENCH_QUERIES, seedCatalog } from "./catalog-seed";

const { values: opts } = parseArgs({ options: {
  rounds: { type: "string", default: "5" }, "catalog-seconds": { type: "string", default: "10" }, "skip-build": { type: "boolean" },
  "pdf-pages": { type: "string", default: "300" }, "pdf-uploads": { type: "string", default: "3" },
  "catalog-rows": { type: "string", default: "10000" }, "catalog-only": { type: "boolean" },
  port: { type: "string", default: "3210" }, database: { type: "string", default: "folio_bench_library" },
} });
const PORT = Number(opts.port);
const ORIGIN = `http://localhost:${PORT}`;
const base = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbUrl = Object.assign(new URL(base), { pathname: `/${opts.database}` }).toString();
const env: NodeJS.ProcessEnv = { ...process.env, ...E2E_ENV, NODE_ENV: "production", DATABASE_URL: dbUrl, APP_URL: ORIGIN, NEXT_TELEMETRY_DISABLED: "1" };
Object.assign(process.env, env);

await ensureDatabase(dbUrl);
await resetAndMigrate(dbUrl);
execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
if (!opts["skip-build"]) execFileSync("npm", ["run", "-s", "build"], { env, stdio: ["ignore", "ignore", "inherit"] });
const { createBenchAdmin, createBenchReader } = await import("./library-fixtures");
const reader = await createBenchReader();
const admin = await createBenchAdmin();
const { writeBenchPdf } = await import("./pdf-fixture");
const pdfDir = mkdtempSync(join(tmpdir(), "folio-bench-pdf-"));
const pdfPath = join(pdfDir, "textbook.pdf");
const pdfPages = Number(opts["pdf-pages"]);
const pdfFile = await writeBenchPdf(pdfPath, pdfPages);

const server = await startNext(PORT, env);
try {
  const rows: Record<string, string>[] = [];
  if (!opts["catalog-only"]) {
    const cookie = await signInCookie(reader.email, reader.password);
    const chapters = await chapterTimes(cookie, Number(opts.rounds));
    const catalog = await catalogRate(Number(opts["catalog-seconds"]));
    const firstText = await readerTimeToText(cookie);
    const pdf = await pdfUploads(await signInCookie(admin.email, admin.password), server.proc.pid!, Number(opts["pdf-uploads"]));
    rows.push(
      { measure: `War and Peace chapter (${chapters.count} requests)`, "median ms": chapters.p50.toFixed(1), "p95 ms": chapters.p95.toFixed(1), target: "p95 < 50 ms" },
      { measure: "catalog page, 20 concurrent", "requests/s": catalog.toFixed(0), target: "≥ 500/s" },
      { measure: "reader shows text (War and Peace, cold page)", "median ms": firstText.median.toFixed(0), "max ms": firstText.max.toFixed(0), target: "< 1500 ms" },
      {
        measure: `PDF upload + ingestion (${pdfPages} pages, ${(pdfFile.bytes / 1024 / 1024).toFixed(1)} MB, ${pdf.count} uploads)`,
        "median ms": pdf.median.toFixed(0), "max ms": pdf.max.toFixed(0),
        "peak RSS MB": `${pdf.peakRssMb.toFixed(0)} (+${pdf.growthMb.toFixed(0)} over idle)`, target: "report",
      },
    );
  }
  const count = Number(opts["catalog-rows"]);
  const seedMs = await seedCatalog(dbUrl, count);
  const searches = await catalogSearchTimes(Number(opts.rounds) * 4);
  const pages = await catalogPageTimes(Number(opts.rounds) * 2);
  rows.push(
    { measure: `catalog search, ${count.toLocaleString("en-US")} publications (${searches.count} searches)`, "median ms": searches.p50.toFixed(1), "p95 ms": searches.p95.toFixed(1), target: "p95 < 50 ms" },
    { measure: `catalog page with filters, HTTP (${pages.count} pages)`, "median ms": pages.p50.toFixed(1), "p95 ms": pages.p95.toFixed(1), target: "p95 < 100 ms" },
  );
  console.log(`\nLibrary benchmark, production build, Postgres at ${new URL(dbUrl).host} (${count.toLocaleString("en-US")} publications seeded in ${(seedMs / 1000).toFixed(1)} s)\n`);
  console.table(rows);
} finally {
  await server.stop();
  rmSync(pdfDir, { recursive: true, force: true });
}
process.exit(0);

async function signInCookie(email: string, password: string): Promise<string> {
  const csrf = await fetch(`${ORIGIN}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${ORIGIN}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.includes("folio.session"));
  if (!session) throw new Error(`sign-in failed: ${res.status}`);
  return session.split(";")[0]!;
}

async function chapterTimes(cookie: string, rounds: number) {
  const first = await (await fetch(`${ORIGIN}/api/publications/war-and-peace/chapters/0`, { headers: { cookie } })).json() as { count: number };
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < first.count; i++) {
      const t = performance.now();
      const res = await fetch(`${ORIGIN}/api/publications/war-and-peace/chapters/${i}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`chapter ${i}: ${res.status}`);
      if (r > 0) times.push(performance.now() - t); // round 0 warms up
    }
  }
  times.sort((a, b) => a - b);
  return { count: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function catalogRate(seconds: number): Promise<number> {
  await pool(200, 20, async () => void (await (await fetch(`${ORIGIN}/`)).arrayBuffer()));
  let done = 0;
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(Array.from({ length: 20 }, async () => {
    while (performance.now() < until) {
      const res = await fetch(`${ORIGIN}/`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`catalog ${res.status}`);
      done++;
    }
  }));
  return done / ((performance.now() - started) / 1000);
}

/** The catalog's search statement as the search page runs it (lib/publications/catalog-search.ts), one at a time. */
async function catalogSearchTimes(rounds: number) {
  const { searchCatalog } = await import("@/lib/publications/catalog-search");
  const times: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    for (const q of BENCH_QUERIES) {
      const t = performance.now();
      const page = await searchCatalog({ q });
      if (r > 0) times.push(performance.now() - t); // round 0 warms up
      if (r === 0 && q === "tolst" && !page.books.some((b) => b.slug === "war-and-peace")) throw new Error("catalog search: tolst did not find War and Peace");
    }
  }
  times.sort((a, b) => a - b);
  return { count: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** Whole /search pages (search, filters, facets, rendering), one at a time. */
async function catalogPageTimes(rounds: number) {
  const times: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    for (const path of BENCH_PAGES) {
      const t = performance.now();
      const res = await fetch(`${ORIGIN}${path}`);
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
      if (r > 0) times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { count: times.length, p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function readerTimeToText(cookie: string) {
  const browser = await chromium.launch({ executablePath: chromiumPath() ?? undefined, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const times: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const context = await browser.newContext();
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name: name!, value: value!, domain: "localhost", path: "/", secure: true, httpOnly: true, sameSite: "None" }]);
      const page = await context.newPage();
      const t = performance.now();
      await page.goto(`${ORIGIN}/read/war-and-peace?chapter=${10 + i}`);
      await page.locator(".folio-chapter p").first().waitFor({ state: "visible", timeout: 15_000 });
      times.push(performance.now() - t);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), max: times.at(-1)! };
}

/** Resident memory of the server and its child processes, in MB (the PDF worker is a thread of it). */
function serverRssMb(pid: number): number {
  let kb = 0;
  for (const id of [pid, ...descendants(pid)]) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${id}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return kb / 1024;
}

/** Uploads the generated PDF `count` times as an administrator, timing each until the 201, sampling the server's memory. */
async function pdfUploads(cookie: string, pid: number, count: number) {
  const body = readFileSync(pdfPath);
  const idle = serverRssMb(pid);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, serverRssMb(pid))), 100);
  const times: number[] = [];
  try {
    for (let i = 1; i <= count; i++) {
      const t = performance.now();
      const res = await fetch(`${ORIGIN}/api/admin/publications?slug=bench-pdf-${i}&name=textbook.pdf`, {
        method: "POST", headers: { cookie, origin: ORIGIN, "content-type": "application/pdf" }, body,
      });
      const answer = await res.text();
      if (res.status !== 201) throw new Error(`PDF upload ${i}: ${res.status} ${answer.slice(0, 300)}`);
      times.push(performance.now() - t);
    }
  } finally {
    clearInterval(sampler);
  }
  times.sort((a, b) => a - b);
  return { count: times.length, median: percentile(times, 50), max: times.at(-1)!, peakRssMb: peak, growthMb: peak - idle };
}
