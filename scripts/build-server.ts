// Bundles the production server (server/main.ts and the lib/ code it runs) into dist/server.mjs,
// so `npm start` runs plain JavaScript. Packages stay in node_modules; `server-only`, which only
// guards against client bundles, becomes an empty module.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";

/**
 * A package import as Node's ESM loader will find it from dist/: a package without an exports
 * map (next) needs the extension on a subpath ("next/headers" → "next/headers.js").
 */
function esmSpecifier(specifier: string): string {
  if (specifier.startsWith("node:")) return specifier; // built-ins ("node:fs/promises") have no package
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, nameLength).join("/");
  const subpath = parts.slice(nameLength).join("/");
  if (!subpath || /\.[cm]?js$/.test(subpath)) return specifier;
  const dir = join(process.cwd(), "node_modules", name);
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { exports?: unknown };
  return !manifest.exports && existsSync(join(dir, `${subpath}.js`)) ? `${specifier}.js` : specifier;
}

const resolveLocal: Plugin = {
  name: "folio-server",
  setup(b) {
    b.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "export {};", loader: "js" }));
    // Bare package imports stay imports; "@/…" (the tsconfig alias) and relative paths are bundled.
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@/") ? undefined : { path: esmSpecifier(args.path), external: true }));
  },
};

await build({
  entryPoints: ["server/main.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: "linked",
  tsconfig: "tsconfig.json",
  plugins: [resolveLocal],
  logLevel: "warning",
});
console.log("Built dist/server.mjs");
