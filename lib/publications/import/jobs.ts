import "server-only";
import { z } from "zod";
import { ensureQueue } from "@/lib/jobs/queue";

// Each row of an import uploaded in the Control Panel is a job on this queue (docs/decisions/0030),
// so the import survives restarts and any instance may run it. One row at a time per instance:
// ingesting a book is heavy (parsing in a worker thread, a transaction of chapters).

export const IMPORT_QUEUE = "publication-import";
export const importJobSchema = z.object({ rowId: z.string().min(1).max(64) });
export type ImportJob = z.infer<typeof importJobSchema>;

export async function enqueueImportRows(rowIds: string[]): Promise<void> {
  if (!rowIds.length) return;
  const boss = await ensureQueue(IMPORT_QUEUE);
  // A failed row is a reason in the report, not a retry; a retry is for a crash or a lost database.
  await boss.insert(rowIds.map((rowId) => ({
    name: IMPORT_QUEUE, data: { rowId }, singletonKey: rowId, retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 900,
  })));
}
