import "server-only";
import { countLaunch } from "@/lib/integrations/counters";
import { prisma } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { exactClientAddress } from "@/lib/auth/client-address";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { sql } from "@/lib/sql";
import { addressInRanges } from "./cidr";
import { guestCookieFor } from "./guest-cookie";
import { referrerMatches } from "./referrer";
import { verifyLinkParams } from "./signed-link";

// The entry URL of a guest integration, /access/<integrationId> (docs/decisions/0025): checks the
// visitor against the integration (Referer prefix, client address, or signed link) and, when it
// admits them, sets the guest cookie and sends them on (?to=<a path on Folio>, else the catalog).

export type GuestRefusal =
  | "GUEST_NOT_FOUND" | "GUEST_DISABLED" | "GUEST_REFERRER_MISMATCH" | "GUEST_ADDRESS_NOT_IN_RANGE"
  | "GUEST_LINK_MISSING" | "GUEST_LINK_EXPIRED" | "GUEST_LINK_INVALID";

export class GuestEntryError extends AppError {
  readonly refusal: GuestRefusal;
  constructor(refusal: GuestRefusal, message: string) {
    super(refusal === "GUEST_NOT_FOUND" ? "NOT_FOUND" : "FORBIDDEN", message);
    this.refusal = refusal;
  }
}

const MESSAGES: Record<GuestRefusal, string> = {
  GUEST_NOT_FOUND: "There is no such access link. Check the address with your library or institution.",
  GUEST_DISABLED: "Your institution's access to Folio is switched off at the moment. Ask your library or institution.",
  GUEST_REFERRER_MISMATCH: "Folio could not tell that you came from your institution's site. Follow the link on that site again; if it keeps happening, your browser may hide where you came from, so ask your library for another way in.",
  GUEST_ADDRESS_NOT_IN_RANGE: "This access works only from your institution's network. Connect from the campus network (or its VPN) and follow the link again.",
  GUEST_LINK_MISSING: "This access link is incomplete. Copy the whole link from your institution's site.",
  GUEST_LINK_EXPIRED: "This access link has expired. Ask your institution for the current one.",
  GUEST_LINK_INVALID: "This access link is not valid (it was changed or replaced). Ask your institution for the current one.",
};

const refuse = (refusal: GuestRefusal) => new GuestEntryError(refusal, MESSAGES[refusal]);

const ID = /^[a-z0-9]{1,40}$/;

// A refusal adds to the hourly tally of the integration's failed launches (never a row each:
// the entry URL is public, so anybody can call it as often as they like).
const TALLY_REFUSAL = `
  insert into "LaunchFailureTally" (scope, "integrationId", "errorCode", hour, count, "ltiVersion", "lastDetail", "lastAt")
  values ($1, $1, $2, date_trunc('hour', now()), 1, 'guest', null, now())
  on conflict (scope, "errorCode", hour) do update
    set count = "LaunchFailureTally".count + 1, "lastAt" = excluded."lastAt"
  returning 1`;

/** Where the entry URL sends the visitor, with the guest cookie; or a GuestEntryError saying why not. */
export async function enterAsGuest(input: { integrationId: string; url: URL; headers: Headers; now?: number }): Promise<{ location: string; setCookie: string }> {
  const now = input.now ?? Date.now();
  if (!ID.test(input.integrationId)) throw refuse("GUEST_NOT_FOUND");
  const integration = await prisma.integration.findUnique({
    where: { id: input.integrationId },
    select: { id: true, kind: true, enabled: true, referrerPrefixes: true, ipRanges: true, sharedSecretEnc: true },
  });
  if (!integration || !["REFERRER", "IP_RANGE", "SIGNED_LINK"].includes(integration.kind)) throw refuse("GUEST_NOT_FOUND");
  const refusal = integration.enabled ? check(integration, input, now) : "GUEST_DISABLED";
  if (refusal) {
    await sql("guest-entry-refused", TALLY_REFUSAL, [integration.id, refusal]);
    throw refuse(refusal);
  }
  await countLaunch(integration.id, new Date(now));
  const { setCookie } = guestCookieFor(integration.id, now);
  return { location: `${appOrigin}${safeRedirectPath(input.url.searchParams.get("to"), "/")}`, setCookie };
}

function check(
  integration: { id: string; kind: string; referrerPrefixes: string[]; ipRanges: string[]; sharedSecretEnc: string | null },
  input: { url: URL; headers: Headers },
  now: number,
): GuestRefusal | null {
  switch (integration.kind) {
    case "REFERRER":
      return referrerMatches(input.headers.get("referer"), integration.referrerPrefixes) ? null : "GUEST_REFERRER_MISMATCH";
    case "IP_RANGE":
      return addressInRanges(exactClientAddress(input.headers), integration.ipRanges) ? null : "GUEST_ADDRESS_NOT_IN_RANGE";
    default: {
      if (!integration.sharedSecretEnc) return "GUEST_LINK_INVALID";
      const result = verifyLinkParams(decryptSecret(integration.sharedSecretEnc), integration.id, {
        exp: input.url.searchParams.get("exp"), sig: input.url.searchParams.get("sig"),
      }, now);
      return result === "ok" ? null : result === "missing" ? "GUEST_LINK_MISSING" : result === "expired" ? "GUEST_LINK_EXPIRED" : "GUEST_LINK_INVALID";
    }
  }
}
