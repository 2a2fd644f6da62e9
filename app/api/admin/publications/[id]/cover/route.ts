import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { readBodyBytes, mediaTypeOf } from "@/lib/http/body";
import { handleRoute, json, readParams } from "@/lib/http/handle-route";
import { replaceCover } from "@/lib/publications/covers/store";
import { MAX_COVER_BYTES } from "@/lib/publications/covers/thumbnails";
import { refreshCatalog } from "@/lib/publications/refresh-catalog";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(64) });

/**
 * POST the new cover image as the body (the Control Panel's cover form). The administrator is
 * checked before the body is read; the body is capped; the image's type is read from its bytes.
 */
export const POST = handleRoute<{ id: string }>(async (request, context) => {
  await requireAdmin();
  const { id } = await readParams(context, params);
  const type = mediaTypeOf(request.headers) ?? "";
  if (!type.startsWith("image/") && type !== "application/octet-stream") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the image itself as the request body (Content-Type: image/…).");
  }
  let image: Uint8Array;
  try {
    image = await readBodyBytes(request, MAX_COVER_BYTES);
  } catch (error) {
    if ((error as { code?: string }).code === "PAYLOAD_TOO_LARGE") {
      const message = `A cover image may be at most ${MAX_COVER_BYTES / 1024 / 1024} MB.`;
      throw new AppError("PAYLOAD_TOO_LARGE", message, { fields: { cover: message } });
    }
    throw error;
  }
  const cover = await replaceCover({ publicationId: id, image });
  revalidatePath(`/admin/publications/${id}`);
  refreshCatalog();
  return json({ hash: cover.hash, color: cover.color });
});
