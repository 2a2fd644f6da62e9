import "server-only";
import { prisma, isUniqueViolation, type Prisma } from "@/lib/db";
import { generatePublicId } from "@/lib/auth/public-id";

type Client = Prisma.TransactionClient | typeof prisma;

/**
 * Creates a user with a fresh public ID, drawing again on the (rare) collision of IDs.
 * Other unique violations (an email in use) are the caller's to handle.
 */
export async function createUserWithPublicId(
  data: Omit<Prisma.UserCreateInput, "publicId">,
  client: Client = prisma,
) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await client.user.create({ data: { ...data, publicId: generatePublicId() } });
    } catch (error) {
      const target = (error as { meta?: { target?: unknown } }).meta?.target;
      const onPublicId = Array.isArray(target) ? target.includes("publicId") : String(target ?? "").includes("publicId");
      if (!isUniqueViolation(error) || !onPublicId || attempt >= 4) throw error;
    }
  }
}
