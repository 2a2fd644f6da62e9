import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";
import { escapeHtml } from "../../lib/html/escape-html";

// Signs LTI 1.1 launches with the oauth-1.0a package: someone else's reading of RFC 5849.
// Shared by the Vitest suites, Playwright and the bench (a launch posted as the LMS would).

export const LAUNCH_URL = "http://localhost:3000/api/lti/11/launch";

export type FormValues = Record<string, string | string[]>;

export function basicLaunchParams(overrides: FormValues = {}): FormValues {
  return {
    lti_message_type: "basic-lti-launch-request",
    lti_version: "LTI-1p0",
    resource_link_id: "course-42-link-1",
    user_id: "student-7",
    roles: "Learner",
    lis_person_name_full: "Ada Student",
    lis_person_contact_email_primary: "ada@school.example",
    context_id: "course-42",
    ...overrides,
  };
}

export type SignOptions = {
  consumerKey: string;
  secret: string;
  params?: FormValues;
  /** The launch URL as the consumer knows it (may carry a query string). */
  url?: string;
  /** The URL the request reaches Folio at (behind a proxy it differs from `url`). */
  requestUrl?: string;
  timestamp?: number;
  nonce?: string;
  signatureMethod?: "HMAC-SHA1" | "HMAC-SHA256" | "PLAINTEXT";
  /** Changes the form after signing. */
  tamper?: (form: FormValues) => void;
};

export function signLaunch(options: SignOptions): { form: FormValues; body: URLSearchParams } {
  const method = options.signatureMethod ?? "HMAC-SHA1";
  const algorithm = method === "HMAC-SHA256" ? "sha256" : "sha1";
  const oauth = new OAuth({
    consumer: { key: options.consumerKey, secret: options.secret },
    signature_method: method,
    hash_function: method === "PLAINTEXT" ? undefined : (base, key) => createHmac(algorithm, key).update(base).digest("base64"),
  });
  if (options.timestamp !== undefined) oauth.getTimeStamp = () => options.timestamp!;
  if (options.nonce !== undefined) oauth.getNonce = () => options.nonce!;
  const params = options.params ?? basicLaunchParams();
  const signed = oauth.authorize({ url: options.url ?? LAUNCH_URL, method: "POST", data: structuredClone(params) });
  // authorize() merges the data (and the URL's query) into what it returns: keep the oauth_ fields only.
  const protocol = Object.entries(signed).filter(([k]) => k.startsWith("oauth_"));
  const form: FormValues = { ...params, ...Object.fromEntries(protocol.map(([k, v]) => [k, String(v)])) };
  options.tamper?.(form);
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) body.append(name, v);
  return { form, body };
}

export function launchRequest(options: SignOptions): Request {
  const { body } = signLaunch(options);
  return new Request(options.requestUrl ?? options.url ?? LAUNCH_URL, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.9" },
    body,
  });
}


/** An LMS-like page that posts a signed launch as soon as it loads (for Playwright and the bench). */
export function autoSubmitLaunchPage(options: SignOptions): string {
  const { form } = signLaunch(options);
  const inputs = Object.entries(form)
    .flatMap(([name, value]) => [value].flat().map((v) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(v)}">`))
    .join("\n");
  const action = escapeHtml(options.url ?? LAUNCH_URL);
  return `<!doctype html><html><body><form id="launch" method="post" action="${action}">\n${inputs}\n<button>Open Folio</button></form>
<script>document.getElementById("launch").submit()</script></body></html>`;
}
