import "server-only";
import { z } from "zod";
import { prisma, isUniqueViolation } from "@/lib/db";
import { env } from "@/lib/env";
import { toolUrls } from "@/lib/integrations/tool-urls";
import { fetchOutboundJson, OutboundError } from "@/lib/http/outbound-fetch";
import { urlPolicyProblem } from "@/lib/http/url-policy";
import { LtiError } from "@/lib/lti/errors";
import { readRegistrationToken } from "@/lib/lti/registration-token";
import { grantedScopesFrom, scopesToRequest } from "@/lib/lti/service-scopes";

// LTI Dynamic Registration 1.0: the LMS opens our registration URL with its OpenID
// configuration URL and a one-time registration token; we read the configuration, register
// Folio at the platform's registration endpoint, and keep what it answers.

const TOOL_CONFIG = "https://purl.imsglobal.org/spec/lti-tool-configuration";
const PLATFORM_CONFIG = "https://purl.imsglobal.org/spec/lti-platform-configuration";

// Every URL the platform hands us is held to the URL policy: the auth endpoint becomes a
// browser redirect (javascript: would run in Folio's origin), the others are fetched.
const platformUrl = z.string().max(2048).superRefine((value, ctx) => {
  const problem = urlPolicyProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const openIdConfigSchema = z.object({
  issuer: platformUrl,
  authorization_endpoint: platformUrl,
  token_endpoint: platformUrl,
  jwks_uri: platformUrl,
  registration_endpoint: platformUrl,
  // Malformed counts as not listed: the platform then gets the full request and decides.
  scopes_supported: z.array(z.string().max(500)).max(200).optional().catch(undefined),
  [PLATFORM_CONFIG]: z.object({ product_family_code: z.string().optional() }).loose().optional(),
}).loose();

const registrationResponseSchema = z.object({
  client_id: z.string().min(1).max(255),
  scope: z.unknown().optional(),
  [TOOL_CONFIG]: z.object({ deployment_id: z.string().min(1).max(255).optional() }).loose().optional(),
}).loose();

// A configuration or a registration answer is a few KB.
const ANSWER_MAX_BYTES = 64 * 1024;

async function fetchJson(url: string, init: { method?: "POST"; headers?: Record<string, string>; body?: string }, code: string, what: string): Promise<unknown> {
  try {
    return await fetchOutboundJson(url, { ...init, timeoutMs: env.LTI_JWKS_TIMEOUT_MS * 2, maxBytes: ANSWER_MAX_BYTES });
  } catch (error) {
    if (error instanceof OutboundError) throw new LtiError(code, `The platform's ${what} ${error.message}.`, { status: 400 });
    throw error;
  }
}

// Placements: "ContentArea" and "RichTextEditor" are the spec's names for adding content and
// embedding it in the editor; platforms ignore names they do not know, and Canvas reads its own
// under its prefix (course navigation for the course view, assignment selection for graded
// readings). A resource-link message without placements would become a Canvas link selection.
const CANVAS = "https://canvas.instructure.com/lti";

export function toolRegistration(clientName: string, scopes: readonly string[]) {
  const urls = toolUrls();
  return {
    application_type: "web",
    response_types: ["id_token"],
    grant_types: ["implicit", "client_credentials"],
    initiate_login_uri: urls.loginUrl,
    redirect_uris: urls.redirectUris,
    client_name: clientName,
    jwks_uri: urls.jwksUrl,
    token_endpoint_auth_method: "private_key_jwt",
    scope: scopes.join(" "),
    [TOOL_CONFIG]: {
      domain: new URL(urls.targetLinkUri).host,
      target_link_uri: urls.targetLinkUri,
      claims: ["iss", "sub", "name", "given_name", "family_name", "email"],
      messages: [
        { type: "LtiResourceLinkRequest", target_link_uri: urls.launchUrl, label: "Folio", placements: [`${CANVAS}/course_navigation`] },
        {
          type: "LtiDeepLinkingRequest", target_link_uri: urls.deepLinkingUrl, label: "Add a Folio reading",
          placements: ["ContentArea", "RichTextEditor", `${CANVAS}/assignment_selection`],
        },
      ],
      description: "Folio digital library: students read the books their course assigns, with their own highlights, notes and statistics; reading progress goes to the gradebook.",
      // Names and emails label the roster and the instructor's view.
      [`${CANVAS}/privacy_level`]: "public",
    },
  };
}

/** Runs a dynamic registration for the integration named in the URL's token. */
export async function registerDynamically(url: URL): Promise<{ integrationName: string; product: string | null; grantedScopes: string[] }> {
  const integrationId = await readRegistrationToken(url.searchParams.get("token"));
  const integration = await prisma.integration.findUnique({ where: { id: integrationId }, select: { id: true, name: true, kind: true, clientId: true } });
  if (!integration || integration.kind !== "LTI13") throw new LtiError("LTI_REGISTRATION_LINK_INVALID", "This registration link no longer matches an LTI 1.3 integration.", { status: 404 });
  if (integration.clientId) throw new LtiError("LTI_REGISTRATION_ALREADY_DONE", "This integration is already registered with a platform. Create a new integration for another one.", { status: 409, integrationId });
  const configUrl = url.searchParams.get("openid_configuration");
  if (!configUrl || !URL.canParse(configUrl)) throw new LtiError("LTI_REGISTRATION_PARAM_MISSING", "The platform did not send its openid_configuration URL.", { integrationId });
  const configProblem = urlPolicyProblem(configUrl);
  if (configProblem) throw new LtiError("LTI_REGISTRATION_URL_REFUSED", `The platform's openid_configuration URL is not allowed. ${configProblem}`, { integrationId });

  const config = openIdConfigSchema.safeParse(await fetchJson(configUrl, {}, "LTI_REGISTRATION_CONFIG_UNAVAILABLE", "OpenID configuration"));
  if (!config.success) {
    const issue = config.error.issues[0];
    const field = issue?.path.join(".");
    const problem = issue?.code === "custom" ? ` (${field}: ${issue.message})` : "";
    throw new LtiError("LTI_REGISTRATION_CONFIG_INVALID", `The platform's OpenID configuration is missing required endpoints or has one Folio does not accept${problem}.`, { integrationId });
  }
  // The issuer must belong to the host we fetched the configuration from.
  if (new URL(config.data.issuer).host !== new URL(configUrl).host) {
    throw new LtiError("LTI_REGISTRATION_ISSUER_MISMATCH", "The platform's issuer does not match where its configuration came from.", { integrationId });
  }
  const scopes = scopesToRequest(config.data.scopes_supported);
  const token = url.searchParams.get("registration_token");
  const answer = registrationResponseSchema.safeParse(await fetchJson(config.data.registration_endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(toolRegistration(`Folio — ${integration.name}`, scopes)),
  }, "LTI_REGISTRATION_REFUSED", "registration endpoint"));
  if (!answer.success) throw new LtiError("LTI_REGISTRATION_REFUSED", "The platform's registration answer had no client_id.", { integrationId });

  const deploymentId = answer.data[TOOL_CONFIG]?.deployment_id;
  // What the platform confirmed, not what was asked: an admin may have switched services off.
  const grantedScopes = grantedScopesFrom(answer.data.scope);
  try {
    // Conditional on "not registered yet": of two registrations racing with the same link, the
    // row lock lets exactly one update; the other finds clientId set and changes nothing.
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.integration.updateMany({
        where: { id: integration.id, kind: "LTI13", clientId: null },
        data: {
          issuer: config.data.issuer, clientId: answer.data.client_id,
          authUrl: config.data.authorization_endpoint, tokenUrl: config.data.token_endpoint, jwksUrl: config.data.jwks_uri,
          grantedScopes,
        },
      });
      if (count !== 1) throw new LtiError("LTI_REGISTRATION_ALREADY_DONE", "This integration is already registered with a platform. Create a new integration for another one.", { status: 409, integrationId });
      if (deploymentId) {
        await tx.ltiDeployment.upsert({
          where: { integrationId_deploymentId: { integrationId, deploymentId } },
          create: { integrationId, deploymentId },
          update: {},
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new LtiError("LTI_REGISTRATION_DUPLICATE", "Another integration already uses this platform and client ID.", { status: 409, integrationId });
    throw error;
  }
  return { integrationName: integration.name, product: config.data[PLATFORM_CONFIG]?.product_family_code ?? null, grantedScopes };
}
