import { z } from "zod";
import { handleRoute, json, readParams } from "@/lib/http/handle-route";
import { getCanvasConfiguration } from "@/lib/lti/canvas-config";

export const dynamic = "force-dynamic";

const params = z.object({ file: z.string().regex(/^[a-z0-9]{1,40}\.json$/) });

/**
 * An LTI 1.3 integration's Canvas developer-key JSON. No sign-in: Canvas's "Enter URL" fetches
 * it server to server, and it holds only the public URLs the integration page shows anyway
 * (docs/decisions/0021-canvas-configuration-is-public.md).
 */
export const GET = handleRoute<{ file: string }>(async (_request, context) => {
  const { file } = await readParams(context, params);
  return json(await getCanvasConfiguration(file.slice(0, -".json".length)));
});
