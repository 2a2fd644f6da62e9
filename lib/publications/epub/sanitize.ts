import sanitizeHtml from "sanitize-html";
import { dirname, isExternalUrl, resolveHref } from "@/lib/publications/epub/paths";
import { assetUrl, readerUrl } from "@/lib/publications/urls";

export type LinkContext = {
  slug: string;
  /** Zip path of the chapter being cleaned. */
  chapterPath: string;
  /** Zip path → 0-based spine index. */
  spineIndex: Map<string, number>;
  /** Zip paths of the assets Folio stores and serves. */
  assets: Set<string>;
  /** Cache-busting version appended to asset URLs. */
  version: string;
};

const TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== "iframe"),
  "img", "figure", "figcaption", "section", "article", "aside", "header", "footer", "hgroup", "nav",
  "h1", "h2", "h3", "h4", "h5", "h6", "span", "div", "sup", "sub", "small", "abbr", "cite",
  "ruby", "rt", "rp", "time", "del", "ins", "dfn", "kbd", "samp", "var", "mark", "bdi", "bdo", "wbr",
];

const EXTERNAL = ["http", "https", "mailto"];

function rewriteLink(href: string | undefined, ctx: LinkContext): Record<string, string> {
  if (!href) return {};
  const value = href.trim();
  if (value.startsWith("//")) return {};
  if (isExternalUrl(value)) {
    const scheme = value.slice(0, value.indexOf(":")).toLowerCase();
    return EXTERNAL.includes(scheme) ? { href: value, rel: "noopener noreferrer", target: "_blank" } : {};
  }
  const link = resolveHref(dirname(ctx.chapterPath), value);
  if (!link) return {};
  if (!link.path || link.path === ctx.chapterPath) return link.fragment ? { href: `#${encodeURIComponent(link.fragment)}` } : {};
  const index = ctx.spineIndex.get(link.path);
  if (index !== undefined) return { href: readerUrl(ctx.slug, index, link.fragment) };
  if (ctx.assets.has(link.path)) return { href: assetUrl(ctx.slug, link.path, ctx.version) };
  return {};
}

function rewriteImage(src: string | undefined, ctx: LinkContext): string | null {
  if (!src || isExternalUrl(src.trim())) return null;
  const link = resolveHref(dirname(ctx.chapterPath), src);
  return link && ctx.assets.has(link.path) ? assetUrl(ctx.slug, link.path, ctx.version) : null;
}

export type CleanChapter = { html: string; text: string; heading: string | null };

/**
 * Turns a spine document into HTML that is safe to put in Folio's pages: body content only, no
 * scripts, handlers, embeds, forms, inline styles or external loads; links and images point at
 * Folio's own URLs (see docs/decisions on chapter URLs).
 */
export function sanitizeChapter(xhtml: string, ctx: LinkContext): CleanChapter {
  let heading = null as string | null;
  const html = sanitizeHtml(xhtml, {
    allowedTags: TAGS,
    allowedAttributes: {
      "*": ["id", "class", "lang", "dir", "title", "role", "epub:type", "aria-label", "aria-hidden"],
      a: ["href", "rel", "target"],
      img: ["src", "alt", "width", "height"],
      ol: ["start", "reversed", "type"],
      li: ["value"],
      td: ["colspan", "rowspan"],
      th: ["colspan", "rowspan", "scope"],
      time: ["datetime"],
    },
    allowedSchemes: EXTERNAL,
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    disallowedTagsMode: "discard",
    nonTextTags: ["script", "style", "textarea", "option", "xmp", "title", "noscript", "svg", "math", "iframe", "object", "embed", "template", "select", "button"],
    parser: { recognizeSelfClosing: true, lowerCaseAttributeNames: false },
    parseStyleAttributes: false,
    transformTags: {
      a: (tagName, attribs) => {
        const { href, ...rest } = attribs;
        const { rel: _r, target: _t, ...kept } = rest;
        return { tagName, attribs: { ...kept, ...rewriteLink(href, ctx) } };
      },
      img: (tagName, attribs) => {
        const src = rewriteImage(attribs.src, ctx);
        const { src: _s, srcset: _ss, ...kept } = attribs;
        return { tagName, attribs: src ? { ...kept, src } : kept };
      },
    },
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
    textFilter: (text, tagName) => {
      if (heading === null && /^h[1-6]$/.test(tagName) && text.trim()) heading = unescapeText(text).replace(/\s+/g, " ").trim();
      return text;
    },
  });
  return { html: html.trim(), text: htmlToText(html), heading };
}

// sanitize-html escapes exactly these when it writes text.
function unescapeText(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
}

const BLOCKS = new Set([
  "p", "div", "section", "article", "aside", "header", "footer", "nav", "blockquote", "pre", "figure", "figcaption",
  "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "li", "dt", "dd", "tr", "td", "th", "br", "hr", "table", "ul", "ol", "dl",
]);

/** Plain text of already sanitized HTML, for word counts and search; block boundaries become spaces. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  const boundary = (name: string) => {
    if (BLOCKS.has(name)) parts.push(" ");
  };
  sanitizeHtml(html, {
    // Only the text is kept (the output is thrown away), so allowing every tag is safe here.
    allowedTags: false,
    allowVulnerableTags: true,
    allowedAttributes: {},
    onOpenTag: boundary,
    onCloseTag: boundary,
    textFilter: (text) => {
      parts.push(unescapeText(text));
      return text;
    },
  });
  return parts.join("");
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Letter/digit tokens, apostrophes kept inside words ("don’t" is one word). */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}
