import { openArchive, type EpubArchive } from "@/lib/publications/epub/archive";
import { findPackagePath } from "@/lib/publications/epub/container";
import { checkEncryption } from "@/lib/publications/epub/drm";
import { DEFAULT_EPUB_LIMITS, type EpubLimits } from "@/lib/publications/epub/limits";
import { readPackage, type BookPackage } from "@/lib/publications/epub/opf";
import { countWords, sanitizeChapter } from "@/lib/publications/epub/sanitize";
import { flattenToc, readStartChapter, readToc, type TocEntry } from "@/lib/publications/epub/toc";

export type { TocEntry } from "@/lib/publications/epub/toc";

export type OpenedEpub = { archive: EpubArchive; book: BookPackage; assetPaths: Map<string, string> };

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
  return { archive, book, assetPaths };
}

/** Step 2: table of contents, sanitized chapters with Folio URLs, assets. */
export async function extractEpub(opened: OpenedEpub, options: { slug: string; version: string }): Promise<ParsedEpub> {
  const { archive, book, assetPaths } = opened;
  const toc = await readToc(archive, book);
  const startChapter = await readStartChapter(archive, book);
  const spineIndex = new Map(book.spine.map((path, i) => [path, i]));
  // A chapter's title is its first TOC entry, preferring one that points at the file, not a #fragment.
  const tocTitles = new Map<number, { title: string; exact: boolean }>();
  for (const e of flattenToc(toc)) {
    const seen = tocTitles.get(e.chapterIndex);
    if (!seen || (!seen.exact && !e.fragment)) tocTitles.set(e.chapterIndex, { title: e.title, exact: !e.fragment });
  }
  const assets = new Set(assetPaths.keys());

  const chapters: ParsedChapter[] = [];
  for (const [index, path] of book.spine.entries()) {
    const clean = sanitizeChapter(await archive.readText(path), { slug: options.slug, chapterPath: path, spineIndex, assets, version: options.version });
    const title = tocTitles.get(index)?.title ?? clean.heading ?? `Section ${index + 1}`;
    chapters.push({ index, href: path, title: title.slice(0, 300), html: clean.html, wordCount: countWords(clean.text) });
  }

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
