import { AppError } from "@/lib/errors";
import { resolveHref } from "@/lib/publications/epub/book-links.mjs";

export { dirname, isExternalUrl, resolveHref, type BookLink } from "@/lib/publications/epub/book-links.mjs";

/** As resolveHref, for paths the book cannot work without: anything unsafe refuses the file. */
export function requireBookPath(baseDir: string, href: string, what: string): string {
  const link = resolveHref(baseDir, href);
  if (!link || !link.path) {
    throw new AppError("BAD_INPUT", `This EPUB refers to ${what} outside the book ("${href.slice(0, 80)}"), so it was not accepted.`);
  }
  return link.path;
}

/** A zip entry name that is absolute or climbs with ../ (zip slip). */
export function isUnsafeEntryName(name: string): boolean {
  if (name.startsWith("/") || name.startsWith("\\") || /^[a-z]:/i.test(name)) return true;
  return name.split(/[\\/]/).some((segment) => segment === "..");
}
