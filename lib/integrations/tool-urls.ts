import "server-only";
import { appOrigin, env } from "@/lib/env";

export type Lti13ToolUrls = {
  targetLinkUri: string;
  launchUrl: string;
  loginUrl: string;
  redirectUris: string[];
  jwksUrl: string;
  deepLinkingUrl: string;
};

// APP_URL is the address the LMS sees (behind a proxy it is the public https URL), so every
// URL an institution pastes into its LMS is built from it.
function base(): string {
  return env.APP_URL.replace(/\/+$/, "") || appOrigin;
}

/** What an institution pastes into its LMS for an LTI 1.3 tool. */
export function toolUrls(): Lti13ToolUrls {
  const launchUrl = `${base()}/api/lti/launch`;
  return {
    targetLinkUri: launchUrl,
    launchUrl,
    loginUrl: `${base()}/api/lti/login`,
    redirectUris: [launchUrl],
    jwksUrl: `${base()}/api/lti/jwks`,
    deepLinkingUrl: launchUrl,
  };
}

/** Where Canvas reads an LTI 1.3 integration's developer-key configuration ("Enter URL"). */
export function canvasConfigUrl(integrationId: string): string {
  return `${base()}/api/lti/canvas/${integrationId}.json`;
}

/** The square icon LMSs show next to Folio's placements. */
export function toolIconUrl(): string {
  return `${base()}/icon.svg`;
}

/** The launch URL of an LTI 1.1 tool. */
export function lti11LaunchUrl(): string {
  return `${base()}/api/lti/11/launch`;
}
