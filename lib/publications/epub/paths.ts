import { AppError } from "@/lib/errors";

/** A link inside the book: a zip path and an optional #fragment. */
export type BookLink = { path: string; fragment: string | null };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** http:, https:, mailto:, javascript:, data: … or protocol-relative //host. */
export function isExternalUrl(href: string): boolean {
  return SCHEME.test(href) || href.startsWith("//");
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Resolves a relative href against the folder of the document that contains it, inside the zip.
 * Returns null for external URLs, absolute paths and paths that climb out of the book: the
 * caller decides whether that is a reason to refuse the file or only to drop a link.
 */
export function resolveHref(baseDir: string, href: string): BookLink | null {
  const trimmed = href.trim();
  if (!trimmed || isExternalUrl(trimmed) || trimmed.startsWith("/") || trimmed.startsWith("\\")) return null;
  const hash = trimmed.indexOf("#");
  const rawPath = (hash === -1 ? trimmed : trimmed.slice(0, hash)).split("?")[0]!;
  const fragment = hash === -1 ? null : decode(trimmed.slice(hash + 1)) || null;
  if (!rawPath) return { path: "", fragment };
  const stack = baseDir ? baseDir.split("/") : [];
  for (const raw of rawPath.split("/")) {
    const segment = decode(raw);
    if (segment.includes("\\") || segment.includes("\0")) return null;
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (!stack.length) return null;
      stack.pop();
    } else stack.push(segment);
  }
  return { path: stack.join("/"), fragment };
}

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
