import { z } from "zod";
import { handleRoute, readParams } from "@/lib/http/handle-route";
import { assetHeaders } from "@/lib/publications/asset-headers";
import { getCoverThumbnail } from "@/lib/publications/covers/serve";
import { currentViewer } from "@/lib/publications/viewer";

export const dynamic = "force-dynamic";

const params = z.object({ slug: z.string().min(1).max(80), file: z.string().min(1).max(64) });

/** A cover thumbnail, `<hash>-<width>.<webp|jpg>`: content-addressed, so cached for a year when public. */
export const GET = handleRoute<{ slug: string; file: string }>(async (_request, context) => {
  const { slug, file } = await readParams(context, params);
  const viewer = await currentViewer();
  const thumb = await getCoverThumbnail({ slug, file, isAdmin: !!viewer.isAdmin });
  const headers = assetHeaders(thumb.mediaType, thumb.cacheControl);
  headers.set("content-length", String(thumb.size));
  return new Response(thumb.body, { headers });
});
