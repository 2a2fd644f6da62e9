import { AppError } from "@/lib/errors";
import type { EpubArchive } from "@/lib/publications/epub/archive";
import { resolveHref } from "@/lib/publications/epub/paths";
import { attr, elements, childrenOf, findFirst, parseXml, type XmlNode } from "@/lib/publications/epub/xml";

// Font obfuscation (IDPF and Adobe) is not DRM: the text stays readable, only fonts are mangled.
const FONT_OBFUSCATION = new Set(["http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"]);

const drm = () =>
  new AppError("BAD_INPUT", "This EPUB is encrypted (DRM-protected), so Folio cannot show it. Upload a DRM-free edition.");

/**
 * Refuses DRM-protected books. Returns the zip paths of obfuscated fonts, which are not stored
 * (served as they are, they would be garbage).
 */
export async function checkEncryption(archive: EpubArchive): Promise<Set<string>> {
  if (archive.has("META-INF/rights.xml")) throw drm();
  const obfuscated = new Set<string>();
  if (!archive.has("META-INF/encryption.xml")) return obfuscated;
  const root = parseXml(await archive.readText("META-INF/encryption.xml"), "encryption declaration");
  const encryption = findFirst(root, "encryption");
  const items: XmlNode[] = encryption ? elements(childrenOf(encryption), "EncryptedData") : [];
  for (const item of items) {
    const method = findFirst(childrenOf(item), "EncryptionMethod");
    const reference = findFirst(childrenOf(item), "CipherReference");
    const algorithm = method ? attr(method, "Algorithm") : undefined;
    const uri = reference ? attr(reference, "URI") : undefined;
    if (!algorithm || !FONT_OBFUSCATION.has(algorithm) || !uri) throw drm();
    const target = resolveHref("", uri);
    if (!target) throw drm();
    obfuscated.add(target.path);
  }
  return obfuscated;
}
