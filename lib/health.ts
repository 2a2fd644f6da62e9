import "server-only";
import { prisma } from "@/lib/db";

/** True when the database answers. */
export async function isDatabaseReachable(): Promise<boolean> {
  try {
    await prisma.$queryRaw`select 1`;
    return true;
  } catch {
    return false;
  }
}
