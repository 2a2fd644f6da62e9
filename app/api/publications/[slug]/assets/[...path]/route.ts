import { z } from "zod";
import { handleRoute, readParams } from "@/lib/http/handle-route";
import { assetHeaders } from "@/lib/publications/asset-headers";
import { getAssetForReader } from "@/lib/publications/content";
import { currentViewer } from "@/lib/publications/viewer";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80), path: z.array(z.string().min(1)).min(1).max(30) });

/** An image, stylesheet or font from a book, for readers with access. URLs carry ?v=<file hash>, so they cache for long. */
export const GET = handleRoute<{ slug: string; path: string[] }>(async (_request, context) => {
  const { slug, path } = await readParams(context, params);
  const asset = await getAssetForReader({ ...(await currentViewer()), slug, path: path.join("/") });
  return new Response(new Uint8Array(asset.data), { headers: assetHeaders(asset.mediaType, "private, max-age=31536000, immutable") });
});
