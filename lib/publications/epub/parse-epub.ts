import { openArchive, type EpubArchive } from "@/lib/publications/epub/archive";
import { findPackagePath } from "@/lib/publications/epub/container";
import { checkEncryption } from "@/lib/publications/epub/drm";
import { DEFAULT_EPUB_LIMITS, type EpubLimits } from "@/lib/publications/epub/limits";
import { readPackage, type BookPackage } from "@/lib/publications/epub/opf";
import { cleanChapters, type RawChapter } from "@/lib/publications/epub/clean-chapters";
import { flattenToc, readStartChapter, readToc, type TocEntry } from "@/lib/publications/epub/toc";

export type { TocEntry } from "@/lib/publications/epub/toc";

export type OpenedEpub = { archive: EpubArchive; book: BookPackage; assetPaths: Map<string, string>; limits: EpubLimits };

export type ParsedChapter = { index: number; href: string; title: string; html: string; wordCount: number };
export type ParsedAsset = { path: string; mediaType: string; data: Buffer };
export type ParsedEpub = {
  metadata: BookPackage["metadata"];
  coverPath: string | null;
  toc: TocEntry[];
  startChapter: number;
  chapters: ParsedChapter[];
  assets: ParsedAsset[];
  wordCount: number;
};

const ASSET_TYPES = [/^image\//, /^text\/css$/, /^font\//, /^application\/(x-)?font-/, /^application\/vnd\.ms-opentype$/];

/**
 * Step 1: open and check the file (zip limits, paths, DRM, container, OPF, spine). Enough to
 * know the title, so the caller can choose a slug before the chapters are rewritten with it.
 */
export async function openEpub(data: Buffer, limits: EpubLimits = DEFAULT_EPUB_LIMITS): Promise<OpenedEpub> {
  const archive = await openArchive(data, limits);
  const obfuscated = await checkEncryption(archive);
  const book = await readPackage(archive, await findPackagePath(archive));
  const assetPaths = new Map<string, string>();
  for (const item of book.manifest.values()) {
    if (ASSET_TYPES.some((t) => t.test(item.mediaType)) && archive.has(item.path) && !obfuscated.has(item.path)) {
      assetPaths.set(item.path, item.mediaType);
    }
  }
  return { archive, book, assetPaths, limits };
}

/**
 * Step 2: table of contents, sanitized chapters with Folio URLs, assets. The chapters are
 * sanitized in a worker thread under the nesting, time and memory limits (clean-chapters.ts).
 */
export async function extractEpub(opened: OpenedEpub, options: { slug: string; version: string }): Promise<ParsedEpub> {
  const { archive, book, assetPaths, limits } = opened;
  const toc = await readToc(archive, book);
  const startChapter = await readStartChapter(archive, book);
  // A chapter's title is its first TOC entry, preferring one that points at the file, not a #fragment.
  const tocTitles = new Map<number, { title: string; exact: boolean }>();
  for (const e of flattenToc(toc)) {
    const seen = tocTitles.get(e.chapterIndex);
    if (!seen || (!seen.exact && !e.fragment)) tocTitles.set(e.chapterIndex, { title: e.title, exact: !e.fragment });
  }
  const raw: RawChapter[] = [];
  for (const [index, path] of book.spine.entries()) raw.push({ index, path, xhtml: await archive.readText(path) });
  const cleaned = await cleanChapters({
    chapters: raw,
    slug: options.slug,
    version: options.version,
    spine: book.spine,
    assets: [...assetPaths.keys()],
    limits,
  });
  const chapters: ParsedChapter[] = cleaned.map((clean) => {
    const title = tocTitles.get(clean.index)?.title ?? clean.heading ?? `Section ${clean.index + 1}`;
    return { index: clean.index, href: book.spine[clean.index]!, title: title.slice(0, 300), html: clean.html, wordCount: clean.wordCount };
  });

  const parsedAssets: ParsedAsset[] = [];
  for (const [path, mediaType] of assetPaths) parsedAssets.push({ path, mediaType, data: await archive.readBytes(path) });

  return {
    metadata: book.metadata,
    coverPath: book.coverPath && assetPaths.has(book.coverPath) ? book.coverPath : null,
    toc,
    startChapter,
    chapters,
    assets: parsedAssets,
    wordCount: chapters.reduce((sum, c) => sum + c.wordCount, 0),
  };
}

/** Both steps, for callers that already know the slug (tests, previews). */
export async function parseEpub(data: Buffer, options: { slug: string; version?: string; limits?: EpubLimits }): Promise<ParsedEpub> {
  return extractEpub(await openEpub(data, options.limits), { slug: options.slug, version: options.version ?? "1" });
}
