import { AppError } from "@/lib/errors";
import { readCatalogMetadata, type CatalogMetadata } from "@/lib/publications/epub/catalog-metadata";
import type { EpubArchive } from "@/lib/publications/epub/archive";
import { dirname, requireBookPath } from "@/lib/publications/epub/paths";
import { DEFAULT_EPUB_LIMITS } from "@/lib/publications/epub/limits";
import { htmlToText, nestingDepth } from "@/lib/publications/epub/sanitize";
import { attr, childrenOf, elements, findFirst, parseXml, textOf, type XmlNode } from "@/lib/publications/epub/xml";

export type ManifestItem = { id: string; path: string; mediaType: string; properties: string[] };

export type BookPackage = {
  opfPath: string;
  metadata: { title: string; author: string; language: string | null; description: string | null } & CatalogMetadata;
  manifest: Map<string, ManifestItem>;
  /** Zip paths of the spine documents, in reading order. */
  spine: string[];
  navPath: string | null;
  ncxPath: string | null;
  coverPath: string | null;
};

const bad = (message: string) => new AppError("BAD_INPUT", message);

// The media type is later sent as a Content-Type header: anything odd becomes opaque bytes.
function mediaTypeOf(value: string | undefined): string {
  const type = (value ?? "").trim().toLowerCase();
  return /^[a-z0-9][a-z0-9.+-]*\/[a-z0-9][a-z0-9.+-]*$/.test(type) ? type : "application/octet-stream";
}

// This runs on the request thread: markup nested too deeply to parse cheaply loses its tags
// the crude way instead of reaching sanitize-html (docs/decisions/0018).
function descriptionText(raw: string): string {
  const max = DEFAULT_EPUB_LIMITS.maxNesting;
  return nestingDepth(raw, max) > max ? raw.replace(/<[^>]*>/g, " ") : htmlToText(raw);
}

function readMetadata(metadata: XmlNode[]): BookPackage["metadata"] {
  const metas = elements(metadata, "meta");
  // EPUB 3 refines elements with <meta refines="#id" property="…">; EPUB 2 uses opf: attributes.
  const refined = (node: XmlNode, property: string) => {
    const id = attr(node, "id");
    const meta = id ? metas.find((m) => attr(m, "refines") === `#${id}` && attr(m, "property") === property) : undefined;
    return meta ? textOf([meta]) : undefined;
  };
  const titles = elements(metadata, "title");
  const title = textOf([titles.find((t) => refined(t, "title-type") === "main") ?? titles[0] ?? {}]);
  const creators = elements(metadata, "creator").filter((c) => (attr(c, "role") ?? refined(c, "role") ?? "aut") === "aut");
  const authors = (creators.length ? creators : elements(metadata, "creator")).map((c) => textOf([c])).filter(Boolean);
  const language = elements(metadata, "language").map((l) => textOf([l]))[0] || null;
  // Descriptions often carry escaped HTML (Standard Ebooks does this): keep the words only.
  const rawDescription = elements(metadata, "description").map((d) => textOf([d]))[0];
  const description = rawDescription ? descriptionText(rawDescription).replace(/\s+/g, " ").trim().slice(0, 5000) || null : null;
  if (!title) throw bad("This EPUB has no title in its package document (dc:title).");
  return {
    title: title.slice(0, 300),
    author: (authors.join(" & ") || "Unknown author").slice(0, 300),
    language: language ? language.trim().slice(0, 35) : null,
    description,
    ...readCatalogMetadata(metadata),
  };
}

/** Reads the OPF: metadata, manifest (paths resolved inside the book), spine, navigation and cover. */
export async function readPackage(archive: EpubArchive, opfPath: string): Promise<BookPackage> {
  const root = parseXml(await archive.readText(opfPath), "package document (OPF)");
  const pkg = findFirst(root, "package");
  if (!pkg) throw bad("This EPUB's package document has no <package> element.");
  const sections = childrenOf(pkg);
  const metadataNode = elements(sections, "metadata")[0];
  const manifestNode = elements(sections, "manifest")[0];
  const spineNode = elements(sections, "spine")[0];
  if (!metadataNode || !manifestNode || !spineNode) throw bad("This EPUB's package document lacks its metadata, manifest or spine.");

  const base = dirname(opfPath);
  const manifest = new Map<string, ManifestItem>();
  for (const item of elements(childrenOf(manifestNode), "item")) {
    const id = attr(item, "id");
    const href = attr(item, "href");
    if (!id || !href) continue;
    manifest.set(id, {
      id,
      path: requireBookPath(base, href, "a file"),
      mediaType: mediaTypeOf(attr(item, "media-type")),
      properties: (attr(item, "properties") ?? "").split(/\s+/).filter(Boolean),
    });
  }

  const spine: string[] = [];
  for (const ref of elements(childrenOf(spineNode), "itemref")) {
    const item = manifest.get(attr(ref, "idref") ?? "");
    if (!item) throw bad(`This EPUB's spine lists "${attr(ref, "idref") ?? ""}", which its manifest does not have.`);
    if (!archive.has(item.path)) throw bad(`This EPUB's spine lists "${item.path.slice(0, 120)}", which is missing from the file.`);
    spine.push(item.path);
  }
  if (!spine.length) throw bad("This EPUB has an empty spine: there is nothing to read.");

  const items = [...manifest.values()];
  const nav = items.find((i) => i.properties.includes("nav"));
  const ncx = manifest.get(attr(spineNode, "toc") ?? "") ?? items.find((i) => i.mediaType === "application/x-dtbncx+xml");
  const metadata = childrenOf(metadataNode);
  const coverMeta = elements(metadata, "meta").find((m) => attr(m, "name") === "cover");
  const cover =
    items.find((i) => i.properties.includes("cover-image")) ??
    manifest.get(coverMeta ? (attr(coverMeta, "content") ?? "") : "") ??
    items.find((i) => /^cover(-image)?$/i.test(i.id) && i.mediaType.startsWith("image/"));

  return {
    opfPath,
    metadata: readMetadata(metadata),
    manifest,
    spine,
    navPath: nav && archive.has(nav.path) ? nav.path : null,
    ncxPath: ncx && archive.has(ncx.path) ? ncx.path : null,
    coverPath: cover && cover.mediaType.startsWith("image/") && archive.has(cover.path) ? cover.path : null,
  };
}
