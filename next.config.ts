import type { NextConfig } from "next";
import { PHASE_DEVELOPMENT_SERVER } from "next/constants";
import { STATIC_PAGES, pageSecurityHeaders } from "./lib/http/security-headers";
import { CATALOG_HOME } from "./lib/publications/catalog-shelves";

/**
 * Headers of the pages served from Next's cache (STATIC_PAGES): the same for every request, so
 * they are set here rather than by proxy.ts, which then does not run for them at all (the
 * library page is on the launch's hot path, the catalog on everyone's first visit). Frame rule for an https LMS (APP_URL is not known
 * at build time).
 */
const staticPageHeaders = (dev: boolean) =>
  STATIC_PAGES.map((source) => ({
    source,
    headers: Object.entries(pageSecurityHeaders(source, { appOrigin: "https://folio.invalid", dev })).map(([key, value]) => ({ key, value })),
  }));

const config = (phase: string): NextConfig => ({
  // pg, the Prisma adapter, pg-boss, nodemailer and the S3 SDK are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "jszip", "pg-boss", "nodemailer", "@aws-sdk/client-s3", "@aws-sdk/lib-storage"],
  poweredByHeader: false,
  // The chapter worker is started by path at run time (docs/decisions/0018), so file tracing
  // cannot see it: list it for whatever copies the traced files (standalone output, containers).
  outputFileTracingIncludes: {
    "/*": ["./lib/publications/epub/chapter-worker.mjs", "./lib/publications/epub/chapter-html.mjs", "./lib/publications/epub/book-links.mjs"],
  },
  // `/` is the catalog's shelf "all", rendered on first request and then served from cache.
  async rewrites() {
    return [{ source: "/", destination: CATALOG_HOME }];
  },
  // On every response, files and API answers included; rendered pages get their CSP from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: [
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      ] },
      ...staticPageHeaders(phase === PHASE_DEVELOPMENT_SERVER),
    ];
  },
  experimental: {
    // Next parses an action's whole body before the action can check anything, so every action
    // stays small; uploads go to a route handler that checks first (docs/decisions/0016).
    serverActions: { bodySizeLimit: "1mb" },
    // A POST to a page passes through proxy.ts, which makes Next copy its body (10 MB by default).
    proxyClientMaxBodySize: "1mb",
    // forbidden() answers a signed-in reader on an admin page with a real 403.
    authInterrupts: true,
  },
});

export default config;
