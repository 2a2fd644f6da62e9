import "server-only";
import { createHash } from "node:crypto";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prisma } from "@/lib/db";
import { getStorage, publicationFileKey, type Storage } from "@/lib/storage";

// Book files stored before the storage backend (docs/decisions/0027) sit in
// PublicationFile.data. This moves them out one row at a time: the row is locked (other runs
// skip it), its bytes are copied out of Postgres in chunks to a temporary file, stored, and the
// row gets its key with `data` cleared in the same transaction. Each row is done or not done, so
// a run that stops resumes where it stopped, and a second run finds nothing to do.

/** Bytes read from the database per statement: no whole book is held in memory. */
const CHUNK_BYTES = 4 * 1024 * 1024;

export type MoveFilesResult = { moved: number; bytes: number; remaining: number };

type Row = { publicationId: string; mediaType: string; sha256: string; size: number };

const extensionOf = (mediaType: string) => (mediaType === "application/pdf" ? "pdf" : "epub");

export async function moveFilesToStorage(options: { storage?: Storage; log?: (line: string) => void } = {}): Promise<MoveFilesResult> {
  const storage = options.storage ?? getStorage();
  const result: MoveFilesResult = { moved: 0, bytes: 0, remaining: 0 };
  const scratch = await mkdtemp(join(tmpdir(), "folio-move-files-"));
  try {
    for (;;) {
      let storedKey: string | undefined;
      let row: Row | undefined;
      try {
        row = await prisma.$transaction(
          async (tx) => {
            const [next] = await tx.$queryRaw<Row[]>`
              select "publicationId", "mediaType", "sha256", octet_length("data")::int as "size"
              from "PublicationFile" where "data" is not null and "storageKey" is null
              order by "publicationId" limit 1 for update skip locked`;
            if (!next) return undefined;
            const path = join(scratch, "file");
            const hash = createHash("sha256");
            const file = await open(path, "w", 0o600);
            try {
              for (let offset = 0; offset < next.size; offset += CHUNK_BYTES) {
                const [part] = await tx.$queryRaw<{ chunk: Uint8Array }[]>`
                  select substring("data" from ${offset + 1}::int for ${CHUNK_BYTES}::int) as "chunk"
                  from "PublicationFile" where "publicationId" = ${next.publicationId}`;
                hash.update(part!.chunk);
                await file.write(part!.chunk);
              }
            } finally {
              await file.close();
            }
            // The key names the bytes actually moved.
            const sha256 = hash.digest("hex");
            if (sha256 !== next.sha256) options.log?.(`publication ${next.publicationId}: its file's recorded sha256 did not match its bytes; recorded the real one`);
            const key = publicationFileKey(next.publicationId, sha256, extensionOf(next.mediaType));
            storedKey = key;
            await storage.putFile(key, path, next.mediaType);
            await tx.$executeRaw`
              update "PublicationFile" set "storageKey" = ${key}, "size" = ${next.size}, "sha256" = ${sha256}, "data" = null
              where "publicationId" = ${next.publicationId}`;
            return next;
          },
          { maxWait: 10_000, timeout: 600_000 },
        );
      } catch (error) {
        // The row still holds its bytes: the stored copy would point nowhere.
        if (storedKey) await storage.delete(storedKey).catch(() => undefined);
        result.remaining = await countRemaining();
        throw error;
      }
      if (!row) break;
      result.moved += 1;
      result.bytes += row.size;
      options.log?.(`moved the file of publication ${row.publicationId} (${row.size} bytes)`);
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  // Rows another run holds right now are not counted as done.
  result.remaining = await countRemaining();
  return result;
}

function countRemaining(): Promise<number> {
  return prisma.publicationFile.count({ where: { data: { not: null }, storageKey: null } });
}
