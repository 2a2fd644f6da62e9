// `npm run bench:library`: the library against a production build and Postgres.
// Prints the median and p95 time to serve a War and Peace chapter (every chapter, several
// rounds), catalog requests per second at 20 concurrent clients, and the time until the reader
// shows text for War and Peace in headless Chromium, the upload and ingestion time of a
// generated 300-page PDF (text only, and with a figure a page) with the server's peak resident
// memory while it ingests, and for both PDFs in headless Chromium: the time until the reader shows
// page 1, the time to show page 250 after a go-to-page jump (with the bytes the range requests
// fetched), and the in-book search p95.
// Then it seeds --catalog-rows publications (default 10,000) with SQL and prints the p95 of catalog
// searches (the search statement as the pages run it) and of catalog pages with filters (HTTP).
// Options: --rounds N (default 5) --catalog-seconds S (default 10) --skip-build
//          --pdf-pages N (default 300) --pdf-uploads N (default 3) --pdf-opens N (default 5)
//          --catalog-rows N (default 10000) --catalog-only (only the 10,000-publication rows)
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
  "pdf-opens": { type: "string", default: "5" },
  port: { type: "string", default: "3210" }, database: { type: "string", default: "folio_bench_library" },
} });
const PORT = Number(opts.port);
const ORIGIN = `http://localhost:${PORT}`;
/** The generated PDFs the reader rows open (published first): text only, and with a figure a page. */
const PDF_SLUG = "bench-pdf-1";
const FIGURES_SLUG = "bench-pdf-figures-1";
const base = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbUrl = Object.assign(new URL(base), { pathname: `/${opts.database}` }).toString();
const env: NodeJS.ProcessEnv = { ...process.env, ...E2E_ENV, NODE_ENV: "production", DATABASE_URL: dbUrl, APP_URL: ORIGIN, NEXT_TELEMETRY_DISABLED: "1" };
Object.assign(process.env, env);

await ensureDatabase(dbUrl);
await resetAndMigrate(dbUrl);
execFileSync("npx", ["tsx", "--conditions=react-server", "prisma/seed.ts"], { env, stdio: ["ignore", "ignore", "inherit"] });
if (!opts["skip-build"]) execFileSync("npm", ["run", "-s", "build"], { env, stdio: ["ignore", "ignore", "inherit"] });
const { createBenchAdmin, createBenchReader, publishBenchPublication } = await import("./library-fixtures");
const reader = await createBenchReader();
const admin = await createBenchAdmin();
const { writeBenchPdf } = await import("./pdf-fixture");
const pdfDir = mkdtempSync(join(tmpdir(), "folio-bench-pdf-"));
const pdfPath = join(pdfDir, "textbook.pdf");
const pdfPages = Number(opts["pdf-pages"]);
const pdfFile = await writeBenchPdf(pdfPath, pdfPages);
const figuresPath = join(pdfDir, "textbook-figures.pdf");
const figuresFile = await writeBenchPdf(figuresPath, pdfPages, { figures: true });

