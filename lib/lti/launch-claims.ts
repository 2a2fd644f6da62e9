import "server-only";
import { LtiError } from "@/lib/lti/errors";
import { urlPolicyProblem } from "@/lib/http/url-policy";
import { canDeepLink } from "@/lib/lti/roles";
import type { LoginState } from "@/lib/lti/login-state";
import {
  CLAIM,
  MESSAGE_TYPES,
  deepLinkingSettingsSchema,
  nonEmpty,
  resourceLinkSchema,
  rolesSchema,
  type IdToken,
  type MessageType,
} from "@/lib/lti/claims";

/** The LTI-specific claims of a verified id_token, each with its own code. */
export function checkLtiClaims(
  claims: IdToken,
  knownDeployments: string[],
  state: LoginState,
): { messageType: MessageType; deploymentId: string; subject: string } {
  const deployment = nonEmpty.safeParse(claims[CLAIM.deploymentId]);
  if (!deployment.success) throw new LtiError("LTI_DEPLOYMENT_UNKNOWN", "The id_token has no deployment_id.");
  const deploymentId = deployment.data;
  if (state.deploymentId && state.deploymentId !== deploymentId) {
    throw new LtiError("LTI_DEPLOYMENT_UNKNOWN", "The id_token deployment_id differs from the one sent at login.");
  }
  if (!knownDeployments.includes(deploymentId)) throw new LtiError("LTI_DEPLOYMENT_UNKNOWN", "The deployment ID is not registered for this integration.");

  if (claims[CLAIM.version] !== "1.3.0") throw new LtiError("LTI_VERSION_UNSUPPORTED", "Only LTI version 1.3.0 is supported.");
  const messageType = claims[CLAIM.messageType];
  if (!MESSAGE_TYPES.includes(messageType as MessageType)) {
    throw new LtiError("LTI_MESSAGE_TYPE_UNSUPPORTED", "This LTI message type is not supported.");
  }
  if (messageType === "LtiResourceLinkRequest" && !resourceLinkSchema.safeParse(claims[CLAIM.resourceLink]).success) {
    throw new LtiError("LTI_RESOURCE_LINK_MISSING", "The resource link launch has no resource_link.id.");
  }
  if (messageType === "LtiDeepLinkingRequest") {
    const settings = deepLinkingSettingsSchema.safeParse(claims[CLAIM.deepLinkingSettings]);
    if (!settings.success) throw new LtiError("LTI_DEEP_LINK_RETURN_MISSING", "The deep linking request has no deep_link_return_url.");
    // It becomes the action of a form Folio submits with script: javascript: would run in Folio's origin.
    const problem = urlPolicyProblem(settings.data.deep_link_return_url);
    if (problem) throw new LtiError("LTI_DEEP_LINK_RETURN_URL_REFUSED", `The deep_link_return_url is not an address Folio returns to. ${problem}`);
  }
  const roles = rolesSchema.safeParse(claims[CLAIM.roles]);
  if (!roles.success) throw new LtiError("LTI_ROLES_MISSING", "The launch has no roles claim.");
  if (messageType === "LtiDeepLinkingRequest" && !canDeepLink(roles.data)) {
    throw new LtiError("LTI_DEEP_LINK_ROLE_REFUSED", "Only instructors, teaching assistants, content developers and administrators can add Folio books to a course.", { status: 403 });
  }
  const subject = nonEmpty.safeParse(claims.sub);
  if (!subject.success) throw new LtiError("LTI_SUB_MISSING", "The launch is anonymous (no sub): Folio needs a person.");
  const target = claims[CLAIM.targetLinkUri];
  const required = messageType === "LtiResourceLinkRequest";
  if ((required || target !== undefined) && target !== state.targetLinkUri) {
    throw new LtiError("LTI_TARGET_LINK_MISMATCH", "The target_link_uri differs from the one sent at login.");
  }
  return { messageType: messageType as MessageType, deploymentId, subject: subject.data };
}
