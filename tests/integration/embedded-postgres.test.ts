import { existsSync, writeFileSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { removeEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgres } from "@/scripts/lib/embedded-postgres";

// The embedded default of `npm run dev`: a real Postgres per checkout directory, with its own
// port and data, shared by the processes of that checkout, and a lock that survives a crash.

const dirs = [".data/vitest-embedded-a", ".data/vitest-embedded-b"];
const started: EmbeddedPostgres[] = [];

const clean = removeEmbeddedPostgres;

async function query<Row>(url: string, text: string): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as Row[];
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const db of started) await db.stop();
  dirs.forEach(clean);
});

describe("embedded Postgres", () => {
  it("gives two checkouts their own server, port and data, and runs named prepared statements across connections", async () => {
    dirs.forEach(clean);
    const [a, b] = await Promise.all(dirs.map((dir) => startEmbeddedPostgres(dir, { quiet: true })));
    started.push(a!, b!);
    expect(a!.port).not.toBe(b!.port);
    await query(a!.url("folio"), "create table only_in_a (id int)");
    expect(await query(b!.url("folio"), "select to_regclass('only_in_a') as t")).toEqual([{ t: null }]);

    const pool = new pg.Pool({ connectionString: a!.url("folio"), max: 4 });
    const runs = Array.from({ length: 16 }, (_, i) => pool.query({ name: "same-name", text: "select $1::int * 2 as v", values: [i] }));
    expect((await Promise.all(runs)).map((r) => r.rows[0].v)).toEqual(Array.from({ length: 16 }, (_, i) => i * 2));
    await pool.end();
  }, 120_000);

  it("lets another process of the same checkout share the running server", async () => {
    const again = await startEmbeddedPostgres(dirs[0]!, { quiet: true });
    expect(again.port).toBe(started[0]!.port);
    await again.stop(); // a sharer's stop leaves the owner's server running
    expect(await query(started[0]!.url("folio"), "select 1 as one")).toEqual([{ one: 1 }]);
  }, 60_000);

  it("recovers a lock whose process is gone, and says whose it was", async () => {
    await started.pop()!.stop();
    const dir = dirs[1]!;
    expect(existsSync(`${dir}.lock`)).toBe(false);
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2 ** 22 + 12345, command: "npm run dev", port: 1, startedAt: "2026-01-01" }));
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const db = await startEmbeddedPostgres(dir);
    started.push(db);
    expect(log.mock.calls.flat().join("\n")).toMatch(/Recovered the embedded database's lock: `npm run dev` \(pid \d+\) held it and is no longer running/);
    expect(await query(db.url("folio"), "select to_regclass('only_in_a') as t")).toEqual([{ t: null }]);
  }, 60_000);
});
