// `npm run bench:launch`: complete LTI 1.3 launches against a production build and Postgres.
// Prints throughput and latency for first and returning launches, the protocol part alone
// (login → platform → id_token POST → session redirect) and the whole launch with the landing
// page, then a run across two app instances (login on one, id_token POST on the other), and
// where the time goes (CPU per launch in the app and in Postgres, statements per launch).
// Options: --launches N (default 1000) --concurrency C (default 50) --skip-build
import { parseArgs } from "node:util";
import { execFileSync } from "node:child_process";
import { E2E_ENV } from "../../e2e/support/env";
import { LmsSimulator } from "../../tests/support/lms-simulator";
import { ensureDatabase, resetAndMigrate } from "../../tests/support/database";
import { startNext, treeCpuSeconds } from "./server";
import { pool, summarize, type RunResult } from "./stats";
import { postgresCpuSeconds, countStatements } from "./postgres";
import { basicLaunchParams, signLaunch } from "../../tests/support/lti11-launch";

const { values: opts } = parseArgs({ options: {
  launches: { type: "string", default: "1000" }, concurrency: { type: "string", default: "50" }, "skip-build": { type: "boolean" },
} });
const LAUNCHES = Number(opts.launches);
const CONCURRENCY = Number(opts.concurrency);
const PORTS = [3200, 3201];
const base = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbUrl = Object.assign(new URL(base), { pathname: "/folio_bench" }).toString();
const env: NodeJS.ProcessEnv = { ...process.env, ...E2E_ENV, NODE_ENV: "production", DATABASE_URL: dbUrl, APP_URL: `http://localhost:${PORTS[0]}`, DATABASE_POOL_SIZE: "20", NEXT_TELEMETRY_DISABLED: "1" };
Object.assign(process.env, env);

await ensureDatabase(dbUrl);
await resetAndMigrate(dbUrl);
if (!opts["skip-build"]) execFileSync("npx", ["next", "build"], { env, stdio: ["ignore", "ignore", "inherit"] });

const sim = await LmsSimulator.start({ folioOrigin: env.APP_URL! });
const { createBenchIntegration, createBenchLti11Integration, BENCH_LTI11 } = await import("./fixtures");
await createBenchIntegration(sim);
await createBenchLti11Integration();

const servers = await Promise.all(PORTS.map((p) => startNext(p, env)));
const shutdown = async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await sim.close();
};
try {
const origin = (i: number) => `http://localhost:${PORTS[i]}`;

async function oneLaunch(sub: string, loginAt: number, postAt: number, wholePage: boolean): Promise<void> {
  const login = await fetch(`${origin(loginAt)}/api/lti/login?${new URLSearchParams({
    iss: sim.issuer, login_hint: sub, target_link_uri: `${env.APP_URL}/api/lti/launch`, client_id: sim.clientId, lti_deployment_id: sim.deploymentId,
  })}`, { redirect: "manual" });
  const location = login.headers.get("location");
  if (login.status !== 302 || !location) throw new Error(`login ${login.status}: ${(await login.text()).slice(0, 200)}`);
  const auth = new URL(location).searchParams;
  auth.set("login_hint", sub);
  const idToken = await sim.idTokenFor(auth);
  const launch = await fetch(`${origin(postAt)}/api/lti/launch`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: (login.headers.get("set-cookie") ?? "").split(";")[0]! },
    body: new URLSearchParams({ id_token: idToken, state: auth.get("state")! }),
  });
  const landing = launch.headers.get("location");
  if (launch.status !== 303 || !landing) throw new Error(`launch ${launch.status}: ${(await launch.text()).slice(0, 300)}`);
  if (!wholePage) return;
  const session = launch.headers.getSetCookie().find((c) => c.includes("session"))?.split(";")[0] ?? "";
  const page = await fetch(`${origin(postAt)}${new URL(landing).pathname}`, { headers: { cookie: session } });
  await page.arrayBuffer();
  if (page.status !== 200) throw new Error(`landing page ${page.status}`);
}

