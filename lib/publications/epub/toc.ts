import type { EpubArchive } from "@/lib/publications/epub/archive";
import { dirname, resolveHref } from "@/lib/publications/epub/paths";
import { attr, childrenOf, elements, findFirst, parseXml, textOf, type XmlNode } from "@/lib/publications/epub/xml";

/** Stored in Publication.toc. chapterIndex is the 0-based spine index. */
export type TocEntry = { title: string; chapterIndex: number; fragment?: string; children?: TocEntry[] };

type Target = { chapterIndex: number; fragment?: string } | null;
const MAX_DEPTH = 8;

function target(spineIndex: Map<string, number>, baseDir: string, href: string | undefined): Target {
  const link = href ? resolveHref(baseDir, href) : null;
  const chapterIndex = link ? spineIndex.get(link.path) : undefined;
  if (chapterIndex === undefined) return null;
  return link!.fragment ? { chapterIndex, fragment: link!.fragment } : { chapterIndex };
}

/** An entry without a target of its own (a heading span) points where its first child does. */
function entry(title: string, to: Target, children: TocEntry[]): TocEntry | null {
  const where = to ?? (children[0] ? { chapterIndex: children[0].chapterIndex } : null);
  if (!where) return null;
  return { title: title || "Untitled", ...where, ...(children.length ? { children } : {}) };
}

function fromNavList(ol: XmlNode, spineIndex: Map<string, number>, baseDir: string, depth: number): TocEntry[] {
  if (depth > MAX_DEPTH) return [];
  const out: TocEntry[] = [];
  for (const li of elements(childrenOf(ol), "li")) {
    const parts = childrenOf(li);
    const label = elements(parts, "a")[0] ?? elements(parts, "span")[0];
    const nested = elements(parts, "ol")[0];
    const children = nested ? fromNavList(nested, spineIndex, baseDir, depth + 1) : [];
    const made = entry(label ? textOf([label]) : "", label ? target(spineIndex, baseDir, attr(label, "href")) : null, children);
    if (made) out.push(made);
  }
  return out;
}

function fromNcx(points: XmlNode[], spineIndex: Map<string, number>, baseDir: string, depth: number): TocEntry[] {
  if (depth > MAX_DEPTH) return [];
  const out: TocEntry[] = [];
  for (const point of elements(points, "navPoint")) {
    const parts = childrenOf(point);
    const label = elements(parts, "navLabel")[0];
    const content = elements(parts, "content")[0];
    const children = fromNcx(parts, spineIndex, baseDir, depth + 1);
    const made = entry(label ? textOf([label]) : "", target(spineIndex, baseDir, content ? attr(content, "src") : undefined), children);
    if (made) out.push(made);
  }
  return out;
}

/** EPUB 3 nav document (nav epub:type="toc"), falling back to the EPUB 2 NCX, then to the spine. */
export async function readToc(
  archive: EpubArchive,
  book: { navPath: string | null; ncxPath: string | null; spine: string[] },
): Promise<TocEntry[]> {
  const spineIndex = new Map(book.spine.map((path, i) => [path, i]));
  if (book.navPath) {
    const root = parseXml(await archive.readText(book.navPath), "navigation document");
    const nav = findFirst(root, "nav", (n) => (attr(n, "type") ?? "").split(/\s+/).includes("toc"));
    const ol = nav ? findFirst(childrenOf(nav), "ol") : null;
    const toc = ol ? fromNavList(ol, spineIndex, dirname(book.navPath), 1) : [];
    if (toc.length) return toc;
  }
  if (book.ncxPath) {
    const root = parseXml(await archive.readText(book.ncxPath), "NCX table of contents");
    const navMap = findFirst(root, "navMap");
    const toc = navMap ? fromNcx(childrenOf(navMap), spineIndex, dirname(book.ncxPath), 1) : [];
    if (toc.length) return toc;
  }
  return [];
}

/** Depth-first list, for chapter titles and counts. */
export function flattenToc(toc: TocEntry[]): TocEntry[] {
  return toc.flatMap((e) => [e, ...flattenToc(e.children ?? [])]);
}

/**
 * Where the text proper begins: the EPUB 3 landmark marked bodymatter (so a first reading
 * skips cover, title page and imprint). 0 when the book does not say.
 */
export async function readStartChapter(archive: EpubArchive, book: { navPath: string | null; spine: string[] }): Promise<number> {
  if (!book.navPath) return 0;
  const spineIndex = new Map(book.spine.map((path, i) => [path, i]));
  const root = parseXml(await archive.readText(book.navPath), "navigation document");
  const nav = findFirst(root, "nav", (n) => (attr(n, "type") ?? "").split(/\s+/).includes("landmarks"));
  const body = nav ? findFirst(childrenOf(nav), "a", (a) => (attr(a, "type") ?? "").split(/\s+/).includes("bodymatter")) : null;
  return target(spineIndex, dirname(book.navPath), body ? attr(body, "href") : undefined)?.chapterIndex ?? 0;
}
