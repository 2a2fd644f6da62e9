import { XMLParser, XMLValidator } from "fast-xml-parser";
import { AppError } from "@/lib/errors";

/** A node of fast-xml-parser's order-preserving output: { tag: children[], ":@": attributes }. */
export type XmlNode = Record<string, unknown>;

const ATTRS = ":@";

const ordered = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  htmlEntities: true,
  processEntities: true,
});

/** Parses XML into ordered nodes; a file that is not well-formed refuses the book with `what` named. */
export function parseXml(text: string, what: string): XmlNode[] {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new AppError("BAD_INPUT", `The ${what} in this EPUB is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}).`);
  }
  return ordered.parse(text) as XmlNode[];
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
