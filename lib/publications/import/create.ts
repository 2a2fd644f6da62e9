import "server-only";
import { realpath, stat } from "node:fs/promises";
import { join, sep } from "node:path";
import { prisma, type Prisma } from "@/lib/db";
import { recordAudit } from "@/lib/audit/record";
import { parseImportCsv } from "./csv";
import { runImportRow } from "./run-row";

/** Creates an import and its rows from a CSV; rows the CSV got wrong are failed at once with their reason. */
export async function createImport(input: { csv: string | Uint8Array; source: "cli" | "upload"; actorUserId: string | null }): Promise<{ id: string; unknownColumns: string[]; rows: number }> {
  const parsed = parseImportCsv(input.csv);
  const created = await prisma.$transaction(async (tx) => {
    const batch = await tx.publicationImport.create({
      data: { source: input.source, actorUserId: input.actorUserId, unknownColumns: parsed.unknownColumns },
      select: { id: true },
    });
    for (let i = 0; i < parsed.rows.length; i += 500) {
      await tx.publicationImportRow.createMany({
        data: parsed.rows.slice(i, i + 500).map((r) => ({
          importId: batch.id, line: r.line, file: r.file.slice(0, 500),
          ...(r.ok ? { metadata: r.metadata as Prisma.InputJsonObject } : { status: "FAILED" as const, reason: r.reason }),
        })),
      });
    }
    await recordAudit({ actorUserId: input.actorUserId, action: "publication.import", details: { importId: batch.id, source: input.source, rows: parsed.rows.length } }, tx);
    return batch;
  });
  return { id: created.id, unknownColumns: parsed.unknownColumns, rows: parsed.rows.length };
}

/** A row's file inside `dir`, or null when it is not there (or a link leads out of the folder). */
async function fileInside(dir: string, name: string): Promise<string | null> {
  try {
    const root = await realpath(dir);
    const path = await realpath(join(root, name));
    if (!path.startsWith(root + sep)) return null;
    return (await stat(path)).isFile() ? path : null;
  } catch {
    return null;
  }
}

/**
 * The CLI's import: the CSV's rows, each run in turn from the folder (the same row runner the
 * queue's jobs use, so the report reads the same). `onRow` hears about each settled row.
 */
export async function importFromDirectory(input: {
  csv: string | Uint8Array; dir: string; actorUserId?: string | null;
  onRow?: (row: { line: number; file: string; status: string; reason?: string }) => void;
}): Promise<string> {
  const { id } = await createImport({ csv: input.csv, source: "cli", actorUserId: input.actorUserId ?? null });
  const rows = await prisma.publicationImportRow.findMany({ where: { importId: id }, orderBy: { line: "asc" }, select: { id: true, line: true, file: true, status: true, reason: true } });
  for (const row of rows) {
    if (row.status !== "PENDING") {
      input.onRow?.({ line: row.line, file: row.file, status: row.status, reason: row.reason ?? undefined });
      continue;
    }
    const local = await fileInside(input.dir, row.file);
    const outcome = local
      ? await runImportRow(row.id, { localFile: local })
      : await prisma.publicationImportRow.update({ where: { id: row.id }, data: { status: "FAILED", reason: `The file "${row.file}" is not in the folder.` } })
          .then((r) => ({ status: r.status, reason: r.reason ?? undefined }));
    input.onRow?.({ line: row.line, file: row.file, status: outcome.status, reason: outcome.reason });
  }
  return id;
}
