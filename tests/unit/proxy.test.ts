import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { config, proxy } from "@/proxy";

// proxy.ts as Next runs it in front of every page.

describe("proxy", () => {
  it("gives each page a fresh nonce, in the response's CSP and in the request Next renders with", () => {
    const first = proxy(new NextRequest("http://localhost:3000/read/moby-dick"));
    const second = proxy(new NextRequest("http://localhost:3000/read/moby-dick"));
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    const nonce = nonceOf(first.headers.get("content-security-policy"));
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
    // NextResponse.next({ request: { headers } }) hands Next the request headers this way.
    expect(nonceOf(first.headers.get("x-middleware-request-content-security-policy"))).toBe(nonce);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers a server action posted from another site with 403", async () => {
    const response = proxy(new NextRequest("http://localhost:3000/admin/publications", {
      method: "POST", headers: { origin: "https://evil.test", host: "localhost:3000", "next-action": "abc123" }, body: "[]",
    }));
    expect(response.status).toBe(403);
    expect(await response.text()).toMatch(/Folio's own pages/);
    const own = proxy(new NextRequest("http://localhost:3000/admin/publications", {
      method: "POST", headers: { origin: "http://localhost:3000", host: "localhost:3000", "next-action": "abc123" }, body: "[]",
    }));
    expect(own.headers.get("x-middleware-next")).toBe("1");
  });

  it("runs on pages, not on API routes, static files or the pages served from cache", () => {
    const matcher = new RegExp(`^${config.matcher[0]!.replace("/((?!", "/((?!")}$`);
    for (const path of ["/search", "/read/x", "/admin", "/library/x"]) expect(matcher.test(path), path).toBe(true);
    for (const path of ["/api/admin/publications", "/api/lti/launch", "/_next/static/chunks/a.js", "/", "/library", "/shelf/all"]) expect(matcher.test(path), path).toBe(false);
  });
});
