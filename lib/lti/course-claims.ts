import "server-only";
import { urlPolicyProblem } from "@/lib/http/url-policy";
import { courseInstructor } from "@/lib/lti/roles";
import { CLAIM, SCOPE, publicationSlugFrom, type IdToken } from "@/lib/lti/claims";

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

// Hand-written checks rather than zod schemas: this runs on every launch (decision 12), and
// these few typeof tests cost a fraction of a schema parse.
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/** One line of text, control characters as spaces, capped; null when empty or not a string. */
function text(value: unknown, max: number): string | null {
  if (typeof value !== "string") return null;
  return value.replace(CONTROL, " ").trim().slice(0, max) || null;
}

/** A platform id Postgres can store (no NUL), at most 255 characters. */
function idOf(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= 255 && !value.includes("\u0000") ? value : null;
}

function chapterOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isInteger(value) && value >= 0 && value <= 100_000 ? value : null;
  return typeof value === "string" && /^\d{1,6}$/.test(value.trim()) ? chapterOf(Number(value.trim())) : null;
}

function scoreOf(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 && n <= 100_000 ? n : null;
}

const FRAGMENT = /^[A-Za-z][\w.:-]{0,199}$/;
const fragmentOf = (value: unknown) => (typeof value === "string" && FRAGMENT.test(value) ? value : null);
const record = (value: unknown): Record<string, unknown> => (value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

/** A service URL Folio may call, or null. */
function serviceUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 2000 || urlPolicyProblem(value)) return null;
  // The parsed form: the parser accepts a NUL (Postgres text does not) and sends it as %00 anyway.
  const href = new URL(value).href;
  return href.length <= 2000 ? href : null;
}

/** The assigned range in a link's custom parameters: start "<chapter>" or "<chapter>#<id>", end "<chapter>". */
export function rangeFrom(custom: Record<string, unknown>): Pick<LaunchLink, "startChapter" | "startFragment" | "endChapter"> {
  const [startPart, fragmentPart] = typeof custom.start === "string" ? custom.start.split("#", 2) : [custom.start, undefined];
  const startChapter = chapterOf(startPart);
  const endChapter = chapterOf(custom.end);
  if (startChapter === null && endChapter === null) return { startChapter: null, startFragment: null, endChapter: null };
  // A range that ends before it starts is the platform's (or an edited link's) mistake: keep the start.
  const end = endChapter !== null && startChapter !== null && endChapter < startChapter ? startChapter : endChapter;
  return { startChapter: startChapter ?? 0, startFragment: startChapter !== null ? fragmentOf(fragmentPart) : null, endChapter: end };
}

const KNOWN_SCOPES = new Set<string>(Object.values(SCOPE));

/** The AGS endpoint claim: the line items URL, the link's line item and the scopes granted. */
export function agsFrom(claims: IdToken): { lineItemsUrl: string | null; lineItemUrl: string | null; scopes: string[] } | null {
  const ags = claims[CLAIM.agsEndpoint];
  if (!ags || typeof ags !== "object" || Array.isArray(ags)) return null;
  const { scope, lineitems, lineitem } = ags as Record<string, unknown>;
  return {
    lineItemsUrl: serviceUrl(lineitems),
    lineItemUrl: serviceUrl(lineitem),
    scopes: Array.isArray(scope) ? scope.slice(0, 20).filter((s): s is string => typeof s === "string" && KNOWN_SCOPES.has(s)) : [],
  };
}

/** The course of an LTI 1.3 launch. */
export function courseFromClaims(claims: IdToken, roles: string[], appOrigin: string): LaunchCourse {
  const context = record(claims[CLAIM.context]);
  const customs = record(claims[CLAIM.custom]);
  const resourceLink = record(claims[CLAIM.resourceLink]);
  const linkId = idOf(resourceLink.id);
  const ags = linkId === null ? null : agsFrom(claims);
  return {
    contextId: idOf(context.id),
    title: text(context.title, 300),
    label: text(context.label, 100),
    membershipsUrl: serviceUrl(record(claims[CLAIM.nrpsService]).context_memberships_url),
    roles: roles.filter((r) => typeof r === "string" && r.length <= 200 && !r.includes("\u0000")).slice(0, 30),
    // Context roles decide: institution#Instructor is someone who teaches elsewhere.
    instructor: courseInstructor(roles),
    link: linkId === null ? null : {
      linkId,
      title: text(resourceLink.title, 300),
      publicationSlug: publicationSlugFrom(claims, appOrigin),
      ...rangeFrom(customs),
      scoreMaximum: scoreOf(customs.score_maximum),
      lineItemUrl: ags?.lineItemUrl ?? null,
      lineItemsUrl: ags?.lineItemsUrl ?? null,
      agsScopes: ags?.scopes ?? [],
    },
  };
}

// LTI 1.1 role names: full URNs ("urn:lti:role:ims/lis/Instructor"), short names ("Instructor"),
// and sub-roles ("Instructor/TeachingAssistant"); mapped to the LTI 1.3 names the role check knows.
// Institution and system roles keep their kind, so a Learner who teaches elsewhere stays a Learner here.
const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
const LTI11_ROLE_PREFIXES: [string, string][] = [["urn:lti:role:ims/lis/", ""], ["urn:lti:instrole:ims/lis/", `${LIS}institution/person#`], ["urn:lti:sysrole:ims/lis/", `${LIS}system/person#`]];

export function lti11Roles(value: string | undefined): string[] {
  if (!value) return [];
  return value.split(",").map((r) => r.trim()).filter((r) => r && !r.includes("\u0000")).slice(0, 30).map((role) => {
    const [prefix, base] = LTI11_ROLE_PREFIXES.find(([p]) => role.startsWith(p)) ?? ["", ""];
    // The principal role: "Instructor/TeachingAssistant" is an Instructor, "Learner/…" a Learner.
    const principal = role.slice(prefix.length).split("/", 1)[0]!;
    return `${base}${principal}`;
  }).filter((r) => r.length <= 200);
}

/** The course of an LTI 1.1 launch (no AGS or NRPS there: Basic Outcomes is not used). */
export function courseFromLti11(get: (name: string) => string | undefined, publicationSlug: string | null, roleList: string): LaunchCourse {
  const roles = lti11Roles(roleList);
  const custom: Record<string, unknown> = { start: get("custom_start"), end: get("custom_end"), score_maximum: get("custom_score_maximum") };
  const linkId = idOf(get("resource_link_id"));
  return {
    contextId: idOf(get("context_id")),
    title: text(get("context_title"), 300),
    label: text(get("context_label"), 100),
    membershipsUrl: null,
    roles,
    instructor: courseInstructor(roles),
    link: linkId === null ? null : {
      linkId,
      title: text(get("resource_link_title"), 300),
      publicationSlug,
      ...rangeFrom(custom),
      scoreMaximum: scoreOf(custom.score_maximum),
      lineItemUrl: null,
      lineItemsUrl: null,
      agsScopes: [],
    },
  };
}
