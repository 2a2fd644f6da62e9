import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { prisma } from "@/lib/db";
import { decodeGuestToken, GUEST_COOKIE, type GuestToken } from "./guest-cookie";

/**
 * The guest token this browser holds, verified (ours, not expired) but not yet checked against
 * the integration: canRead does that on every content request, in the same query.
 */
export const currentGuestToken = cache(async (): Promise<GuestToken | null> => {
  return decodeGuestToken((await cookies()).get(GUEST_COOKIE)?.value);
});

/** The guest integration as it stands now, for what the reader shows: null unless it still admits guests. */
export async function activeGuestIntegration(integrationId: string): Promise<{ id: string; name: string } | null> {
  return prisma.integration.findFirst({
    where: { id: integrationId, enabled: true, kind: { in: ["REFERRER", "IP_RANGE", "SIGNED_LINK"] } },
    select: { id: true, name: true },
  });
}
