import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { requireAdmin } from "@/lib/auth/session";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { newSealedSharedSecret } from "@/lib/integrations/lti11-secret";
import { signLinkParams } from "./signed-link";

// Control Panel functions for guest integrations; each checks the administrator itself.

/** The URL the institution links to; the check depends on the integration's kind. */
export function guestEntryUrl(integrationId: string): string {
  return `${appOrigin}/access/${integrationId}`;
}

async function findSignedLink(integrationId: string) {
  const row = await prisma.integration.findUnique({ where: { id: integrationId }, select: { kind: true, sharedSecretEnc: true } });
  if (!row) throw new AppError("NOT_FOUND", "That integration does not exist (it may have been deleted).");
  if (row.kind !== "SIGNED_LINK") throw new AppError("BAD_INPUT", "Only signed-link integrations have a link key.");
  return row;
}

export const linkValidityDays = z.coerce.number({ error: "Choose how long the link works." })
  .int("Choose a whole number of days.").min(1, "A link works for at least a day.").max(3 * 366, "A link works for three years at most.");

/** A signed entry link valid for `days` days (records nothing: the key and the expiry are the link). */
export async function makeSignedLink(integrationId: string, days: unknown, now = Date.now()): Promise<{ link: string; expiresAt: string }> {
  await requireAdmin();
  const valid = linkValidityDays.parse(days);
  const row = await findSignedLink(integrationId);
  if (!row.sharedSecretEnc) throw new AppError("CONFLICT", "This integration has no link key yet: generate one first.");
  const exp = Math.floor(now / 1000) + valid * 24 * 60 * 60;
  const sig = signLinkParams(decryptSecret(row.sharedSecretEnc), integrationId, exp);
  return { link: `${guestEntryUrl(integrationId)}?exp=${exp}&sig=${sig}`, expiresAt: new Date(exp * 1000).toISOString() };
}

/** The key, for an intranet that signs a short-lived link per page view. */
export async function revealLinkKey(integrationId: string): Promise<{ key: string }> {
  await requireAdmin();
  const row = await findSignedLink(integrationId);
  if (!row.sharedSecretEnc) throw new AppError("NOT_FOUND", "This integration has no link key yet: generate one.");
  return { key: decryptSecret(row.sharedSecretEnc) };
}

/** A new key: every link signed with the old one stops working at once (guest cookies already given run out within 8 hours). */
export async function rotateLinkKey(integrationId: string): Promise<{ key: string }> {
  await requireAdmin();
  await findSignedLink(integrationId);
  const { sharedSecret, sharedSecretEnc } = newSealedSharedSecret();
  await prisma.integration.update({ where: { id: integrationId }, data: { sharedSecretEnc } });
  return { key: sharedSecret };
}

export type GuestUsage = { visits: number; sittings: number; readingSeconds: number; books: number };

/**
 * Guest reading through one integration since a date (visits = guest cookies that read, one
 * GuestSession row per visit and book). No session check: for the reports and the pages, whose
 * callers check the administrator. Uses the (integrationId, startedAt) index.
 */
export async function guestUsageRecord(integrationId: string, since: Date, until = new Date()): Promise<GuestUsage> {
  const [row] = await prisma.$queryRaw<{ visits: number; sittings: number; seconds: number; books: number }[]>`
    select count(distinct "visitId")::int as visits, count(*)::int as sittings,
           coalesce(sum("activeSeconds"), 0)::int as seconds, count(distinct "publicationId")::int as books
    from "GuestSession"
    where "integrationId" = ${integrationId} and "startedAt" >= ${since} and "startedAt" < ${until}`;
  return { visits: row?.visits ?? 0, sittings: row?.sittings ?? 0, readingSeconds: row?.seconds ?? 0, books: row?.books ?? 0 };
}

/** The integration page's counters: the last `days` days. */
export async function guestUsage(integrationId: string, period: { days: number }): Promise<GuestUsage> {
  await requireAdmin();
  return guestUsageRecord(integrationId, new Date(Date.now() - period.days * 24 * 60 * 60 * 1000));
}