const server = await startNext(PORT, env);
try {
  const rows: Record<string, string>[] = [];
  if (!opts["catalog-only"]) {
    const cookie = await signInCookie(reader.email, reader.password);
    const chapters = await chapterTimes(cookie, Number(opts.rounds));
    const catalog = await catalogRate(Number(opts["catalog-seconds"]));
    const firstText = await readerTimeToText(cookie);
    const adminCookie = await signInCookie(admin.email, admin.password);
    const pdf = await pdfUploads(adminCookie, server.proc.pid!, Number(opts["pdf-uploads"]), pdfPath, "bench-pdf");
    const figures = await pdfUploads(adminCookie, server.proc.pid!, 1, figuresPath, "bench-pdf-figures");
    await publishBenchPublication(PDF_SLUG);
    await publishBenchPublication(FIGURES_SLUG);
    const jumpTo = Math.min(250, pdfPages);
    const textReader = await pdfReaderTimes(cookie, PDF_SLUG, Number(opts["pdf-opens"]), jumpTo);
    const pdfReader = await pdfReaderTimes(cookie, FIGURES_SLUG, Number(opts["pdf-opens"]), jumpTo);
    const pdfSearch = await pdfSearchTimes(cookie, Number(opts.rounds));
    rows.push(
      { measure: `War and Peace chapter (${chapters.count} requests)`, "median ms": chapters.p50.toFixed(1), "p95 ms": chapters.p95.toFixed(1), target: "p95 < 50 ms" },
      { measure: "catalog page, 20 concurrent", "requests/s": catalog.toFixed(0), target: "≥ 500/s" },
      { measure: "reader shows text (War and Peace, cold page)", "median ms": firstText.median.toFixed(0), "max ms": firstText.max.toFixed(0), target: "< 1500 ms" },
      {
        measure: `PDF upload + ingestion (${pdfPages} pages, ${(pdfFile.bytes / 1024 / 1024).toFixed(1)} MB, ${pdf.count} uploads)`,
        "median ms": pdf.median.toFixed(0), "max ms": pdf.max.toFixed(0),
        "peak RSS MB": `${pdf.peakRssMb.toFixed(0)} (+${pdf.growthMb.toFixed(0)} over idle)`, target: "report",
      },
      {
        measure: `PDF upload + ingestion (${pdfPages} pages with figures, ${mb(figuresFile.bytes)} MB, 1 upload)`,
        "median ms": figures.median.toFixed(0), "peak RSS MB": `${figures.peakRssMb.toFixed(0)} (+${figures.growthMb.toFixed(0)} over idle)`, target: "report",
      },
      {
        measure: `PDF reader shows page 1 (${pdfPages} pages, text only, cold browser context, ${textReader.runs} opens)`,
        "median ms": textReader.open.median.toFixed(0), "p95 ms": textReader.open.p95.toFixed(0), "max ms": textReader.open.max.toFixed(0),
        fetched: `${mb(textReader.openBytes)} MB of ${mb(pdfFile.bytes)}`, target: "< 1500 ms",
      },
      {
        measure: `PDF reader shows page ${jumpTo} after go-to-page (text only)`,
        "median ms": textReader.jump.median.toFixed(0), "p95 ms": textReader.jump.p95.toFixed(0), "max ms": textReader.jump.max.toFixed(0),
        fetched: `${mb(textReader.jumpBytes)} MB in ${textReader.jumpRanges} range requests (${textReader.wholeFile} whole-file answers)`, target: "< 1000 ms",
      },
      {
        measure: `PDF reader shows page 1 (${pdfPages} pages with figures, cold browser context, ${pdfReader.runs} opens)`,
        "median ms": pdfReader.open.median.toFixed(0), "p95 ms": pdfReader.open.p95.toFixed(0), "max ms": pdfReader.open.max.toFixed(0),
        fetched: `${mb(pdfReader.openBytes)} MB of ${mb(figuresFile.bytes)} (with figures)`, target: "< 1500 ms",
      },
      {
        measure: `PDF reader shows page ${jumpTo} after go-to-page (with figures)`,
        "median ms": pdfReader.jump.median.toFixed(0), "p95 ms": pdfReader.jump.p95.toFixed(0), "max ms": pdfReader.jump.max.toFixed(0),
        fetched: `${mb(pdfReader.jumpBytes)} MB in ${pdfReader.jumpRanges} range requests (${pdfReader.wholeFile} whole-file answers)`, target: "< 1000 ms",
      },
      {
        measure: `PDF search over ${pdfPages} pages (${pdfSearch.count} searches, ${pdfSearch.queries} queries)`,
        "median ms": pdfSearch.p50.toFixed(1), "p95 ms": pdfSearch.p95.toFixed(1), "max ms": pdfSearch.max.toFixed(1), target: "report",
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

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

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

/**
 * In headless Chromium, `runs` times in a new browser context (nothing cached): the time from
 * navigation until page 1 of the PDF is drawn with its text layer, then, from pressing Enter in
 * the go-to-page field, until page `jumpTo` is. Counts the bytes of the file each part fetched.
 */
async function pdfReaderTimes(cookie: string, slug: string, runs: number, jumpTo: number) {
  const browser = await chromium.launch({ executablePath: chromiumPath() ?? undefined, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  const open: number[] = [];
  const jump: number[] = [];
  let openBytes = 0;
  let jumpBytes = 0;
  let jumpRanges = 0;
  let wholeFile = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const [name, value] = cookie.split("=");
      await context.addCookies([{ name: name!, value: value!, domain: "localhost", path: "/", secure: true, httpOnly: true, sameSite: "None" }]);
      const page = await context.newPage();
      let phase: "open" | "jump" = "open";
      page.on("response", (r) => {
        if (!r.url().includes(`/api/publications/${slug}/file`)) return;
        // Streamed answers carry no Content-Length: the bytes are those the range asked for.
        const range = /^bytes=(\d+)-(\d+)$/.exec(r.request().headers()["range"] ?? "");
        const bytes = r.status() === 206 && range ? Number(range[2]) - Number(range[1]) + 1 : 0;
        if (r.status() === 200) wholeFile++;
        if (phase === "open") openBytes += bytes;
        else {
          jumpBytes += bytes;
          if (r.status() === 206) jumpRanges++;
        }
      });
      const t = performance.now();
      // ?page=1: the first page whatever the last run left as the reader's place.
      await page.goto(`${ORIGIN}/read/${slug}?page=1`);
      await page.locator(`[data-pdf-page="0"][data-rendered]`).waitFor({ state: "visible", timeout: 30_000 });
      open.push(performance.now() - t);
      // Let the pages near page 1 finish, so the jump is timed on its own.
      await page.waitForLoadState("networkidle");
      phase = "jump";
      const field = page.getByLabel(/Page number/);
      await field.fill(String(jumpTo));
      const j = performance.now();
      await field.press("Enter");
      await page.locator(`[data-pdf-page="${jumpTo - 1}"][data-rendered]`).waitFor({ state: "visible", timeout: 30_000 });
      jump.push(performance.now() - j);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  const summary = (times: number[]) => {
    const s = [...times].sort((a, b) => a - b);
    return { median: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1)! };
  };
  return { runs, open: summary(open), jump: summary(jump), openBytes: openBytes / runs, jumpBytes: jumpBytes / runs, jumpRanges: Math.round(jumpRanges / runs), wholeFile };
}

/** The reader's in-book search (the search API it calls) over the generated PDF's pages: words, names, phrases, a miss. */
async function pdfSearchTimes(cookie: string, rounds: number) {
  const queries = ["Elizabeth", "Mr. Darcy", "Netherfield", "sister", "letter", "Lady Catherine", "prejudice", "walked", "in the room", "happiness", "Pemberley", "zebra crossing"];
  const times: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    for (const q of queries) {
      const t = performance.now();
      const res = await fetch(`${ORIGIN}/api/publications/${PDF_SLUG}/search?q=${encodeURIComponent(q)}`, { headers: { cookie } });
      const body = (await res.json()) as { hits?: unknown[] };
      if (res.status !== 200 || !Array.isArray(body.hits)) throw new Error(`PDF search "${q}": ${res.status}`);
      if (r > 0) times.push(performance.now() - t); // round 0 warms up
      else if (q === "Elizabeth" && body.hits.length === 0) throw new Error("PDF search found no Elizabeth: the pages' text is missing");
    }
  }
  times.sort((a, b) => a - b);
  return { count: times.length, queries: queries.length, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
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

/**
 * Uploads the PDF at `path` `count` times as an administrator (addresses `<prefix>-1`, `-2`...), timing each until the 201, sampling
 * the server's memory. The same file again is a duplicate: the later uploads say "upload anyway".
 */
async function pdfUploads(cookie: string, pid: number, count: number, path: string, prefix: string) {
  const body = readFileSync(path);
  const idle = serverRssMb(pid);
  let peak = idle;
  const sampler = setInterval(() => (peak = Math.max(peak, serverRssMb(pid))), 100);
  const times: number[] = [];
  try {
    for (let i = 1; i <= count; i++) {
      const t = performance.now();
      const res = await fetch(`${ORIGIN}/api/admin/publications?slug=${prefix}-${i}&name=textbook.pdf${i > 1 ? "&duplicates=allow" : ""}`, {
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
