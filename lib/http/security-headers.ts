// Which security headers each response carries: one pure function of the path, so the policy
// is testable route by route (tests/unit/security-headers.test.ts) and the same for pages
// (proxy.ts), the LTI pages the handlers write (html-page.ts) and the launch server (server/).
// docs/decisions/0016 explains the choices.

export type HeaderOptions = {
  /** Where Folio is served (APP_URL). Served over plain http (development, e2e), http LMSs may frame it too. */
  appOrigin: string;
  /** This response's script nonce; without one, pages fall back to 'unsafe-inline' for scripts. */
  nonce?: string;
  /** `next dev` evaluates code for its overlay and fast refresh. */
  dev?: boolean;
};

/** Pages that run inside an LMS iframe: the reader, the library, the LTI landing and launch pages. */
const FRAMEABLE = [/^\/read(\/|$)/, /^\/library(\/|$)/, /^\/lti(\/|$)/, /^\/api\/lti(\/|$)/];

/**
 * Pages served from Next's cache (the library shell, docs/decisions/0013; the catalog and its
 * shelves, decisions 11 and 14). Their HTML is the same for everyone, so it cannot carry a
 * per-request nonce; their scripts are allowed by 'self' and 'unsafe-inline' instead. They render
 * nothing from a request. Their headers come from next.config.ts (proxy.ts does not run for them).
 * Written as next.config `headers()` sources.
 */
export const STATIC_PAGES = ["/library", "/", "/shelf/:shelf"];
// The same sources as patterns: ":name" stands for one path segment.
const CACHED_PAGES = STATIC_PAGES.map((source) => new RegExp(`^${source.replace(/:[^/]+/g, "[^/]+")}$`));
const isCachedPage = (path: string) => CACHED_PAGES.some((pattern) => pattern.test(path));

export function isFrameable(path: string): boolean {
  return FRAMEABLE.some((pattern) => pattern.test(path));
}

/** Who may frame this path: any https page (an LMS) for the LMS pages, else Folio only. */
export function frameAncestors(path: string, appOrigin: string): string {
  if (!isFrameable(path)) return "'self'";
  return appOrigin.startsWith("http:") ? "'self' https: http:" : "'self' https:";
}

/** Content-Security-Policy for a page rendered by Next. */
export function pagePolicy(path: string, options: HeaderOptions): string {
  const useNonce = options.nonce && !isCachedPage(path);
  const scripts = ["'self'", useNonce ? `'nonce-${options.nonce}'` : "'unsafe-inline'", ...(options.dev ? ["'unsafe-eval'"] : [])];
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    // React and the reader set style attributes (positions, user font size); no script can come of it.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors(path, options.appOrigin)}`,
  ].join("; ");
}

/**
 * Content-Security-Policy for a page Folio writes by hand (the LTI pages): nothing but its own
 * inline scripts (by hash) and styles; forms may post to Folio and to the origins given (the
 * platform's deep-linking return URL).
 */
export function handwrittenPagePolicy(path: string, options: { appOrigin: string; scriptHashes?: string[]; formOrigins?: string[] }): string {
  const hashes = (options.scriptHashes ?? []).map((h) => `'sha256-${h}'`);
  return [
    "default-src 'none'",
    `script-src ${hashes.length ? hashes.join(" ") : "'none'"}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self'${(options.formOrigins ?? []).map((o) => ` ${o}`).join("")}`,
    `frame-ancestors ${frameAncestors(path, options.appOrigin)}`,
  ].join("; ");
}

/** The headers every response gets, whatever made it. */
export function baseHeaders(path: string): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    // For browsers without frame-ancestors; it cannot say "any https page", so frameable paths omit it.
    ...(isFrameable(path) ? {} : { "x-frame-options": "SAMEORIGIN" }),
  };
}

/** Every security header of a page rendered by Next at `path`. */
export function pageSecurityHeaders(path: string, options: HeaderOptions): Record<string, string> {
  return { ...baseHeaders(path), "content-security-policy": pagePolicy(path, options) };
}

/**
 * True when a POST to a page (a server action) comes from another site. Next refuses those too,
 * but with a 500 after logging an error; Folio answers 403 first. The host compared is the one
 * Next compares (x-forwarded-host, else host); APP_URL's origin is accepted as well.
 */
export function isCrossOriginPost(method: string, headers: { get(name: string): string | null }, appOrigin: string): boolean {
  if (method !== "POST") return false;
  const origin = headers.get("origin");
  if (origin === null) return false; // not from a browser: no ambient credentials to abuse
  if (origin === appOrigin) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return !URL.canParse(origin) || new URL(origin).host !== host;
}
