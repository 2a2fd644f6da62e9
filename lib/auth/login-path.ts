// The sign-in page with where to go afterwards. Usable in client components (no server imports);
// the login page checks `next` with safeRedirectPath (lib/http/safe-redirect.ts) before using it.
export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
