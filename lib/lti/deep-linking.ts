import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";
import { z } from "zod";
import { env } from "@/lib/env";
import { LtiError } from "@/lib/lti/errors";
import { getSigningKey } from "@/lib/lti/keys";
import { CLAIM } from "@/lib/lti/claims";
import { escapeHtml } from "@/lib/html/escape-html";
import { PAGE_ICONS } from "@/lib/html/page-icons";
import { allowedUrl } from "@/lib/http/url-policy";
import { htmlPage } from "@/lib/http/html-page";

const AUTO_POST = `document.getElementById("dl").submit()`;
/** The origin a form may post to, for form-action: http(s) only, so nothing else enters the header. */
const postableOrigin = (url: string) => (/^https?:$/.test(new URL(url).protocol) ? [new URL(url).origin] : []);

// Deep Linking 2.0: the verified request waits in a short-lived signed token while the
// instructor picks a book; the choice goes back to the platform as a JWT signed by a tool key.

const CONTEXT_AUDIENCE = "folio:lti-deep-link";
const CONTEXT_TTL = "1h";
// A key of its own, derived from AUTH_SECRET, so this token can never pass as a session.
const contextKey = createHmac("sha256", env.AUTH_SECRET).update("folio/lti/deep-link-context").digest();

const contextSchema = z.object({
  integrationId: z.string(),
  deploymentId: z.string(),
  returnUrl: z.url(),
  data: z.string().nullable(),
  userId: z.string(),
  /** Set only by a launch whose roles may deep link (lib/lti/roles.ts); older tokens fail to parse. */
  canDeepLink: z.literal(true),
  /** The course the request came from, when it named one. */
  courseId: z.string().nullable().optional(),
  /**
   * Assignment and Grade Services as the deep linking request offered them (its
   * lti-ags/claim/endpoint): the course's line items URL and the granted scopes. Null or absent
   * when the platform offers none; a graded link needs the line item scope.
   */
  ags: z.object({ lineItemsUrl: z.url().max(2000).nullable(), scopes: z.array(z.string().max(500)).max(20) }).nullable().optional(),
});
export type DeepLinkContext = z.infer<typeof contextSchema>;

export async function createDeepLinkContext(context: DeepLinkContext): Promise<string> {
  return new SignJWT({ ctx: context })
    .setProtectedHeader({ alg: "HS256" })
    .setAudience(CONTEXT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(CONTEXT_TTL)
    .sign(contextKey);
}

/** The deep-linking request behind a picker page's token, or LTI_DEEP_LINK_CONTEXT_INVALID. */
export async function readDeepLinkContext(token: string): Promise<DeepLinkContext> {
  try {
    const { payload } = await jwtVerify(token, contextKey, { algorithms: ["HS256"], audience: CONTEXT_AUDIENCE });
    return contextSchema.parse(payload.ctx);
  } catch {
    throw new LtiError("LTI_DEEP_LINK_CONTEXT_INVALID", "The deep linking session expired: add the activity again from the course.");
  }
}

/** Deep Linking 2.0 ltiResourceLink lineItem: the platform creates a gradebook column for the link. */
export type DeepLinkLineItem = { scoreMaximum: number; label: string; resourceId: string; tag: string };
export type DeepLinkItem = { title: string; url: string; custom?: Record<string, string>; lineItem?: DeepLinkLineItem };

/** The signed LtiDeepLinkingResponse and the page that posts it back to the platform. */
export async function createDeepLinkingResponse(opts: {
  integration: { issuer: string; clientId: string };
  deploymentId: string;
  returnUrl: string;
  data?: string | null;
  items: DeepLinkItem[];
}): Promise<{ jwt: string; response: Response }> {
  // Checked at launch and again here: this URL becomes the action of an auto-submitting form.
  const returnUrl = allowedUrl(opts.returnUrl);
  if (!returnUrl) throw new LtiError("LTI_DEEP_LINK_RETURN_URL_REFUSED", "The course's return address is not one Folio posts to: add the activity again from the course.");
  const key = await getSigningKey();
  const contentItems = opts.items.map((item) => ({
    type: "ltiResourceLink",
    title: item.title,
    url: item.url,
    ...(item.custom && Object.keys(item.custom).length ? { custom: item.custom } : {}),
    ...(item.lineItem ? { lineItem: item.lineItem } : {}),
  }));
  const jwt = await new SignJWT({
    nonce: randomBytes(16).toString("base64url"),
    azp: opts.integration.clientId,
    [CLAIM.deploymentId]: opts.deploymentId,
    [CLAIM.messageType]: "LtiDeepLinkingResponse",
    [CLAIM.version]: "1.3.0",
    [CLAIM.contentItems]: contentItems,
    ...(opts.data ? { [CLAIM.data]: opts.data } : {}),
  })
    .setProtectedHeader({ alg: "RS256", kid: key.kid, typ: "JWT" })
    .setIssuer(opts.integration.clientId)
    .setAudience(opts.integration.issuer)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key.privateKey);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8">${PAGE_ICONS}<title>Returning to your course…</title></head>
<body><form id="dl" method="post" action="${escapeHtml(returnUrl.href)}"><input type="hidden" name="JWT" value="${escapeHtml(jwt)}">
<noscript><button type="submit">Return to your course</button></noscript></form>
<script>${AUTO_POST}</script></body></html>`;
  // The form posts to the platform: its origin joins form-action.
  const response = htmlPage(html, { path: "/api/lti", scripts: [AUTO_POST], formOrigins: postableOrigin(opts.returnUrl) });
  return { jwt, response };
}
