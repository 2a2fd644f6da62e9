// `npm run bench:launch`: complete LTI 1.3 launches against a production build and Postgres.
// Each launch is login initiation → redirect to the platform → signed id_token POST → session
// redirect (the protocol part), then the landing page (the whole launch). The platform's RS256
// signing is kept off the hot path, as a real platform does it on its own machine: every
// scenario runs its logins, then signs all the id_tokens untimed, then runs the POSTs (and the
// pages). Launches per second = launches / the timed phases' time; a launch's latency is the
// sum of its requests' latencies. Printed at 1, 10 and 50 concurrent launches, for first
// launches (new accounts) and returning ones, then LTI 1.1, then two app instances (login on
// one, id_token POST on the other), then where the time goes (CPU per launch in the app and in
// Postgres, statements per launch).
// Options: --launches N (default 500) --concurrency 1,10,50 --only TEXT (scenarios whose name
// contains TEXT) --workers N (WEB_CONCURRENCY of each instance, default 1) --skip-build
// --profile DIR (V8 CPU profiles of the app instances into DIR) --embedded (a fresh embedded
// Postgres of this checkout, the one `npm run dev` uses, instead of DATABASE_URL's server)
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { E2E_ENV } from "../../e2e/support/env";
import { LmsSimulator } from "../../tests/support/lms-simulator";
import { ensureDatabase, resetAndMigrate } from "../../tests/support/database";
import { startNext, treeCpuSeconds } from "./server";
import { removeEmbeddedPostgres, startEmbeddedPostgres } from "../lib/embedded-postgres";
import { pool, summarize, type RunResult } from "./stats";
import { postgresCpuSeconds, countStatements } from "./postgres";
import { request, cookieFrom } from "./http-client";
import { basicLaunchParams, signLaunch } from "../../tests/support/lti11-launch";

const { values: opts } = parseArgs({ options: {
  launches: { type: "string", default: "500" }, concurrency: { type: "string", default: "1,10,50" },
  only: { type: "string" }, "skip-build": { type: "boolean" }, profile: { type: "string" }, workers: { type: "string", default: "1" },
  embedded: { type: "boolean" },
} });
const LAUNCHES = Number(opts.launches);
const LEVELS = opts.concurrency.split(",").map(Number);
const TOP = Math.max(...LEVELS);
const PORTS = [3200, 3201];
const BENCH_CLUSTER = ".data/postgres-bench";
if (opts.embedded) removeEmbeddedPostgres(BENCH_CLUSTER);
const embedded = opts.embedded ? await startEmbeddedPostgres(BENCH_CLUSTER, { quiet: true }) : null;
if (embedded) console.log(`Embedded Postgres on port ${embedded.port} (.data/postgres-bench)`);
const base = embedded?.url("postgres") ?? process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbUrl = Object.assign(new URL(base), { pathname: "/folio_bench" }).toString();
const env: NodeJS.ProcessEnv = { ...process.env, ...E2E_ENV, NODE_ENV: "production", DATABASE_URL: dbUrl, APP_URL: `http://localhost:${PORTS[0]}`, DATABASE_POOL_SIZE: "20", NEXT_TELEMETRY_DISABLED: "1", WEB_CONCURRENCY: opts.workers };
Object.assign(process.env, env);
const nodeArgs = opts.profile ? ["--cpu-prof", `--cpu-prof-dir=${opts.profile}`] : [];

await ensureDatabase(dbUrl);
await resetAndMigrate(dbUrl);
if (!opts["skip-build"]) execFileSync("npm", ["run", "-s", "build"], { env, stdio: ["ignore", "ignore", "inherit"] });

const sim = await LmsSimulator.start({ folioOrigin: env.APP_URL! });
const { createBenchIntegration, createBenchLti11Integration, createBenchShelf, BENCH_LTI11 } = await import("./fixtures");
await createBenchIntegration(sim);
await createBenchLti11Integration();
await createBenchShelf();

