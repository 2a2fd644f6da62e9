import "server-only";
import { z } from "zod";
import { urlPolicyProblem } from "@/lib/http/url-policy";
import { canDeepLink } from "@/lib/lti/roles";
import { CLAIM, SCOPE, customSchema, publicationSlugFrom, type IdToken } from "@/lib/lti/claims";

// What a launch says about its course (docs/decisions/0019): the context, the resource link and
// what it assigns, the person's roles there, and the service endpoints (AGS, NRPS). All of it is
// the platform's word and optional: a malformed part is dropped, never a reason to refuse a
// launch that verified. Lengths are capped; URLs must pass the same policy as every platform URL
// (they are checked again by the outbound fetch that uses them).

export type LaunchLink = {
  linkId: string;
  title: string | null;
  publicationSlug: string | null;
  startChapter: number | null;
  startFragment: string | null;
  endChapter: number | null;
  scoreMaximum: number | null;
  lineItemUrl: string | null;
  lineItemsUrl: string | null;
  agsScopes: string[];
};

export type LaunchCourse = {
  /** Null when the launch names no context (LTI 1.3 allows it): the link is still recorded. */
  contextId: string | null;
  title: string | null;
  label: string | null;
  membershipsUrl: string | null;
  roles: string[];
  /** Instructor-like in this course (lib/lti/roles.ts); never store administration. */
  instructor: boolean;
  link: LaunchLink | null;
};

const line = (max: number) => z.string().transform((s) => s.replace(/[\u0000-\u001f\u007f]+/g, " ").trim().slice(0, max)).pipe(z.string().min(1));
const id = z.string().min(1).max(255).refine((s) => !s.includes("\u0000"));
const fragment = z.string().regex(/^[A-Za-z][\w.:-]{0,199}$/);
const chapter = z.coerce.number().int().min(0).max(100_000);
const score = z.coerce.number().positive().max(100_000);

function optional<T>(schema: z.ZodType<T>, value: unknown): T | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** A service URL Folio may call, or null. */
function serviceUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 2000 || urlPolicyProblem(value)) return null;
  return value;
}

/** The assigned range in a link's custom parameters: start "<chapter>" or "<chapter>#<id>", end "<chapter>". */
export function rangeFrom(custom: Record<string, unknown>): Pick<LaunchLink, "startChapter" | "startFragment" | "endChapter"> {
  const [startPart, fragmentPart] = typeof custom.start === "string" ? custom.start.split("#", 2) : [custom.start, undefined];
  const startChapter = optional(chapter, startPart);
  const endChapter = optional(chapter, custom.end);
  if (startChapter === null && endChapter === null) return { startChapter: null, startFragment: null, endChapter: null };
  // A range that ends before it starts is the platform's (or an edited link's) mistake: keep the start.
  const end = endChapter !== null && startChapter !== null && endChapter < startChapter ? startChapter : endChapter;
  return { startChapter: startChapter ?? 0, startFragment: startChapter !== null ? optional(fragment, fragmentPart) : null, endChapter: end };
}

const agsSchema = z.object({
  scope: z.array(z.string().max(200)).max(20).optional(),
  lineitems: z.unknown().optional(),
  lineitem: z.unknown().optional(),
});

const KNOWN_SCOPES = new Set<string>(Object.values(SCOPE));

/** The AGS endpoint claim: the line items URL, the link's line item and the scopes granted. */
export function agsFrom(claims: IdToken): { lineItemsUrl: string | null; lineItemUrl: string | null; scopes: string[] } | null {
  const ags = agsSchema.safeParse(claims[CLAIM.agsEndpoint]);
  if (!ags.success) return null;
  return {
    lineItemsUrl: serviceUrl(ags.data.lineitems),
    lineItemUrl: serviceUrl(ags.data.lineitem),
    scopes: (ags.data.scope ?? []).filter((s) => KNOWN_SCOPES.has(s)),
  };
}

const contextSchema = z.object({ id: z.unknown(), title: z.unknown().optional(), label: z.unknown().optional() });

/** The course of an LTI 1.3 launch. */
export function courseFromClaims(claims: IdToken, roles: string[], appOrigin: string): LaunchCourse {
  const context = contextSchema.safeParse(claims[CLAIM.context]);
  const nrps = z.object({ context_memberships_url: z.unknown() }).safeParse(claims[CLAIM.nrpsService]);
  const custom = customSchema.safeParse(claims[CLAIM.custom]);
  const customs = custom.success ? custom.data : {};
  const resourceLink = z.object({ id: z.unknown(), title: z.unknown().optional() }).safeParse(claims[CLAIM.resourceLink]);
  const linkId = resourceLink.success ? optional(id, resourceLink.data.id) : null;
  const ags = agsFrom(claims);
  return {
    contextId: context.success ? optional(id, context.data.id) : null,
    title: context.success ? optional(line(300), context.data.title) : null,
    label: context.success ? optional(line(100), context.data.label) : null,
    membershipsUrl: nrps.success ? serviceUrl(nrps.data.context_memberships_url) : null,
    roles: roles.filter((r) => typeof r === "string" && r.length <= 200).slice(0, 30),
    instructor: canDeepLink(roles),
    link: linkId === null ? null : {
      linkId,
      title: resourceLink.success ? optional(line(300), resourceLink.data.title) : null,
      publicationSlug: publicationSlugFrom(claims, appOrigin),
      ...rangeFrom(customs),
      scoreMaximum: optional(score, customs.score_maximum),
      lineItemUrl: ags?.lineItemUrl ?? null,
      lineItemsUrl: ags?.lineItemsUrl ?? null,
      agsScopes: ags?.scopes ?? [],
    },
  };
}

// LTI 1.1 role names: full URNs ("urn:lti:role:ims/lis/Instructor"), short names ("Instructor"),
// and sub-roles ("Instructor/TeachingAssistant"); mapped to the LTI 1.3 names the role check knows.
const LTI11_ROLE_PREFIXES = ["urn:lti:role:ims/lis/", "urn:lti:instrole:ims/lis/", "urn:lti:sysrole:ims/lis/"];

export function lti11Roles(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(",").map((r) => r.trim()).filter(Boolean).slice(0, 30).map((role) => {
    const prefix = LTI11_ROLE_PREFIXES.find((p) => role.startsWith(p));
    const name = prefix ? role.slice(prefix.length) : role;
    const [principal, sub] = name.split("/", 2);
    return sub === "TeachingAssistant" ? "TeachingAssistant" : (principal ?? name);
  }).filter((r) => r.length <= 200);
}

/** The course of an LTI 1.1 launch (no AGS or NRPS there: Basic Outcomes is not used). */
export function courseFromLti11(get: (name: string) => string | undefined, publicationSlug: string | null, roleList: string): LaunchCourse {
  const roles = lti11Roles(roleList);
  const custom: Record<string, unknown> = { start: get("custom_start"), end: get("custom_end"), score_maximum: get("custom_score_maximum") };
  const linkId = optional(id, get("resource_link_id"));
  return {
    contextId: optional(id, get("context_id")),
    title: optional(line(300), get("context_title")),
    label: optional(line(100), get("context_label")),
    membershipsUrl: null,
    roles,
    instructor: canDeepLink(roles),
    link: linkId === null ? null : {
      linkId,
      title: optional(line(300), get("resource_link_title")),
      publicationSlug,
      ...rangeFrom(custom),
      scoreMaximum: optional(score, custom.score_maximum),
      lineItemUrl: null,
      lineItemsUrl: null,
      agsScopes: [],
    },
  };
}
