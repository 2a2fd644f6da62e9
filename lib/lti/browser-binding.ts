import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { parse, serialize } from "cookie";
import { isSecureOrigin } from "@/lib/env";

// Binds a login state to the browser that started it. The cookie holds a random value; the
// state row stores only its SHA-256. The cookie must reach Folio inside the LMS iframe, a
// third-party context: SameSite=None, Secure and Partitioned (CHIPS).

export const BROWSER_COOKIE = isSecureOrigin ? "__Host-folio.lti" : "folio.lti";
const MAX_AGE = 60 * 60;
const valueSchema = /^[A-Za-z0-9_-]{43}$/;

export function isBrowserValue(value: unknown): value is string {
  return typeof value === "string" && valueSchema.test(value);
}

export function hashBrowserValue(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** The browser's binding value from a Cookie header, or null. */
export function readBrowserValue(cookieHeader: string | null): string | null {
  if (!cookieHeader) return null;
  const value = parse(cookieHeader)[BROWSER_COOKIE];
  return isBrowserValue(value) ? value : null;
}

/**
 * The value for this login: the browser's existing one (so two launches in two tabs do not
 * undo each other) or a fresh one, with the Set-Cookie that keeps it.
 */
export function bindBrowser(cookieHeader: string | null): { value: string; hash: string; setCookie: string } {
  const value = readBrowserValue(cookieHeader) ?? randomBytes(32).toString("base64url");
  const setCookie = serialize(BROWSER_COOKIE, value, {
    httpOnly: true,
    path: "/",
    maxAge: MAX_AGE,
    sameSite: isSecureOrigin ? "none" : "lax",
    secure: isSecureOrigin,
    partitioned: isSecureOrigin,
  });
  return { value, hash: hashBrowserValue(value), setCookie };
}
