import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "dist/**", "lib/generated/**", "node_modules/**", "next-env.d.ts", "test-results/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The Prisma client is used only inside lib/ (and by tests and scripts that stand in for lib).
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "@/lib/db", message: "Call a lib/ function instead of Prisma from app/ or components/." }] }],
    },
  },
]);
