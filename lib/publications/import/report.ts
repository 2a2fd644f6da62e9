import "server-only";
import { z } from "zod";
import { prisma } from "@/lib/db";

export type ImportReportRow = { line: number; file: string; status: "PENDING" | "IMPORTED" | "SKIPPED" | "FAILED"; reason: string | null; publication: { id: string; slug: string; title: string } | null };
export type ImportReport = {
  id: string; createdAt: Date; source: string; unknownColumns: string[];
  counts: { total: number; pending: number; imported: number; skipped: number; failed: number };
  /** An upload import whose zip has not come yet. */
  waitingForFiles: boolean;
  rows: ImportReportRow[];
};

/** An import's per-row report (callers check the administrator). */
export async function getImportReport(id: string): Promise<ImportReport | null> {
  const parsed = z.string().min(1).max(64).safeParse(id);
  if (!parsed.success) return null;
  const batch = await prisma.publicationImport.findUnique({ where: { id: parsed.data }, include: { rows: { orderBy: { line: "asc" } } } });
  if (!batch) return null;
  const ids = batch.rows.map((r) => r.publicationId).filter((x): x is string => !!x);
  const pubs = new Map((await prisma.publication.findMany({ where: { id: { in: ids } }, select: { id: true, slug: true, title: true } })).map((p) => [p.id, p]));
  const counts = { total: batch.rows.length, pending: 0, imported: 0, skipped: 0, failed: 0 };
  for (const r of batch.rows) counts[r.status.toLowerCase() as "pending"]++;
  return {
    id: batch.id, createdAt: batch.createdAt, source: batch.source,
    unknownColumns: Array.isArray(batch.unknownColumns) ? (batch.unknownColumns as string[]) : [],
    counts,
    waitingForFiles: batch.source === "upload" && counts.pending > 0 && batch.rows.every((r) => r.status !== "PENDING" || !r.stagedKey) && counts.imported + counts.skipped === 0,
    rows: batch.rows.map((r) => ({ line: r.line, file: r.file, status: r.status, reason: r.reason, publication: r.publicationId ? (pubs.get(r.publicationId) ?? null) : null })),
  };
}

/** The latest imports with their counts, for the Control Panel. */
export async function listImports(limit = 20) {
  const batches = await prisma.publicationImport.findMany({ orderBy: { createdAt: "desc" }, take: limit, select: { id: true, createdAt: true, source: true } });
  const counts = await prisma.publicationImportRow.groupBy({ by: ["importId", "status"], where: { importId: { in: batches.map((b) => b.id) } }, _count: { _all: true } });
  return batches.map((b) => {
    const of = (s: string) => counts.find((c) => c.importId === b.id && c.status === s)?._count._all ?? 0;
    return { ...b, imported: of("IMPORTED"), skipped: of("SKIPPED"), failed: of("FAILED"), pending: of("PENDING") };
  });
}

/** The report as text lines (the CLI prints it; the same words as the Control Panel). */
export function formatImportReport(report: ImportReport): string {
  const lines = [
    `Import ${report.id}: ${report.counts.imported} imported, ${report.counts.skipped} skipped, ${report.counts.failed} failed, ${report.counts.pending} waiting (of ${report.counts.total}).`,
  ];
  if (report.unknownColumns.length) lines.push(`Columns not used: ${report.unknownColumns.join(", ")}.`);
  for (const r of report.rows) {
    const what = r.status === "IMPORTED" ? `imported as /read/${r.publication?.slug ?? "?"}` : r.status === "SKIPPED" ? "skipped (duplicate)" : r.status === "FAILED" ? "failed" : "waiting";
    lines.push(`  line ${r.line}  ${r.file}: ${what}${r.reason ? ` - ${r.reason}` : ""}`);
  }
  return lines.join("\n");
}