async function oneLti11Launch(userId: string, at: number, wholePage: boolean): Promise<void> {
  const url = `${env.APP_URL}/api/lti/11/launch`;
  const { body } = signLaunch({ ...BENCH_LTI11, url, params: basicLaunchParams({ user_id: userId }) });
  const launch = await fetch(`${origin(at)}/api/lti/11/launch`, {
    method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body,
  });
  const landing = launch.headers.get("location");
  if (launch.status !== 303 || !landing) throw new Error(`1.1 launch ${launch.status}: ${(await launch.text()).slice(0, 300)}`);
  if (!wholePage) return;
  const session = launch.headers.getSetCookie().find((c) => c.includes("session"))?.split(";")[0] ?? "";
  const page = await fetch(`${origin(at)}${new URL(landing).pathname}`, { headers: { cookie: session } });
  await page.arrayBuffer();
  if (page.status !== 200) throw new Error(`landing page ${page.status}`);
}

async function scenario(name: string, subs: (i: number) => string, opt: { whole: boolean; alternate?: boolean; lti11?: boolean }): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  await pool(LAUNCHES, CONCURRENCY, async (i) => {
    const t = performance.now();
    try {
      if (opt.lti11) await oneLti11Launch(subs(i), opt.alternate ? i % 2 : 0, opt.whole);
      else await oneLaunch(subs(i), opt.alternate ? i % 2 : 0, opt.alternate ? (i + 1) % 2 : 0, opt.whole);
      latencies.push(performance.now() - t);
    } catch (error) {
      errors++;
      firstError ??= (error as Error).message;
    }
  });
  return { name, count: LAUNCHES, errors, seconds: (performance.now() - started) / 1000, latencies, firstError };
}

// Warm up (JIT, pools, JWKS cache) with launches that are not counted.
await pool(100, 20, (i) => oneLaunch(`warmup-${i}`, i % 2, (i + 1) % 2, true));
await pool(50, 10, (i) => oneLti11Launch(`warmup-${i}`, i % 2, true));

const rows: ReturnType<typeof summarize>[] = [];
const cpu: Record<string, string> = {};
const measure = async (label: string, run: () => Promise<RunResult>) => {
  const app0 = servers.reduce((s, x) => s + treeCpuSeconds(x.proc.pid!), 0);
  const pg0 = postgresCpuSeconds();
  const result = await run();
  const appCpu = servers.reduce((s, x) => s + treeCpuSeconds(x.proc.pid!), 0) - app0;
  const pgCpu = postgresCpuSeconds() - pg0;
  rows.push(summarize(result));
  cpu[label] = `app ${((appCpu * 1000) / result.count).toFixed(2)} ms, Postgres ${((pgCpu * 1000) / result.count).toFixed(2)} ms CPU per launch`;
  if (result.firstError) console.log(`  ${label}: first error: ${result.firstError}`);
};

await measure("protocol, first launch", () => scenario("protocol, first launch", (i) => `new-${i}`, { whole: false }));
await measure("protocol, returning", () => scenario("protocol, returning", (i) => `new-${i}`, { whole: false }));
await measure("whole, first launch", () => scenario("whole launch + page, first launch", (i) => `page-${i}`, { whole: true }));
await measure("whole, returning", () => scenario("whole launch + page, returning", (i) => `page-${i}`, { whole: true }));
await measure("1.1 protocol, first", () => scenario("LTI 1.1 protocol, first launch", (i) => `l11-${i}`, { whole: false, lti11: true }));
await measure("1.1 protocol, returning", () => scenario("LTI 1.1 protocol, returning", (i) => `l11-${i}`, { whole: false, lti11: true }));
await measure("1.1 whole, first", () => scenario("LTI 1.1 whole launch + page, first", (i) => `l11p-${i}`, { whole: true, lti11: true }));
await measure("two instances", () => scenario("two instances, login A → POST B, first", (i) => `two-${i}`, { whole: true, alternate: true }));

const probe = `statements-${Date.now()}`;
const statements = await countStatements(dbUrl, () => oneLaunch(`${probe}-prime`, 0, 0, false), () => oneLaunch(probe, 0, 0, false), () => oneLaunch(probe, 0, 0, false));

console.log(`\nLTI 1.3 launches: ${LAUNCHES} per scenario, ${CONCURRENCY} concurrent, production build, Postgres at ${new URL(dbUrl).host}\n`);
console.table(rows);
console.log("\nCPU per launch (app instances and all Postgres processes, from /proc):");
for (const [k, v] of Object.entries(cpu)) console.log(`  ${k.padEnd(24)} ${v}`);
console.log(`\nSQL statements per launch (Postgres log_statement=all): ${statements}`);

} finally {
  await shutdown();
}
process.exit(0);
