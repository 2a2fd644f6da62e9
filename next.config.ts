import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // pg and the Prisma adapter are Node-only; keep them out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "jszip"],
  poweredByHeader: false,
  experimental: {
    serverActions: { bodySizeLimit: "60mb" },
    // forbidden() answers a signed-in reader on an admin page with a real 403.
    authInterrupts: true,
  },
};

export default nextConfig;
