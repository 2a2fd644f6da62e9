import { LtiError } from "@/lib/lti/errors";

// Every check on an LTI 1.1 launch has its own code: the student reads it out, the launch log shows it.
export const LTI11_CODES = {
  REQUEST_INVALID: 400,
  REQUEST_TOO_LARGE: 413,
  CONSUMER_UNKNOWN: 401,
  INTEGRATION_DISABLED: 403,
  OAUTH_PARAMETER_MISSING: 400,
  PARAMETER_REPEATED: 400,
  SIGNATURE_METHOD_UNSUPPORTED: 400,
  OAUTH_VERSION_UNSUPPORTED: 400,
  TIMESTAMP_OUT_OF_WINDOW: 401,
  SIGNATURE_INVALID: 401,
  NONCE_REUSED: 401,
  MESSAGE_TYPE_UNSUPPORTED: 400,
  VERSION_UNSUPPORTED: 400,
  RESOURCE_LINK_MISSING: 400,
  USER_ID_MISSING: 400,
  // ENCRYPTION_KEY cannot open the shared secret: the launch cannot be authenticated. A 4xx like
  // every LtiError (Folio's set-up is at fault; the warning in the log says so).
  SECRET_UNREADABLE: 401,
} as const;

export type Lti11Code = `LTI11_${keyof typeof LTI11_CODES}`;

export function lti11Error(code: keyof typeof LTI11_CODES, message: string, integrationId: string | null = null): LtiError {
  return new LtiError(`LTI11_${code}`, message, { status: LTI11_CODES[code], integrationId });
}
