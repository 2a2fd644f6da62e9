import "server-only";
import { z } from "zod";
import { SCOPE } from "@/lib/lti/claims";
import { fetchOutbound, OutboundError, type OutboundResponse } from "@/lib/http/outbound-fetch";
import { forgetToken, getServiceToken, serviceFailure, ServiceError } from "@/lib/lti/services/token";

// Names and Role Provisioning Services 2.0: a context's memberships, page by page. Everything
// the platform answers is hostile: each page is size-capped, parsed with zod, and the next
// page must stay on the memberships URL's origin (the bearer token goes with it).

export const MEMBERSHIP_MEDIA_TYPE = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
export const NRPS_LIMITS = { pages: 50, members: 20_000, pageBytes: 8 * 1024 * 1024, timeoutMs: 15_000 } as const;

export type NrpsMember = { subject: string; name: string | null; email: string | null; roles: string[]; status: string };

// Postgres text cannot hold NUL (one such name would fail the whole roster's insert), and a
// name or email is one line: control characters become spaces.
const text = (max: number) => z.string().transform((s) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, max) || null);
const member = z.object({
  user_id: z.string().trim().min(1).max(1000).refine((s) => !s.includes("\u0000")),
  roles: z.array(z.string().max(500)).max(100).transform((roles) => roles.filter((r) => !r.includes("\u0000"))),
  name: text(200).nullish(),
  given_name: text(100).nullish(),
  family_name: text(100).nullish(),
  email: text(320).nullish(),
  status: z.enum(["Active", "Inactive", "Deleted"]).nullish(),
});
const container = z.object({ members: z.array(z.unknown()) });

/** The `rel="next"` target of a Link header (RFC 8288), or null. */
export function nextLink(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (!value) return null;
  for (const match of value.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]*)*)/g)) {
    const rels = /;\s*rel\s*=\s*"?([^";,]*)"?/i.exec(match[2] ?? "")?.[1]?.toLowerCase().split(/\s+/) ?? [];
    if (rels.includes("next")) return match[1]!;
  }
  return null;
}

function badAnswer(message: string): ServiceError {
  return new ServiceError("LTI_SERVICE_BAD_ANSWER", message, false);
}

async function fetchPage(integrationId: string, url: string): Promise<OutboundResponse> {
  const scopes = [SCOPE.memberships];
  for (let attempt = 0; ; attempt++) {
    const token = await getServiceToken(integrationId, scopes);
    let response;
    try {
      response = await fetchOutbound(url, {
        headers: { accept: MEMBERSHIP_MEDIA_TYPE, authorization: `Bearer ${token}` },
        timeoutMs: NRPS_LIMITS.timeoutMs,
        maxBytes: NRPS_LIMITS.pageBytes,
      });
    } catch (error) {
      // A page past the cap or a redirect is an answer Folio will not read, not a refusal.
      if (error instanceof OutboundError && (error.reason === "too-large" || error.reason === "redirect")) {
        throw badAnswer(`The platform's roster service ${error.message}.`);
      }
      throw serviceFailure(error, "The platform's roster service");
    }
    // A 401 usually means the cached token was revoked or expired early: ask for a new one, once.
    if (response.status === 401 && attempt === 0) {
      forgetToken(integrationId, scopes);
      continue;
    }
    if (response.status === 429 || response.status >= 500) {
      throw new ServiceError("LTI_SERVICE_UNREACHABLE", `The platform's roster service answered HTTP ${response.status}.`, true, response.status);
    }
    if (response.status < 200 || response.status >= 300) {
      throw new ServiceError("LTI_SERVICE_REFUSED", `The platform refused the roster request (HTTP ${response.status}).`, false, response.status);
    }
    return response;
  }
}

function readMembers(response: OutboundResponse): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(response.body.toString("utf8"));
  } catch {
    throw badAnswer("The platform's roster service did not answer with JSON.");
  }
  const parsed = container.safeParse(body);
  if (!parsed.success) throw badAnswer("The platform's roster service did not answer with a membership container.");
  return parsed.data.members;
}

/**
 * Every member of the context behind this memberships URL, de-duplicated by user id. Members
 * the platform describes badly (no user id, no roles) are left out; the container itself, a
 * page too many or too large, or a next page on another origin fail the whole fetch.
 */
export async function fetchMemberships(integrationId: string, membershipsUrl: string): Promise<NrpsMember[]> {
  const origin = URL.canParse(membershipsUrl) ? new URL(membershipsUrl).origin : null;
  if (!origin) throw new ServiceError("LTI_SERVICE_NOT_CONFIGURED", "The course's memberships URL is not a URL.", false);
  const members = new Map<string, NrpsMember>();
  const seen = new Set<string>();
  let url = membershipsUrl;
  for (let page = 0; ; page++) {
    if (page >= NRPS_LIMITS.pages) throw badAnswer(`The platform's roster has more than ${NRPS_LIMITS.pages} pages.`);
    seen.add(url);
    const response = await fetchPage(integrationId, url);
    for (const raw of readMembers(response)) {
      const parsed = member.safeParse(raw);
      if (!parsed.success) continue;
      const m = parsed.data;
      const name = m.name ?? ([m.given_name, m.family_name].filter(Boolean).join(" ") || null);
      members.set(m.user_id, { subject: m.user_id, name, email: m.email ?? null, roles: m.roles, status: m.status ?? "Active" });
      if (members.size > NRPS_LIMITS.members) throw badAnswer(`The platform's roster has more than ${NRPS_LIMITS.members} members.`);
    }
    const next = nextLink(response.headers.link);
    if (!next) break;
    const resolved: URL | null = URL.canParse(next, url) ? new URL(next, url) : null;
    if (!resolved || resolved.origin !== origin) throw badAnswer("The platform's roster pointed its next page at another address.");
    url = resolved.toString();
    if (seen.has(url)) throw badAnswer("The platform's roster pages go round in a circle.");
  }
  return [...members.values()];
}
