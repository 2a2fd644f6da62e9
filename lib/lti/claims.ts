import { z } from "zod";

// Claim names from LTI 1.3 Core, Deep Linking 2.0 and the LTI 1.1 migration guide.
const LTI = "https://purl.imsglobal.org/spec/lti/claim/";
const DL = "https://purl.imsglobal.org/spec/lti-dl/claim/";
const AGS = "https://purl.imsglobal.org/spec/lti-ags/";
const NRPS = "https://purl.imsglobal.org/spec/lti-nrps/";
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  custom: `${LTI}custom`,
  lti1p1: `${LTI}lti1p1`,
  deepLinkingSettings: `${DL}deep_linking_settings`,
  contentItems: `${DL}content_items`,
  context: `${LTI}context`,
  /** Assignment and Grade Services: { scope[], lineitems?, lineitem? } */
  agsEndpoint: `${AGS}claim/endpoint`,
  /** Names and Role Provisioning: { context_memberships_url, service_versions } */
  nrpsService: `${NRPS}claim/namesroleservice`,
  data: `${DL}data`,
} as const;

/** OAuth 2 scopes of the services (LTI AGS 2.0, NRPS 2.0). */
export const SCOPE = {
  lineItem: `${AGS}scope/lineitem`,
  lineItemReadOnly: `${AGS}scope/lineitem.readonly`,
  resultReadOnly: `${AGS}scope/result.readonly`,
  score: `${AGS}scope/score`,
  memberships: `${NRPS}scope/contextmembership.readonly`,
} as const;

export const MESSAGE_TYPES = ["LtiResourceLinkRequest", "LtiDeepLinkingRequest"] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

/**
 * The registered JWT claims. Presence and values are checked one by one in launch.ts so each
 * failure gets its own code; here only the types are enforced.
 */
export const idTokenSchema = z
  .object({
    iss: z.string().optional(),
    aud: z.union([z.string(), z.array(z.string())]).optional(),
    azp: z.string().optional(),
    sub: z.string().optional(),
    exp: z.number().optional(),
    iat: z.number().optional(),
    nonce: z.string().optional(),
    name: z.string().optional(),
    given_name: z.string().optional(),
    family_name: z.string().optional(),
    email: z.string().optional(),
  })
  .catchall(z.unknown());
export type IdToken = z.infer<typeof idTokenSchema>;

export const nonEmpty = z.string().trim().min(1).max(1000);
export const resourceLinkSchema = z.object({ id: nonEmpty }).catchall(z.unknown());
export const deepLinkingSettingsSchema = z
  .object({ deep_link_return_url: z.url(), data: z.string().max(4000).optional() })
  .catchall(z.unknown());
export const rolesSchema = z.array(z.string());
export const customSchema = z.record(z.string(), z.unknown());
export const lti1p1Schema = z.object({
  user_id: nonEmpty,
  oauth_consumer_key: nonEmpty,
  oauth_consumer_key_sign: nonEmpty,
});

const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/i);

/** The publication a link opens: `custom.publication`, or a target link URI to /read/<slug>. */
export function publicationSlugFrom(claims: IdToken, appOrigin: string): string | null {
  const custom = customSchema.safeParse(claims[CLAIM.custom]);
  const fromCustom = slugSchema.safeParse(custom.success ? custom.data.publication : undefined);
  if (fromCustom.success) return fromCustom.data;
  const target = claims[CLAIM.targetLinkUri];
  if (typeof target !== "string" || !URL.canParse(target)) return null;
  const url = new URL(target);
  if (url.origin !== appOrigin) return null;
  const match = /^\/read\/([^/]+)\/?$/.exec(url.pathname);
  const fromPath = slugSchema.safeParse(match?.[1]);
  return fromPath.success ? fromPath.data : null;
}

/** The person's name as the platform sends it, for a profile hint. */
export function nameHintFrom(claims: IdToken): string | null {
  const joined = [claims.given_name, claims.family_name].filter(Boolean).join(" ");
  return (claims.name ?? joined).slice(0, 200) || null;
}
