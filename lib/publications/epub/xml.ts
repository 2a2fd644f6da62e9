import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "@/lib/errors";
import { DEFAULT_EPUB_LIMITS } from "@/lib/publications/epub/limits";
import { nestingDepth } from "@/lib/publications/epub/sanitize";

/** A node of fast-xml-parser's order-preserving output: { tag: children[], ":@": attributes }. */
export type XmlNode = Record<string, unknown>;

const ATTRS = ":@";
const MAX_NESTING = DEFAULT_EPUB_LIMITS.maxNesting;

const ordered = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  processEntities: true,
  // Our own scan below refuses deeper files first, with a message that says so.
  maxNestedTags: MAX_NESTING + 1,
});

// A document type declaration with an internal subset: where entities (external ones, or the
// "billion laughs" kind) are declared. Package documents never need one; a plain
// <!DOCTYPE ncx PUBLIC "…" "…"> without brackets stays accepted.
const INTERNAL_SUBSET = /<!DOCTYPE[^>[]*\[/i;

/**
 * Parses XML into ordered nodes; a file that is not well-formed, declares entities or nests
 * absurdly deep refuses the book with `what` named (a 422 the uploader can act on, never a 500).
 */
export function parseXml(text: string, what: string): XmlNode[] {
  const refuse = (reason: string) => new AppError("BAD_INPUT", `The ${what} in this EPUB ${reason}, so it was not accepted.`);
  if (INTERNAL_SUBSET.test(text) || /<!ENTITY/i.test(text)) {
    throw refuse("declares its own entities (<!DOCTYPE … [ <!ENTITY …> ]>), which EPUB files do not need and Folio does not read");
  }
  if (nestingDepth(text, MAX_NESTING) > MAX_NESTING) throw refuse(`is nested too deeply (more than ${MAX_NESTING} elements inside one another)`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new AppError("BAD_INPUT", `The ${what} in this EPUB is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  }
  try {
    return ordered.parse(text) as XmlNode[];
  } catch (error) {
    throw new AppError("BAD_INPUT", `The ${what} in this EPUB could not be read (${error instanceof Error ? error.message.slice(0, 200) : "unknown error"}).`, {
      cause: error,
    });
  }
}

/** The element name without its namespace prefix ("dc:title" → "title"). */
export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

export function tagOf(node: XmlNode): string | null {
  const key = Object.keys(node).find((k) => k !== ATTRS);
  return key && key !== "#text" && key !== "#comment" && key !== "?xml" ? key : null;
}

export function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  const value = tag ? node[tag] : undefined;
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/** Attribute by local name, so "epub:type" and "opf:role" are found as "type" and "role". */
export function attr(node: XmlNode, name: string): string | undefined {
  const attrs = node[ATTRS] as Record<string, string> | undefined;
  if (!attrs) return undefined;
  if (name in attrs) return attrs[name];
  const key = Object.keys(attrs).find((k) => localName(k) === name);
  return key === undefined ? undefined : attrs[key];
}

/** Child elements with the given local name. */
export function elements(nodes: XmlNode[], name: string): XmlNode[] {
  return nodes.filter((n) => {
    const tag = tagOf(n);
    return tag !== null && localName(tag) === name;
  });
}

/** Depth-first search for the first element with the given local name. */
export function findFirst(nodes: XmlNode[], name: string, where?: (n: XmlNode) => boolean): XmlNode | null {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === null) continue;
    if (localName(tag) === name && (!where || where(node))) return node;
    const deeper = findFirst(childrenOf(node), name, where);
    if (deeper) return deeper;
  }
  return null;
}

/** The text content of nodes, whitespace collapsed. */
export function textOf(nodes: XmlNode[]): string {
  let out = "";
  const walk = (list: XmlNode[]) => {
    for (const node of list) {
      if ("#text" in node) out += String(node["#text"]);
      else walk(childrenOf(node));
    }
  };
  walk(nodes);
  return out.replace(/\s+/g, " ").trim();
}
