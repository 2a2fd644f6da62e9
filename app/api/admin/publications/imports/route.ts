import { requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { mediaTypeOf, readBodyBytes } from "@/lib/http/body";
import { handleRoute, json } from "@/lib/http/handle-route";
import { createImport } from "@/lib/publications/import/create";
import { MAX_CSV_BYTES } from "@/lib/publications/import/csv";

export const dynamic = "force-dynamic";

const CSV_TYPES = new Set(["text/csv", "text/plain", "application/vnd.ms-excel", "application/octet-stream"]);

/** POST the metadata CSV as the body: the import and its rows are made; the zip follows (…/files). */
export const POST = handleRoute(async (request) => {
  const admin = await requireAdmin();
  if (!CSV_TYPES.has(mediaTypeOf(request.headers) ?? "")) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the CSV file itself as the request body (Content-Type: text/csv).");
  const csv = await readBodyBytes(request, MAX_CSV_BYTES).catch((error: unknown) => {
    if ((error as { code?: string }).code === "PAYLOAD_TOO_LARGE") throw new AppError("PAYLOAD_TOO_LARGE", `The CSV is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB; split it.`, { fields: { csv: "Too large." } });
    throw error;
  });
  const created = await createImport({ csv, source: "upload", actorUserId: admin.id });
  return json({ id: created.id, rows: created.rows, unknownColumns: created.unknownColumns, location: `/admin/publications/import/${created.id}` }, { status: 201 });
});
