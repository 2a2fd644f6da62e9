// Stands in for the request that Next's `next/headers` reads in a server action or page.
// tests/support/setup.ts points `next/headers` here and resets it before each test.
let requestHeaders = new Headers();

export function setRequestHeaders(init: HeadersInit): void {
  requestHeaders = new Headers(init);
}

export function resetRequestContext(): void {
  requestHeaders = new Headers();
}

/** Makes the following server-side calls run as this user, with a real session token. */
export async function signInAs(user: { id: string; role: string; sessionVersion: number }): Promise<string> {
  // Imported here: session.ts imports next/headers, which is mocked by this very module.
  const { createSessionCookie } = await import("@/lib/auth/session-cookie");
  const cookie = (await createSessionCookie(user)).split(";")[0]!;
  setRequestHeaders({ cookie });
  return cookie;
}

function parseCookies(): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (requestHeaders.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) jar.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return jar;
}

export const fakeNextHeaders = {
  headers: async () => requestHeaders,
  cookies: async () => {
    const jar = parseCookies();
    return {
      get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      has: (name: string) => jar.has(name),
      set: () => undefined,
      delete: () => undefined,
    };
  },
  draftMode: async () => ({ isEnabled: false }),
};
