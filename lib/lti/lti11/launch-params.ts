import { z } from "zod";
import { lti11Error, type LTI11_CODES } from "@/lib/lti/lti11/codes";
import { paramValues } from "@/lib/lti/lti11/request-params";
import type { OAuthParam } from "@/lib/lti/lti11/signature";
import { courseFromLti11, type LaunchCourse } from "@/lib/lti/course-claims";

export const LTI11_MESSAGE_TYPE = "basic-lti-launch-request";
export const LTI11_VERSIONS = ["LTI-1p0", "LTI-1p2"] as const;

export type Lti11Launch = {
  messageType: typeof LTI11_MESSAGE_TYPE;
  resourceLinkId: string;
  userId: string;
  nameHint: string | null;
  emailHint: string | null;
  publicationSlug: string | null;
  course: LaunchCourse;
};

const required = z.string().trim().min(1).max(255);
const nameHint = z.string().trim().min(1).max(300);
const emailHint = z.email().max(320).transform((e) => e.toLowerCase());
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/i);
// Built once: a zod schema costs far more to build than to check a value with.
const messageTypeSchema = z.literal(LTI11_MESSAGE_TYPE);
const versionSchema = z.enum(LTI11_VERSIONS);

// Hints are only hints: a malformed one is dropped rather than failing the launch.
function optional<T>(schema: z.ZodType<T>, value: string | undefined): T | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The one value of an LTI parameter; a repeated one is refused (which would we believe?). */
function one(params: readonly OAuthParam[], name: string, integrationId: string): string | undefined {
  const values = paramValues(params, name);
  if (values.length > 1) throw lti11Error("PARAMETER_REPEATED", `${name} appears more than once.`, integrationId);
  return values[0];
}

function check<T>(schema: z.ZodType<T>, value: unknown, code: keyof typeof LTI11_CODES, message: string, integrationId: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw lti11Error(code, message, integrationId);
  return parsed.data;
}

/** Checks the LTI 1.1 basic launch parameters of a request whose signature already verified. */
export function parseLaunchParams(params: readonly OAuthParam[], integrationId: string): Lti11Launch {
  const get = (name: string) => one(params, name, integrationId);
  const messageType = get("lti_message_type");
  check(messageTypeSchema, messageType, "MESSAGE_TYPE_UNSUPPORTED", `lti_message_type ${String(messageType).slice(0, 60)} is not supported; expected ${LTI11_MESSAGE_TYPE}.`, integrationId);
  const version = get("lti_version");
  check(versionSchema, version, "VERSION_UNSUPPORTED", `lti_version ${String(version).slice(0, 30)} is not supported; expected LTI-1p0.`, integrationId);
  const resourceLinkId = check(required, get("resource_link_id"), "RESOURCE_LINK_MISSING", "resource_link_id is missing.", integrationId);
  const userId = check(required, get("user_id"), "USER_ID_MISSING", "user_id is missing (anonymous launches are not supported).", integrationId);
  const publicationSlug = optional(slug, get("custom_publication"));
  return {
    messageType: LTI11_MESSAGE_TYPE,
    resourceLinkId,
    userId,
    nameHint: optional(nameHint, get("lis_person_name_full")),
    emailHint: optional(emailHint, get("lis_person_contact_email_primary")),
    publicationSlug,
    // Some consumers repeat roles rather than joining them with commas: both are one list.
    course: courseFromLti11(get, publicationSlug, paramValues(params, "roles").join(",")),
  };
}
