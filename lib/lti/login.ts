import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { readFormFields, type HttpRequest } from "@/lib/http/request";
import { appOrigin } from "@/lib/env";
import { allowedUrl } from "@/lib/http/url-policy";
import { LtiError } from "@/lib/lti/errors";
import { bindBrowser } from "@/lib/lti/browser-binding";
import { pickLoginIntegration } from "@/lib/lti/integration-lookup";
import { issueLoginState, purgeExpiredStates } from "@/lib/lti/login-state";
import { isStorageTarget, stateWithTarget, storageKey, storeAndRedirectPage } from "@/lib/lti/platform-storage";

// OIDC third-party login initiation (LTI 1.3 Core §5.1.1): check what the platform sent,
// remember state and nonce server side, bind them to this browser, send it to the platform.

export const launchUrl = () => `${appOrigin}/api/lti/launch`;

const loginSchema = z.object({
  iss: z.string().trim().min(1).max(500),
  login_hint: z.string().min(1).max(2000),
  target_link_uri: z.string().min(1).max(2000),
  lti_message_hint: z.string().max(4000).optional(),
  client_id: z.string().trim().min(1).max(500).optional(),
  lti_deployment_id: z.string().trim().min(1).max(500).optional(),
  lti_storage_target: z.string().optional(),
});

async function readParams(request: HttpRequest): Promise<Record<string, string>> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method !== "POST") return query;
  return { ...query, ...(await readFormFields(request)) };
}

function onOwnOrigin(uri: string): boolean {
  return URL.canParse(uri) && new URL(uri).origin === appOrigin;
}

/** Handles GET and POST login initiation; answers with the redirect to the platform. */
export async function initiateLogin(request: HttpRequest): Promise<Response> {
  const parsed = loginSchema.safeParse(await readParams(request));
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new LtiError("LTI_LOGIN_PARAM_MISSING", `Login initiation is missing or has a bad ${missing}.`);
  }
  const p = parsed.data;
  const storageTarget = isStorageTarget(p.lti_storage_target) ? p.lti_storage_target : undefined;
  const state = stateWithTarget(randomBytes(32).toString("base64url"), storageTarget);
  const nonce = randomBytes(32).toString("base64url");
  const browser = bindBrowser(request.headers.get("cookie"));
  const targetOk = onOwnOrigin(p.target_link_uri);
  const { candidates, stored } = await issueLoginState(
    { issuer: p.iss, clientId: p.client_id ?? null, deploymentId: p.lti_deployment_id ?? null, store: targetOk },
    { state, nonce, browserHash: browser.hash, targetLinkUri: p.target_link_uri, loginHint: p.login_hint, messageHint: p.lti_message_hint ?? null, deploymentId: p.lti_deployment_id ?? null },
  );
  const integration = pickLoginIntegration(candidates, p.lti_deployment_id);
  if (!targetOk) {
    throw new LtiError("LTI_TARGET_LINK_FOREIGN", `target_link_uri is not on ${appOrigin}.`, { integrationId: integration.id });
  }
  // The statement applies pickLoginIntegration's rule; if the two ever disagree, stop here.
  if (!stored) throw new Error("The login state was not stored for an integration that passed every check.");
  if (Math.random() < 0.01) void purgeExpiredStates().catch(() => undefined);

  // Checked again here, not only when stored: a javascript: or data: auth URL would run in
  // Folio's origin (the storage page navigates to it with script).
  const auth = allowedUrl(integration.authUrl);
  if (!auth) {
    throw new LtiError("LTI_PLATFORM_URL_REFUSED", "The integration's authentication request URL is not an https:// address Folio accepts; the store owner must correct it.", { integrationId: integration.id });
  }
  const query: Record<string, string | undefined> = {
    scope: "openid",
    response_type: "id_token",
    response_mode: "form_post",
    prompt: "none",
    client_id: integration.clientId,
    redirect_uri: launchUrl(),
    login_hint: p.login_hint,
    lti_message_hint: p.lti_message_hint,
    state,
    nonce,
  };
  for (const [key, value] of Object.entries(query)) if (value !== undefined) auth.searchParams.set(key, value);
  if (storageTarget) {
    const platformOrigin = auth.origin;
    return storeAndRedirectPage({ target: storageTarget, platformOrigin, key: storageKey(state), value: browser.value, authUrl: auth.toString(), setCookie: browser.setCookie });
  }
  return new Response(null, {
    status: 302,
    headers: { location: auth.toString(), "set-cookie": browser.setCookie, "cache-control": "no-store" },
  });
}
