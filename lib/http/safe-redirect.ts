import "server-only";
import { appOrigin } from "@/lib/env";

const MAX_LENGTH = 2000;

/**
 * Where to send someone after signing in, from a `next` parameter anybody can write: a path on
 * Folio's own origin, or `fallback`. The value is resolved the way a browser resolves it
 * (`new URL(next, appOrigin)`: backslashes count as slashes, tabs and newlines are dropped), so
 * "/\evil.example", "/\t/evil.example", "//evil.example" and "https://evil.example" all land on
 * another origin and are refused. What comes back is rebuilt from the parsed URL, never the raw
 * text, and never starts with "//" (which a browser would read as another host).
 */
export function safeRedirectPath(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || next === "" || next.length > MAX_LENGTH) return fallback;
  let url: URL;
  try {
    url = new URL(next, appOrigin);
  } catch {
    return fallback;
  }
  if (url.origin !== appOrigin || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
