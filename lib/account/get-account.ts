import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { describeAccess } from "@/lib/access/can-read";

export type Account = {
  publicId: string;
  name: string | null;
  email: string | null;
  /** An address waiting for its confirmation link to be opened (docs/decisions/0024). */
  pendingEmail: string | null;
  hasPassword: boolean;
  /** "lti" when the person came through an integration at least once, otherwise "direct". */
  origin: "lti" | "direct";
  /** Integrations they came through, newest launch first. */
  integrations: { name: string | null; firstLaunchAt: string; lastLaunchAt: string }[];
  /** May add an email and a password (see setEmailAndPassword). */
  canSetCredentials: boolean;
  access: Awaited<ReturnType<typeof describeAccess>>;
};

/** What the account page shows to the signed-in person about themselves. */
export async function getAccount(userId: string): Promise<Account> {
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: {
      publicId: true,
      name: true,
      email: true,
      pendingEmail: true,
      passwordHash: true,
      ltiIdentities: {
        orderBy: { lastLaunchAt: "desc" },
        select: { createdAt: true, lastLaunchAt: true, nameHint: true, integration: { select: { name: true } } },
      },
    },
  });
  if (!user) throw new AppError("NOT_FOUND", "This account no longer exists.");
  const origin = user.ltiIdentities.length ? "lti" : "direct";
  return {
    publicId: user.publicId,
    name: user.name ?? user.ltiIdentities.find((i) => i.nameHint)?.nameHint ?? null,
    email: user.email,
    pendingEmail: user.pendingEmail,
    hasPassword: user.passwordHash !== null,
    origin,
    integrations: user.ltiIdentities.map((i) => ({
      name: i.integration?.name ?? null,
      firstLaunchAt: i.createdAt.toISOString(),
      lastLaunchAt: i.lastLaunchAt.toISOString(),
    })),
    canSetCredentials: origin === "lti" || user.email !== null,
    access: await describeAccess(userId),
  };
}
