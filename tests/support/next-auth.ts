import { createHash } from "node:crypto";
import NextAuth from "next-auth";

// Calls next-auth's real request handling (CSRF check, provider, callbacks, events) with Folio's
// options, through its pages-API entry point, which takes a plain request object.

export type NextAuthResult = { status: number; url: string | null; setCookies: string[]; body: unknown };

const CSRF = "test-csrf-token";

export async function callNextAuth(
  action: string[],
  options: { body?: Record<string, string>; cookies?: Record<string, string>; headers?: Record<string, string> } = {},
): Promise<NextAuthResult> {
  const { authOptions } = await import("@/lib/auth/options");
  const secret = process.env.AUTH_SECRET!;
  const csrfCookie = `${CSRF}|${createHash("sha256").update(`${CSRF}${secret}`).digest("hex")}`;
  const result: NextAuthResult = { status: 200, url: null, setCookies: [], body: undefined };
  const res = {
    status(code: number) { result.status = code; return res; },
    setHeader(name: string, value: string | string[]) {
      if (name.toLowerCase() === "set-cookie") result.setCookies.push(...(Array.isArray(value) ? value : [value]));
      if (name.toLowerCase() === "location") result.url = String(value);
      return res;
    },
    getHeader(name: string) { return name.toLowerCase() === "set-cookie" ? result.setCookies : undefined; },
    json(body: { url?: string }) { result.body = body; result.url = body.url ?? null; return res; },
    send(body: unknown) { result.body = body; return res; },
    end() { return res; },
  };
  const req = {
    method: "POST",
    query: { nextauth: action },
    headers: { host: "localhost:3000", ...options.headers },
    cookies: { "next-auth.csrf-token": csrfCookie, ...options.cookies },
    body: { csrfToken: CSRF, json: "true", ...options.body },
  };
  await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<void>)(req, res, authOptions);
  return result;
}
