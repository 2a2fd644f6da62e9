// The worker thread that reads an uploaded PDF (docs/decisions/0026), so that a hostile or merely
// huge file never blocks the server's event loop. lib/publications/pdf/parse-pdf.ts starts it with
// a wall-clock and heap limit and stops it past them. Plain JavaScript importing only npm packages
// and its neighbours, so Node runs it as it is under Vitest, `next dev` and the production build.
//
// pdf.js runs here with everything that could execute something from the file turned off:
// no eval (its font compiler builds functions from the file's glyph programs), no font-face, no
// XFA, and its scripting sandbox is never loaded, so the file's JavaScript is never run.
// `pdfjs-dist-node` is pdfjs-dist 5.6, the last release that runs on Node 20 (package.json aliases
// it); the browser reader loads the current pdfjs-dist, which needs Node 22 only to run in Node.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { createCanvas } from "@napi-rs/canvas";
import { getDocument } from "pdfjs-dist-node/legacy/build/pdf.mjs";
import { cleanText, pageHtml } from "./page-text.mjs";

/** @type {{ path: string; fileName: string | null; root: string; limits: import("./limits").PdfLimits }} */
const { path, root, limits } = workerData;
const pdfjsDir = join(root, "node_modules", "pdfjs-dist-node");

const post = (message, transfer) => parentPort.postMessage(message, transfer);
const refuse = (reason, detail = {}) => post({ type: "refused", reason, ...detail });

const MAX_IMAGE_PIXELS = 40_000_000;

async function main() {
  const bytes = await readFile(path);
  const head = bytes.subarray(0, 1024);
  if (head.indexOf("%PDF-", 0, "latin1") === -1) return refuse("not-pdf");
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const size = bytes.byteLength;

  let doc;
  try {
    doc = await getDocument({
      data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      stopAtErrors: false,
      maxImageSize: MAX_IMAGE_PIXELS,
      canvasMaxAreaInBytes: MAX_IMAGE_PIXELS * 4,
      verbosity: 0,
      cMapUrl: join(pdfjsDir, "cmaps") + "/",
      cMapPacked: true,
      standardFontDataUrl: join(pdfjsDir, "standard_fonts") + "/",
      wasmUrl: join(pdfjsDir, "wasm") + "/",
      iccUrl: join(pdfjsDir, "iccs") + "/",
    }).promise;
  } catch (error) {
    if (error?.name === "PasswordException") return refuse("password");
    return refuse("damaged", { detail: String(error?.message ?? error).slice(0, 200) });
  }

  const { info, metadata } = await doc.getMetadata().catch(() => ({ info: {}, metadata: null }));
  // A file that opens without a password but is encrypted carries its owner's restrictions
  // (no copying, no printing), which Folio's reader could not honour.
  if (info?.EncryptFilterName) return refuse("encrypted");
  const pageCount = doc.numPages;
  if (!Number.isInteger(pageCount) || pageCount < 1) return refuse("damaged", { detail: "no pages" });
  if (pageCount > limits.maxPages) return refuse("too-many-pages", { pageCount });

  // XMP lists (rdf:Alt, Seq, Bag) come as arrays: a title's first alternative, every creator.
  const xmp = (name, list = "first") => {
    try {
      const value = metadata?.get(name);
      if (typeof value === "string") return value;
      if (!Array.isArray(value)) return null;
      return list === "first" ? (value[0] ?? null) : value.filter(Boolean).join(" & ");
    } catch {
      return null;
    }
  };
  const text = (value, max) => (typeof value === "string" ? cleanText(value).trim().slice(0, max) : "") || null;
  post({
    type: "meta",
    sha256,
    size,
    pageCount,
    // The Info dictionary first: pdf.js gives an XMP title in several languages as one run of text.
    title: text(info?.Title, 500) ?? text(xmp("dc:title"), 500),
    author: text(info?.Author, 300) ?? text(xmp("dc:creator", "all"), 300),
    description: text(info?.Subject, 5000) ?? text(xmp("dc:description"), 5000),
    language: text(info?.Language, 35),
    outline: await readOutline(doc),
  });

  let totalChars = 0;
  for (let number = 1; number <= pageCount; number++) {
    let page;
    try {
      page = await doc.getPage(number);
    } catch (error) {
      return refuse("damaged", { detail: `page ${number}: ${String(error?.message ?? error).slice(0, 160)}` });
    }
    const content = await page.getTextContent().catch(() => ({ items: [] }));
    const { html, wordCount } = pageHtml(content.items, limits.maxPageChars);
    totalChars += html.length;
    if (totalChars > limits.maxTotalChars) return refuse("too-much-text", { pageCount: number });
    post({ type: "page", index: number - 1, html, wordCount });
    if (number === 1) await renderCover(page);
    page.cleanup();
  }
  await doc.destroy();
  post({ type: "done" });
}

/** The outline with each entry's destination resolved to a 0-based page index (entries without one take their first child's). */
async function readOutline(doc) {
  let items;
  try {
    items = await doc.getOutline();
  } catch {
    return [];
  }
  let budget = limits.maxOutlineEntries;
  const pageOf = async (dest) => {
    try {
      const explicit = typeof dest === "string" ? await doc.getDestination(dest) : dest;
      if (!Array.isArray(explicit) || explicit.length === 0) return null;
      const [target] = explicit;
      const index = Number.isInteger(target) ? target : target && typeof target === "object" ? await doc.getPageIndex(target) : null;
      return Number.isInteger(index) && index >= 0 && index < doc.numPages ? index : null;
    } catch {
      return null;
    }
  };
  const walk = async (list, depth) => {
    const entries = [];
    for (const item of Array.isArray(list) ? list : []) {
      if (budget <= 0) break;
      budget--;
      const children = depth < limits.maxOutlineDepth ? await walk(item.items, depth + 1) : [];
      const page = item.dest ? await pageOf(item.dest) : null;
      const chapterIndex = page ?? children[0]?.chapterIndex ?? null;
      const title = typeof item.title === "string" ? cleanText(item.title).trim().slice(0, 300) : "";
      if (chapterIndex === null || !title) {
        entries.push(...children);
        continue;
      }
      entries.push(children.length ? { title, chapterIndex, children } : { title, chapterIndex });
    }
    return entries;
  };
  return walk(items, 1);
}

/** Page 1 drawn `coverWidth` pixels wide (at most twice as tall), as WebP; no cover if it cannot be drawn. */
async function renderCover(page) {
  try {
    const base = page.getViewport({ scale: 1 });
    if (!(base.width > 0 && base.height > 0)) return;
    const scale = Math.min(limits.coverWidth / base.width, (limits.coverWidth * 2) / base.height);
    const viewport = page.getViewport({ scale });
    const canvas = createCanvas(Math.max(1, Math.floor(viewport.width)), Math.max(1, Math.floor(viewport.height)));
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas, canvasContext: context, viewport, background: "#ffffff" }).promise;
    const image = await canvas.encode("webp", 82);
    const data = Uint8Array.from(image);
    post({ type: "cover", mediaType: "image/webp", data }, [data.buffer]);
  } catch {
    post({ type: "cover", mediaType: null, data: null });
  }
}

main().catch((error) => post({ type: "failed", message: String(error?.stack ?? error).slice(0, 2000) }));
