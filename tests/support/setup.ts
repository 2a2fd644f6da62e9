import { afterAll, afterEach, beforeEach, vi } from "vitest";
import { prisma } from "@/lib/db";
import { resetRequestContext } from "./request-context";

// Server code reads the request through next/headers; tests supply it (request-context.ts).
vi.mock("next/headers", async () => (await import("./request-context")).fakeNextHeaders);

let tables: string[] | undefined;

async function emptyTables() {
  tables ??= (
    await prisma.$queryRawUnsafe<{ tablename: string }[]>(
      "select tablename::text as tablename from pg_tables where schemaname = 'public' and tablename <> '_prisma_migrations'",
    )
  ).map((t) => `"${t.tablename}"`);
  if (tables.length) await prisma.$executeRawUnsafe(`truncate ${tables.join(", ")} cascade`);
}

// A console.error during a test is a failure: it usually means a swallowed problem.
let consoleErrors: unknown[][] = [];
beforeEach(async () => {
  consoleErrors = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args);
  });
  resetRequestContext();
  await emptyTables();
});

afterEach(() => {
  vi.restoreAllMocks();
  if (consoleErrors.length) {
    const first = consoleErrors[0]!.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ");
    throw new Error(`console.error was called during the test: ${first}`);
  }
});

afterAll(async () => {
  await prisma.$disconnect();
});
