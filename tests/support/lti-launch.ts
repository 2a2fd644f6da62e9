import { GET as loginGet } from "@/app/api/lti/login/route";
import { POST as launchPost } from "@/app/api/lti/launch/route";
import type { TestPlatform } from "@/tests/support/lti-platform";

// Drives the LTI 1.3 route handlers the way a browser between LMS and Folio would.

export const APP = "http://localhost:3000";
export const LAUNCH_URL = `${APP}/api/lti/launch`;
const LTI = "https://purl.imsglobal.org/spec/lti/claim/";

export type Login = { response: Response; state: string; nonce: string; cookie: string };

/** Cookie header value ("name=value") from a Set-Cookie. */
export function cookiePair(setCookie: string | null): string {
  return (setCookie ?? "").split(";")[0] ?? "";
}

export async function startLogin(
  platform: TestPlatform,
  params: Record<string, string | undefined> = {},
  cookie?: string,
): Promise<Login> {
  const url = new URL(`${APP}/api/lti/login`);
  const all = { iss: platform.issuer, login_hint: "hint-1", target_link_uri: `${APP}/library`, client_id: platform.clientId, ...params };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
  const response = await loginGet(new Request(url, { headers: cookie ? { cookie } : {} }));
  const location = response.headers.get("location");
  const query = location ? new URL(location).searchParams : new URLSearchParams();
  return { response, state: query.get("state") ?? "", nonce: query.get("nonce") ?? "", cookie: cookiePair(response.headers.get("set-cookie")) };
}

/** A valid resource-link id_token payload for this login. */
export function launchClaims(platform: TestPlatform, nonce: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: platform.issuer,
    aud: platform.clientId,
    sub: "student-1",
    iat: now,
    exp: now + 300,
    nonce,
    name: "Ada Student",
    email: "ada@school.example",
    [`${LTI}message_type`]: "LtiResourceLinkRequest",
    [`${LTI}version`]: "1.3.0",
    [`${LTI}deployment_id`]: platform.deploymentId,
    [`${LTI}target_link_uri`]: `${APP}/library`,
    [`${LTI}resource_link`]: { id: "link-1", title: "Reading" },
    [`${LTI}roles`]: ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
    ...overrides,
  };
}

/** What a browser adds to a form POST from a page on Folio's own origin. */
export const FROM_FOLIO_PAGE = { origin: APP, "sec-fetch-site": "same-origin" } as const;

export async function postLaunch(fields: Record<string, string>, cookie?: string, headers: Record<string, string> = {}): Promise<Response> {
  const body = new URLSearchParams(fields);
  return launchPost(
    new Request(LAUNCH_URL, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}), ...headers },
    }),
  );
}

/** Login, sign, POST: a whole launch, with claim overrides (a value of undefined removes the claim). */
export async function launch(
  platform: TestPlatform,
  opts: { claims?: Record<string, unknown>; header?: { kid?: string | null; key?: CryptoKey }; login?: Record<string, string | undefined> } = {},
): Promise<{ response: Response; login: Login; idToken: string }> {
  const login = await startLogin(platform, opts.login);
  const claims = launchClaims(platform, login.nonce, opts.claims);
  for (const key of Object.keys(claims)) if (claims[key] === undefined) delete claims[key];
  const idToken = await platform.sign(claims, opts.header);
  const response = await postLaunch({ id_token: idToken, state: login.state }, login.cookie);
  return { response, login, idToken };
}

export { LTI as LTI_CLAIM_PREFIX };
