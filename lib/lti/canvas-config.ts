import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { toolIconUrl, toolUrls } from "@/lib/integrations/tool-urls";
import { SERVICE_SCOPES } from "@/lib/lti/service-scopes";

// Canvas's LTI 1.3 developer-key configuration ("Paste JSON" or "Enter URL"). Canvas has no
// Dynamic Registration for every install, and this JSON is how an admin gets the four placements,
// the service scopes and the public JWK URL in one step. Only public URLs: no secret is in it.

type Placement = "course_navigation" | "link_selection" | "assignment_selection" | "editor_button";

// Course navigation opens the course view (a plain launch); the other three pick a reading
// (deep linking): link selection for a module item, assignment selection for a graded one,
// the editor button to embed it in a page.
const PLACEMENTS: { placement: Placement; message: "LtiResourceLinkRequest" | "LtiDeepLinkingRequest"; text: string }[] = [
  { placement: "course_navigation", message: "LtiResourceLinkRequest", text: "Folio readings" },
  { placement: "link_selection", message: "LtiDeepLinkingRequest", text: "Folio reading" },
  { placement: "assignment_selection", message: "LtiDeepLinkingRequest", text: "Folio reading (graded)" },
  { placement: "editor_button", message: "LtiDeepLinkingRequest", text: "Folio reading" },
];

export type CanvasConfiguration = ReturnType<typeof canvasConfiguration>;

/** The configuration for an integration, with every URL built from APP_URL. */
export function canvasConfiguration(integrationName: string) {
  const urls = toolUrls();
  const icon = toolIconUrl();
  return {
    // Named as in dynamic registration, so an admin with several keys tells them apart.
    title: `Folio — ${integrationName}`,
    description: "Folio digital library: students read the books their course assigns; reading progress goes to the gradebook and instructors see who read what.",
    oidc_initiation_url: urls.loginUrl,
    target_link_uri: urls.targetLinkUri,
    public_jwk_url: urls.jwksUrl,
    scopes: [...SERVICE_SCOPES],
    // No custom fields: a launch reads only what a deep link puts on its own link.
    extensions: [{
      platform: "canvas.instructure.com",
      domain: new URL(urls.targetLinkUri).host,
      tool_id: "folio",
      // Public: names and emails label the roster and the instructor's view.
      privacy_level: "public",
      settings: {
        text: "Folio",
        icon_url: icon,
        placements: PLACEMENTS.map(({ placement, message, text }) => ({
          placement,
          message_type: message,
          target_link_uri: message === "LtiDeepLinkingRequest" ? urls.deepLinkingUrl : urls.launchUrl,
          text,
          icon_url: icon,
          enabled: true,
        })),
      },
    }],
  };
}

/** An LTI 1.3 integration's Canvas configuration; anything else is not found. */
export async function getCanvasConfiguration(integrationId: string): Promise<CanvasConfiguration> {
  const integration = await prisma.integration.findUnique({ where: { id: integrationId }, select: { name: true, kind: true } });
  if (!integration || integration.kind !== "LTI13") throw new AppError("NOT_FOUND", "There is no LTI 1.3 integration at this address.");
  return canvasConfiguration(integration.name);
}
