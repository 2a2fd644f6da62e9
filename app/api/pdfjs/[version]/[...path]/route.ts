import { z } from "zod";
import { AppError } from "@/lib/errors";
import { handleRoute, readParams } from "@/lib/http/handle-route";
import { readPdfjsAsset } from "@/lib/publications/pdf-viewer/pdfjs-assets";

const params = z.object({ version: z.string().regex(/^\d+\.\d+\.\d+$/), path: z.array(z.string().min(1).max(80)).min(1).max(2) });

/**
 * pdf.js's worker and data files for the PDF reader (public library code, no book content). The
 * worker may compile the image decoders' WebAssembly but never evaluate strings as code.
 */
export const GET = handleRoute<{ version: string; path: string[] }>(async (_request, context) => {
  const { version, path } = await readParams(context, params);
  const asset = await readPdfjsAsset(version, path.join("/"));
  if (!asset) throw new AppError("NOT_FOUND", "There is nothing at this address.");
  return new Response(new Uint8Array(asset.data), {
    headers: {
      "content-type": asset.type,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'",
    },
  });
});
