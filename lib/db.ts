import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { pool } from "@/lib/sql";

const globalForPrisma = globalThis as unknown as { folioPrisma?: PrismaClient };

function createClient() {
  // The same pool the hand-written hot-path statements use (lib/sql.ts).
  const adapter = new PrismaPg(pool, { disposeExternalPool: true });
  return new PrismaClient({ adapter });
}

// One client per copy of this module, on the process's one pool (lib/sql.ts). In development
// hot reloads would otherwise create a client each time. The production server's copy keeps its
// own client: the two copies' Prisma runtimes are not the same objects.
export const prisma = globalForPrisma.folioPrisma ?? createClient();
if (env.NODE_ENV !== "production") globalForPrisma.folioPrisma = prisma;

export { Prisma } from "@/lib/generated/prisma/client";
export type * from "@/lib/generated/prisma/client";

/** True when the error is a unique-constraint violation (P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}
