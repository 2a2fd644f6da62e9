import { NextResponse, type NextRequest } from "next/server";
import { appOrigin, env } from "@/lib/env";
import { baseHeaders, isCrossOriginPost, pageSecurityHeaders } from "@/lib/http/security-headers";

// Every page response: a Content-Security-Policy with a fresh script nonce (Next reads it from
// the request's CSP header and puts it on its own scripts), and the other security headers.
// A server action posted from another site is answered 403 here, before Next would parse it.

export function proxy(request: NextRequest): NextResponse {
  const path = request.nextUrl.pathname;
  if (isCrossOriginPost(request.method, request.headers, appOrigin)) {
    return new NextResponse("This request did not come from Folio's own pages.", {
      status: 403,
      headers: { ...baseHeaders(path), "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
    });
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const headers = pageSecurityHeaders(path, { appOrigin, nonce, dev: env.NODE_ENV === "development" });
  const forward = new Headers(request.headers);
  forward.set("content-security-policy", headers["content-security-policy"]!);
  const response = NextResponse.next({ request: { headers: forward } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

// Pages only: API routes set their own headers (and an upload must not be copied through the
// proxy, which would buffer its body); static files and the pages served from cache
// (STATIC_PAGES: /library, / and its shelves) get theirs from next.config.ts. The matcher is a
// literal (Next reads it at build time): keep it in step with STATIC_PAGES.
export const config = {
  matcher: ["/((?!api/|_next/static/|_next/image|favicon.ico|icon.svg|library$|shelf/|$).*)"],
};
