import { defineConfig } from "prisma/config";
// The 7.x adapter maps Postgres `name` columns that the 6.19 JS schema engine reads from
// the catalogs; the app itself uses @prisma/adapter-pg 6.19 (see shared Prisma notes).
import { PrismaPg } from "pg-adapter-migrate";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx prisma/seed.ts" },
  adapter: async () => {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set: run through `npm run dev` or set it.");
    return new PrismaPg({ connectionString });
  },
});
