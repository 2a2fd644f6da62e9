import { AppError } from "@/lib/errors";
import type { EpubArchive } from "@/lib/publications/epub/archive";
import { requireBookPath } from "@/lib/publications/epub/paths";
import { attr, findFirst, parseXml } from "@/lib/publications/epub/xml";

/** META-INF/container.xml → the zip path of the package document (OPF). */
export async function findPackagePath(archive: EpubArchive): Promise<string> {
  if (!archive.has("META-INF/container.xml")) {
    throw new AppError("BAD_INPUT", "This file is not a valid EPUB: META-INF/container.xml is missing.");
  }
  const root = parseXml(await archive.readText("META-INF/container.xml"), "container file (META-INF/container.xml)");
  const rootfile = findFirst(root, "rootfile", (n) => (attr(n, "media-type") ?? "application/oebps-package+xml") === "application/oebps-package+xml");
  const fullPath = rootfile ? attr(rootfile, "full-path") : undefined;
  if (!fullPath) throw new AppError("BAD_INPUT", "This EPUB's container.xml does not name a package document (OPF).");
  const path = requireBookPath("", fullPath, "its package document");
  if (!archive.has(path)) throw new AppError("BAD_INPUT", `This EPUB's package document "${path.slice(0, 120)}" is missing.`);
  return path;
}
