import { z } from "zod";
import { requireAdmin } from "@/lib/auth/session";
import { handleRoute, json, readParams } from "@/lib/http/handle-route";
import { withUploadedZip } from "@/lib/publications/import/upload-zip";
import { rowsWaitingForFiles, stageImportZip } from "@/lib/publications/import/zip";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1).max(64) });

/** POST the zip of the books as the body: the files the rows name are staged and a job queued per row. */
export const POST = handleRoute<{ id: string }>(async (request, context) => {
  await requireAdmin();
  const { id } = await readParams(context, params);
  await rowsWaitingForFiles(id);
  const staged = await withUploadedZip(request, (path) => stageImportZip({ importId: id, zipPath: path }));
  return json(staged);
});
