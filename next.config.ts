import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and the Prisma adapter are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "jszip"],
  poweredByHeader: false,
  // The chapter worker is started by path at run time (docs/decisions/0018), so file tracing
  // cannot see it: list it for whatever copies the traced files (standalone output, containers).
  outputFileTracingIncludes: {
    "/*": ["./lib/publications/epub/chapter-worker.mjs", "./lib/publications/epub/chapter-html.mjs", "./lib/publications/epub/book-links.mjs"],
  },
  // On every response, files and API answers included; pages get their CSP from proxy.ts.
  async headers() {
    return [{ source: "/:path*", headers: [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    ] }];
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
};

export default nextConfig;
