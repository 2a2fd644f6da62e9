import { z } from "zod";
import { SCOPE } from "@/lib/lti/claims";

/** Every service scope Folio asks a platform for: grades (AGS) and the class roster (NRPS). */
export const SERVICE_SCOPES: readonly string[] = [SCOPE.lineItem, SCOPE.lineItemReadOnly, SCOPE.resultReadOnly, SCOPE.score, SCOPE.memberships];

/**
 * The scopes to request at registration. A platform that lists `scopes_supported` (OpenID
 * Discovery) gets only those it lists: asking for more makes some platforms refuse the whole
 * registration. A platform that lists nothing gets the full request and decides itself.
 */
export function scopesToRequest(supported: readonly string[] | undefined): string[] {
  if (!supported) return [...SERVICE_SCOPES];
  const offered = new Set(supported);
  return SERVICE_SCOPES.filter((scope) => offered.has(scope));
}

// A platform's `scope` answer: a space-separated string (RFC 7591), or a list from some
// platforms. Anything else counts as no answer.
const scopeAnswerSchema = z.union([z.string().max(8000), z.array(z.string().max(500)).max(100)]);

/** The service scopes a registration answer confirms, in Folio's order, unknown ones dropped. */
export function grantedScopesFrom(answer: unknown): string[] {
  const parsed = scopeAnswerSchema.safeParse(answer);
  if (!parsed.success) return [];
  const listed = new Set(typeof parsed.data === "string" ? parsed.data.split(/\s+/) : parsed.data);
  return SERVICE_SCOPES.filter((scope) => listed.has(scope));
}

export type ServiceStatus = {
  /** Scores can be posted to the gradebook. */
  grades: boolean;
  /** Folio may create its own gradebook columns; otherwise it uses the ones teachers create. */
  lineItems: "manage" | "read" | "none";
  /** The class roster can be read. */
  roster: boolean;
};

/** What a set of granted scopes switches on, for the integration page. */
export function serviceStatus(granted: readonly string[]): ServiceStatus {
  const has = new Set(granted);
  return {
    grades: has.has(SCOPE.score),
    lineItems: has.has(SCOPE.lineItem) ? "manage" : has.has(SCOPE.lineItemReadOnly) ? "read" : "none",
    roster: has.has(SCOPE.memberships),
  };
}
