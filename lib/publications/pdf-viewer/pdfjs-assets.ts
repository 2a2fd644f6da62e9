import "server-only";
import { readFile } from "node:fs/promises";
import { join } from "node:path";

// The files the PDF reader's pdf.js needs besides its main module, served from Folio itself (no
// CDN): the worker, the standard font data, CMaps and the image decoders. Only names on these
// lists are served; the scripting sandbox (quickjs) is deliberately not among them.

const ROOT = join(process.cwd(), "node_modules", "pdfjs-dist");

const ALLOWED: { pattern: RegExp; dir: string; type: string }[] = [
  { pattern: /^pdf\.worker\.min\.mjs$/, dir: "legacy/build", type: "text/javascript; charset=utf-8" },
  { pattern: /^standard_fonts\/[A-Za-z0-9_-]{1,64}\.(pfb|ttf)$/, dir: "", type: "application/octet-stream" },
  { pattern: /^cmaps\/[A-Za-z0-9_.-]{1,64}\.bcmap$/, dir: "", type: "application/octet-stream" },
  { pattern: /^wasm\/(jbig2|openjpeg|qcms_bg)\.wasm$/, dir: "", type: "application/wasm" },
  { pattern: /^wasm\/(jbig2|openjpeg)_nowasm_fallback\.js$/, dir: "", type: "text/javascript; charset=utf-8" },
];

let installed: string | undefined;

/** The installed pdfjs-dist version: asset URLs carry it, so they can be cached for good. */
export async function pdfjsVersion(): Promise<string> {
  installed ??= (JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
  return installed;
}

/** The file for an allowed path of the installed version, or null. */
export async function readPdfjsAsset(version: string, path: string): Promise<{ data: Buffer; type: string } | null> {
  if (version !== (await pdfjsVersion())) return null;
  const entry = ALLOWED.find((a) => a.pattern.test(path));
  if (!entry) return null;
  try {
    return { data: await readFile(join(ROOT, entry.dir, path)), type: entry.type };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
