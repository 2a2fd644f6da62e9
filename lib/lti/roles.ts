// LTI 1.3 roles (LIS v2 vocabulary). Who may deep link, that is choose what a course links to:
// instructors, teaching assistants, content developers and administrators, whether the
// platform names them as context (membership), institution or system roles. Learners,
// mentors and guests may not, even when their LMS sends them a deep linking request (some
// LMSs use deep linking for student submissions).

const LIS = "http://purl.imsglobal.org/vocab/lis/v2/";
const PRIVILEGED = new Set(["Instructor", "TeachingAssistant", "ContentDeveloper", "Administrator"]);
const ROLE_BASES = new Set([`${LIS}membership`, `${LIS}institution/person`, `${LIS}system/person`]);

function isPrivileged(role: string): boolean {
  // LTI 1.3 allows the bare context role names ("Instructor").
  if (PRIVILEGED.has(role)) return true;
  const hash = role.lastIndexOf("#");
  if (hash < 0) return false;
  const base = role.slice(0, hash);
  const name = role.slice(hash + 1);
  if (ROLE_BASES.has(base)) return PRIVILEGED.has(name);
  // Context sub-roles: membership/<principal>#<sub>, e.g. membership/Instructor#TeachingAssistant.
  if (base.startsWith(`${LIS}membership/`)) {
    const principal = base.slice(`${LIS}membership/`.length);
    return principal !== "Learner" && principal !== "Mentor" && (PRIVILEGED.has(principal) || name === "TeachingAssistant");
  }
  return false;
}

/** May a person with these LTI roles add Folio books to a course (deep linking)? */
export function canDeepLink(roles: readonly string[]): boolean {
  return roles.some(isPrivileged);
}

const isContextRole = (role: string) => !role.includes("#") || role.startsWith(`${LIS}membership#`) || role.startsWith(`${LIS}membership/`);
const isAdministrator = (role: string) => role === `${LIS}institution/person#Administrator` || role === `${LIS}system/person#Administrator`;

/**
 * Is this person an instructor of the course the launch came from (and so sees the class's
 * progress, names and emails)? Decided by the context roles: institution roles describe the
 * person elsewhere (Canvas sends institution#Instructor for a Learner who teaches another course).
 * With no context role at all, an LMS administrator counts. Never store administration.
 */
export function courseInstructor(roles: readonly string[]): boolean {
  const context = roles.filter(isContextRole);
  if (context.length > 0) return context.some(isPrivileged);
  return roles.some(isAdministrator);
}
