import { createServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createPool, pool, sql } from "@/lib/sql";
import { isDatabaseReachable } from "@/lib/health";
import { GET as health } from "@/app/api/health/route";

// A database that stops answering must cost a request seconds, not hang it; one that restarts
// under load must lose nothing that was acknowledged. Runs on the embedded Postgres and on a
// server alike (vitest.config.ts sets DATABASE_STATEMENT_TIMEOUT_MS=3000, connect 2500: also the longest wait for a free pooled connection).

/** A TCP server that accepts connections and never says a word: a frozen database. */
async function blackHole(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/frozen`,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe("database limits", () => {
  it("cancels a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS on the server", async () => {
    const started = Date.now();
    const error = await sql("limits-sleep", "select pg_sleep(10)", []).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe("57014"); // query_canceled
    expect(Date.now() - started).toBeLessThan(6_000);
    // The pool goes on serving.
    expect(await sql<{ one: number }>("limits-one", "select 1 as one", [])).toEqual([{ one: 1 }]);
  });

  it("gives up on a server that accepts the connection and never answers", async () => {
    const hole = await blackHole();
    const frozen = createPool(hole.url, 2);
    cleanups.push(hole.close, () => frozen.end().catch(() => {}));
    const started = Date.now();
    await expect(frozen.query("select 1")).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("answers health within 2 s, false, when the database is frozen", async () => {
    const hole = await blackHole();
    const frozen = createPool(hole.url, 2);
    cleanups.push(hole.close, () => frozen.end().catch(() => {}));
    const started = Date.now();
    expect(await isDatabaseReachable(frozen)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("answers /api/health 503 within 2 s while every pooled connection is stuck, and 200 after", async () => {
    const stuck = Array.from({ length: pool.options.max }, () => pool.query("select pg_sleep(2.5)").catch(() => null));
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const response = await health();
    expect(response.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(2_000);
    await Promise.all(stuck);
    expect((await health()).status).toBe(200);
  });

  it("survives every connection being cut mid-load (a database restart) and loses nothing acknowledged", async () => {
    const plan = (i: number) => prisma.plan.create({ data: { name: `Restart ${i}`, slug: `restart-${i}` } }).then(() => i, () => null);
    const first = Array.from({ length: 40 }, (_, i) => plan(i));
    // Cut every connection to this database but our own, as a restart does.
    await prisma.$executeRawUnsafe(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    const acknowledged = (await Promise.all(first)).filter((i): i is number => i !== null);
    // After the cut the pool opens new connections and everything works again.
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => plan(100 + i)));
    expect(after.every((i) => i !== null)).toBe(true);
    const stored = new Set((await prisma.plan.findMany({ select: { slug: true } })).map((p) => p.slug));
    for (const i of [...acknowledged, ...after.map((i) => i!)]) expect(stored.has(`restart-${i}`)).toBe(true);
  });
});