const servers = await Promise.all(PORTS.map((p) => startNext(p, env, nodeArgs)));
const shutdown = async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await sim.close();
  await embedded?.stop();
  if (embedded) removeEmbeddedPostgres(BENCH_CLUSTER);
};
try {
const origin = (i: number) => `http://localhost:${PORTS[i]}`;

/** One launch as it moves through the phases; a failed step ends it. */
type Launch = {
  sub: string; loginAt: number; postAt: number;
  latency: number; error?: string;
  browserCookie?: string; auth?: URLSearchParams; idToken?: string; body?: string; landing?: string; session?: string;
};

async function login(l: Launch): Promise<void> {
  const res = await request(`${origin(l.loginAt)}/api/lti/login?${new URLSearchParams({
    iss: sim.issuer, login_hint: l.sub, target_link_uri: `${env.APP_URL}/api/lti/launch`, client_id: sim.clientId, lti_deployment_id: sim.deploymentId,
  })}`);
  if (res.status !== 302 || !res.location) throw new Error(`login ${res.status}: ${res.body.slice(0, 200)}`);
  l.auth = new URL(res.location).searchParams;
  l.auth.set("login_hint", l.sub);
  l.browserCookie = cookieFrom(res.setCookies, "lti");
}

async function postIdToken(l: Launch, path = "/api/lti/launch"): Promise<void> {
  const body = l.body ?? new URLSearchParams({ id_token: l.idToken!, state: l.auth!.get("state")! }).toString();
  const res = await request(`${origin(l.postAt)}${path}`, {
    method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded", ...(l.browserCookie ? { cookie: l.browserCookie } : {}) },
  });
  if (res.status !== 303 || !res.location) throw new Error(`launch ${res.status}: ${res.body.slice(0, 300)}`);
  l.landing = new URL(res.location).pathname;
  l.session = cookieFrom(res.setCookies, "session");
}

// The landing page as a browser gets it: the page (served from cache), then the person's
// library from /api/library, the page's one per-person request.
async function landingPage(l: Launch): Promise<void> {
  const page = await request(`${origin(l.postAt)}${l.landing}`, { headers: { cookie: l.session! } });
  if (page.status !== 200) throw new Error(`landing page ${page.status}`);
  if (l.landing !== "/library") return;
  const data = await request(`${origin(l.postAt)}/api/library`, { headers: { cookie: l.session! } });
  if (data.status !== 200 || !data.body.includes("bench-book-1")) throw new Error(`library data ${data.status}: ${data.body.slice(0, 200)}`);
}

/** Runs one step of every live launch, `concurrency` at a time; returns the seconds it took. */
async function phase(launches: Launch[], concurrency: number, step: (l: Launch) => Promise<void>): Promise<number> {
  const started = performance.now();
  await pool(launches.length, concurrency, async (i) => {
    const l = launches[i]!;
    if (l.error) return;
    const t = performance.now();
    try {
      await step(l);
      l.latency += performance.now() - t;
    } catch (error) {
      l.error = (error as Error).message;
    }
  });
  return (performance.now() - started) / 1000;
}

/** Signs the platform's id_tokens, untimed (the platform's own work, on its own machine). */
async function signAll(launches: Launch[]): Promise<void> {
  for (const l of launches) if (!l.error) l.idToken = await sim.idTokenFor(l.auth!);
}

type Options = { whole: boolean; alternate?: boolean; lti11?: boolean };

async function runLaunches(launches: Launch[], concurrency: number, opt: Options): Promise<number> {
  let seconds = 0;
  if (opt.lti11) {
    const url = `${env.APP_URL}/api/lti/11/launch`;
    for (const l of launches) l.body = signLaunch({ ...BENCH_LTI11, url, params: basicLaunchParams({ user_id: l.sub }) }).body.toString();
    seconds += await phase(launches, concurrency, (l) => postIdToken(l, "/api/lti/11/launch"));
  } else {
    seconds += await phase(launches, concurrency, login);
    await signAll(launches);
    seconds += await phase(launches, concurrency, (l) => postIdToken(l));
  }
  if (opt.whole) seconds += await phase(launches, concurrency, landingPage);
  return seconds;
}

const newLaunches = (count: number, sub: (i: number) => string, alternate = false): Launch[] =>
  Array.from({ length: count }, (_, i) => ({ sub: sub(i), loginAt: alternate ? i % 2 : 0, postAt: alternate ? (i + 1) % 2 : 0, latency: 0 }));

async function scenario(name: string, concurrency: number, sub: (i: number) => string, opt: Options): Promise<RunResult & { concurrency: number }> {
  const count = concurrency === 1 ? Math.min(LAUNCHES, 200) : LAUNCHES;
  const launches = newLaunches(count, sub, opt.alternate);
  const seconds = await runLaunches(launches, concurrency, opt);
  const failed = launches.filter((l) => l.error);
  return { name, concurrency, count, errors: failed.length, seconds, latencies: launches.filter((l) => !l.error).map((l) => l.latency), firstError: failed[0]?.error };
}

// Warm up (JIT, pools, prepared statements, JWKS cache) with launches that are not counted.
await runLaunches(newLaunches(600, (i) => `warmup-${i}`, true), 50, { whole: true });
await runLaunches(newLaunches(100, (i) => `warmup11-${i}`), 10, { whole: true, lti11: true });

const rows: (ReturnType<typeof summarize> & { concurrent: number })[] = [];
const cpu: string[] = [];
const measure = async (name: string, concurrency: number, sub: (i: number) => string, opt: Options) => {
  if (opts.only && !name.includes(opts.only)) return;
  const app0 = servers.reduce((s, x) => s + treeCpuSeconds(x.proc.pid!), 0);
  const pg0 = postgresCpuSeconds(embedded ? BENCH_CLUSTER : undefined);
  const self0 = process.cpuUsage();
  const result = await scenario(name, concurrency, (i) => `c${concurrency}-${sub(i)}`, opt);
  const appCpu = servers.reduce((s, x) => s + treeCpuSeconds(x.proc.pid!), 0) - app0;
  const pgCpu = postgresCpuSeconds(embedded ? BENCH_CLUSTER : undefined) - pg0;
  const self = process.cpuUsage(self0);
  const { scenario: label, ...numbers } = summarize(result);
  rows.push({ scenario: label, concurrent: concurrency, ...numbers });
  cpu.push(`  ${`${name} @${concurrency}`.padEnd(42)} app ${((appCpu * 1000) / result.count).toFixed(2)} ms, Postgres ${((pgCpu * 1000) / result.count).toFixed(2)} ms, load generator ${((self.user + self.system) / 1000 / result.count).toFixed(2)} ms`);
  if (result.firstError) console.log(`  ${name} @${concurrency}: first error: ${result.firstError}`);
};

for (const c of LEVELS) {
  await measure("1.3 protocol, first launch", c, (i) => `p-${i}`, { whole: false });
  await measure("1.3 protocol, returning", c, (i) => `p-${i}`, { whole: false });
  await measure("1.3 whole launch + page, first launch", c, (i) => `w-${i}`, { whole: true });
  await measure("1.3 whole launch + page, returning", c, (i) => `w-${i}`, { whole: true });
}
await measure("1.1 protocol, first launch", TOP, (i) => `l11-${i}`, { whole: false, lti11: true });
await measure("1.1 protocol, returning", TOP, (i) => `l11-${i}`, { whole: false, lti11: true });
await measure("1.1 whole launch + page, first launch", TOP, (i) => `l11w-${i}`, { whole: true, lti11: true });
await measure("two instances, login A → POST B, whole, first", TOP, (i) => `two-${i}`, { whole: true, alternate: true });

const one = (sub: string) => async () => {
  const [l] = newLaunches(1, () => sub);
  await runLaunches([l!], 1, { whole: false });
  if (l!.error) throw new Error(l!.error);
};
const probe = `statements-${Date.now()}`;
const statements = opts.only ? "not counted (--only)" : await countStatements(dbUrl, one(`${probe}-prime`), one(probe), one(probe));

console.log(`\nLTI launches: ${LAUNCHES} per scenario (200 at 1 concurrent), production build (npm start, ${opts.workers} worker${opts.workers === "1" ? "" : "s"} per instance), Postgres at ${new URL(dbUrl).host};`);
console.log("the platform's id_token signing is untimed; app, Postgres and this load generator share the machine's cores.\n");
console.table(rows);
console.log(`\nCPU per launch: app instances and ${embedded ? "the embedded Postgres of this bench" : "all Postgres processes"} (from /proc), the load generator (this process, its untimed signing included):`);
for (const line of cpu) console.log(line);
console.log(`\nSQL statements per launch (Postgres log_statement=all): ${statements}`);

} finally {
  await shutdown();
}
process.exit(0);
