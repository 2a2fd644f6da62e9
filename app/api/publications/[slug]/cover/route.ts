import { z } from "zod";
import { handleRoute, readParams } from "@/lib/http/handle-route";
import { assetHeaders } from "@/lib/publications/asset-headers";
import { getCover } from "@/lib/publications/content";
import { currentViewer } from "@/lib/publications/viewer";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80) });

/** The cover image. Public for published books (the catalog shows it); administrators also see unpublished ones. */
export const GET = handleRoute<{ slug: string }>(async (_request, context) => {
  const { slug } = await readParams(context, params);
  const viewer = await currentViewer();
  const cover = await getCover({ slug, isAdmin: viewer.isAdmin });
  const cache = viewer.isAdmin ? "private, no-cache" : "public, max-age=3600, stale-while-revalidate=86400";
  return new Response(new Uint8Array(cover.data), { headers: assetHeaders(cover.mediaType, cache) });
});
