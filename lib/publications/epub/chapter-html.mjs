// What Folio does to a chapter's markup, in plain JavaScript on purpose: the chapter worker
// (chapter-worker.mjs) runs this file as it is, in `next dev`, in the production build and under
// Vitest alike, and the rest of the code imports the same file (docs/decisions/0018).
// Types: chapter-html.d.mts.
import sanitizeHtml from "sanitize-html";
import { assetUrl, bookElementId, dirname, isExternalUrl, readerUrl, resolveHref } from "./book-links.mjs";

const TAGS = [
  ...sanitizeHtml.defaults.allowedTags.filter((t) => t !== "iframe"),
  "img", "figure", "figcaption", "section", "article", "aside", "header", "footer", "hgroup", "nav",
  "h1", "h2", "h3", "h4", "h5", "h6", "span", "div", "sup", "sub", "small", "abbr", "cite",
  "ruby", "rt", "rp", "time", "del", "ins", "dfn", "kbd", "samp", "var", "mark", "bdi", "bdo", "wbr",
];

const EXTERNAL = ["http", "https", "mailto"];

/** Book classes are kept (a book's own structure) but namespaced, so none can be one of Folio's. */
export const BOOK_CLASS_PREFIX = "bk-";

function rewriteLink(href, ctx) {
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

function rewriteImage(src, ctx) {
  if (!src || isExternalUrl(src.trim())) return null;
  const link = resolveHref(dirname(ctx.chapterPath), src);
  return link && ctx.assets.has(link.path) ? assetUrl(ctx.slug, link.path, ctx.version) : null;
}

/**
 * `class="fixed inset-0 z-50"` in a book would otherwise be Tailwind's classes on Folio's page:
 * every class becomes bk-<class>, and anything that is not a plain class name is dropped.
 */
function namespaceClasses(value) {
  const names = value.split(/\s+/).filter((name) => /^[A-Za-z0-9_-]{1,64}$/.test(name));
  return names.map((name) => BOOK_CLASS_PREFIX + name).join(" ");
}

/**
 * Turns a spine document into HTML that is safe to put in Folio's pages: body content only, no
 * scripts, handlers, embeds, forms, inline styles or external loads; links and images point at
 * Folio's own URLs (see docs/decisions on chapter URLs); classes and ids are namespaced.
 */
export function sanitizeChapter(xhtml, ctx) {
  let heading = null;
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
      // Runs after the two above, for every element.
      "*": (tagName, attribs) => {
        if (attribs.class === undefined && attribs.id === undefined) return { tagName, attribs };
        const { class: value, id, ...kept } = attribs;
        const namespaced = value === undefined ? "" : namespaceClasses(value);
        return { tagName, attribs: { ...kept, ...(id ? { id: bookElementId(id) } : {}), ...(namespaced ? { class: namespaced } : {}) } };
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
function unescapeText(text) {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
}

const BLOCKS = new Set([
  "p", "div", "section", "article", "aside", "header", "footer", "nav", "blockquote", "pre", "figure", "figcaption",
  "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "li", "dt", "dd", "tr", "td", "th", "br", "hr", "table", "ul", "ol", "dl",
]);

/** Plain text of already sanitized HTML, for word counts and search; block boundaries become spaces. */
export function htmlToText(html) {
  const parts = [];
  const boundary = (name) => {
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
export function countWords(text) {
  return text.match(WORD)?.length ?? 0;
}

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]);
// Their content is text to an HTML parser, not markup.
const RAW_TEXT = new Set(["script", "style", "textarea", "title", "xmp"]);
// An HTML parser closes an open one of these when another starts (<p>a<p>b).
const SELF_CLOSING_SIBLINGS = new Set(["p", "li", "dt", "dd", "tr", "td", "th", "option"]);

/**
 * How deep elements nest in HTML or XML text, counted up to `limit + 1` and no further: one pass
 * over the text, so it is cheap even for the hostile files it exists to catch (sanitize-html and
 * fast-xml-parser slow down, or overflow, on tens of thousands of nested elements). It counts
 * like a forgiving HTML parser: void elements, <x/>, comments, CDATA, declarations and raw text
 * do not nest, and a closing tag closes up to its matching open element.
 */
export function nestingDepth(text, limit) {
  const stack = [];
  let deepest = 0;
  let at = text.indexOf("<");
  while (at !== -1 && at < text.length) {
    if (text.startsWith("<!--", at)) {
      // "<!-->" and "<!--->" are whole (empty) comments to an HTML parser, not the start of one.
      const empty = text.startsWith(">", at + 4) ? at + 4 : text.startsWith("->", at + 4) ? at + 5 : -1;
      if (empty !== -1) {
        at = text.indexOf("<", empty + 1);
        continue;
      }
      const end = text.indexOf("-->", at + 4);
      at = end === -1 ? -1 : text.indexOf("<", end + 3);
      continue;
    }
    if (text.startsWith("<![CDATA[", at)) {
      const end = text.indexOf("]]>", at + 9);
      at = end === -1 ? -1 : text.indexOf("<", end + 3);
      continue;
    }
    const next = text.charCodeAt(at + 1);
    if (next === 33 /* ! */ || next === 63 /* ? */) {
      const end = text.indexOf(">", at + 2);
      at = end === -1 ? -1 : text.indexOf("<", end + 1);
      continue;
    }
    const closing = next === 47; /* / */
    const nameStart = closing ? at + 2 : at + 1;
    let nameEnd = nameStart;
    while (nameEnd < text.length && /[A-Za-z0-9:_.-]/.test(text[nameEnd])) nameEnd++;
    if (nameEnd === nameStart) {
      at = text.indexOf("<", at + 1);
      continue;
    }
    const name = text.slice(nameStart, nameEnd).toLowerCase();
    // The end of the tag, skipping quoted attribute values (they may hold ">"). As in the HTML
    // parser sanitize-html uses, a quote starts a value only right after "=" (spaces allowed):
    // in <b x'> or <b x=a'> it is part of a name or an unquoted value, and taking it as a quote
    // would hide everything up to the next one from the count.
    let end = nameEnd;
    let quote = 0;
    let state = 0; // 0: names, 1: after "=", 2: unquoted value
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      const space = c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 62 /* > */) break;
      else if (state === 0) {
        if (c === 61 /* = */) state = 1;
      } else if (state === 1) {
        if (c === 34 || c === 39) {
          quote = c;
          state = 0;
        } else if (!space) state = 2;
      } else if (space) state = 0;
    }
    if (end >= text.length) break;
    if (closing) {
      const open = stack.lastIndexOf(name);
      if (open !== -1) stack.length = open;
    } else if (text.charCodeAt(end - 1) !== 47 && !VOID.has(name)) {
      if (SELF_CLOSING_SIBLINGS.has(name) && stack[stack.length - 1] === name) stack.pop();
      stack.push(name);
      if (stack.length > deepest) {
        deepest = stack.length;
        if (deepest > limit) return deepest;
      }
      if (RAW_TEXT.has(name)) {
        const closer = new RegExp(`</${name}`, "gi");
        closer.lastIndex = end + 1;
        const close = closer.exec(text);
        if (!close) break;
        stack.pop();
        at = text.indexOf(">", close.index);
        at = at === -1 ? -1 : text.indexOf("<", at + 1);
        continue;
      }
    }
    at = text.indexOf("<", end + 1);
  }
  return deepest;
}
