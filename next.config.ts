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
  experimental: {
    serverActions: { bodySizeLimit: "60mb" },
    // forbidden() answers a signed-in reader on an admin page with a real 403.
    authInterrupts: true,
  },
};

export default nextConfig;
