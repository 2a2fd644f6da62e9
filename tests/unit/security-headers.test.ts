import { describe, expect, it } from "vitest";
import { isCrossOriginPost, pageSecurityHeaders } from "@/lib/http/security-headers";

// The header policy, route by route (docs/decisions/0016).

const HTTPS = "https://folio.example.com";
const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `));

describe("page security headers", () => {
  it("keep the Control Panel, account and sign-in pages out of other sites' frames", () => {
    for (const path of ["/admin", "/admin/publications/1", "/account", "/login", "/publications/moby-dick", "/search"]) {
      const headers = pageSecurityHeaders(path, { appOrigin: HTTPS, nonce: "abc" });
      expect(directive(headers["content-security-policy"]!, "frame-ancestors"), path).toBe("frame-ancestors 'self'");
      expect(headers["x-frame-options"], path).toBe("SAMEORIGIN");
    }
  });

  it("let any https LMS frame the reader, the library and the LTI pages", () => {
    for (const path of ["/read/moby-dick", "/library", "/lti/deep-link", "/api/lti/launch"]) {
      const headers = pageSecurityHeaders(path, { appOrigin: HTTPS, nonce: "abc" });
      expect(directive(headers["content-security-policy"]!, "frame-ancestors"), path).toBe("frame-ancestors 'self' https:");
      expect(headers["x-frame-options"], path).toBeUndefined();
    }
    // Plain-http LMSs only when Folio itself runs on plain http (development, the e2e simulator).
    const local = pageSecurityHeaders("/read/x", { appOrigin: "http://localhost:3000", nonce: "abc" });
    expect(directive(local["content-security-policy"]!, "frame-ancestors")).toBe("frame-ancestors 'self' https: http:");
    expect(pageSecurityHeaders("/readers", { appOrigin: HTTPS })["x-frame-options"]).toBe("SAMEORIGIN");
  });

  it("allow scripts by this request's nonce, except on the pages served from cache", () => {
    const reader = pageSecurityHeaders("/read/moby-dick", { appOrigin: HTTPS, nonce: "n0nce" })["content-security-policy"]!;
    expect(directive(reader, "script-src")).toBe("script-src 'self' 'nonce-n0nce'");
    for (const cached of ["/", "/shelf/all", "/library"]) {
      const csp = pageSecurityHeaders(cached, { appOrigin: HTTPS, nonce: "n0nce" })["content-security-policy"]!;
      expect(directive(csp, "script-src"), cached).toBe("script-src 'self' 'unsafe-inline'");
    }
    expect(directive(pageSecurityHeaders("/admin", { appOrigin: HTTPS, nonce: "n", dev: true })["content-security-policy"]!, "script-src"))
      .toBe("script-src 'self' 'nonce-n' 'unsafe-eval'");
  });

  it("always forbid plugins, foreign base URLs and foreign form targets, and never sniff or leak paths", () => {
    for (const path of ["/", "/admin", "/read/x", "/library"]) {
      const headers = pageSecurityHeaders(path, { appOrigin: HTTPS, nonce: "n" });
      const csp = headers["content-security-policy"]!;
      expect(directive(csp, "object-src")).toBe("object-src 'none'");
      expect(directive(csp, "base-uri")).toBe("base-uri 'self'");
      expect(directive(csp, "form-action")).toBe("form-action 'self'");
      expect(directive(csp, "default-src")).toBe("default-src 'self'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    }
  });
});

describe("isCrossOriginPost", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("flags a POST whose Origin is neither Folio nor the host it was sent to", () => {
    expect(isCrossOriginPost("POST", h({ origin: "https://evil.test", host: "folio.example.com" }), HTTPS)).toBe(true);
    expect(isCrossOriginPost("POST", h({ origin: "null", host: "folio.example.com" }), HTTPS)).toBe(true);
    expect(isCrossOriginPost("POST", h({ origin: "https://evil.test", host: "evil.test", "x-forwarded-host": "folio.example.com" }), HTTPS)).toBe(true);
  });
  it("lets same-origin posts, posts without Origin and other methods through", () => {
    expect(isCrossOriginPost("POST", h({ origin: HTTPS, host: "internal:3000" }), HTTPS)).toBe(false);
    expect(isCrossOriginPost("POST", h({ origin: "http://localhost:3320", host: "localhost:3320" }), HTTPS)).toBe(false);
    expect(isCrossOriginPost("POST", h({ host: "folio.example.com" }), HTTPS)).toBe(false);
    expect(isCrossOriginPost("GET", h({ origin: "https://evil.test" }), HTTPS)).toBe(false);
  });
});
