import "server-only";
import { randomBytes } from "node:crypto";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

// The development outbox: each message as an .eml file (any mail program opens it) and one line
// of index.jsonl for the /dev/outbox page. Only ever written when no SMTP server is configured
// outside production (lib/mail/deliver.ts).

const entrySchema = z.object({
  id: z.string().regex(/^[0-9a-z-]+$/),
  date: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
});

export type OutboxEntry = z.infer<typeof entrySchema>;

const INDEX = "index.jsonl";

/** Writes the raw message and its index line; returns the message's ID. */
export async function writeToOutbox(dir: string, raw: Buffer, entry: Omit<OutboxEntry, "id" | "date">): Promise<OutboxEntry> {
  const now = new Date();
  const id = `${now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}-${randomBytes(3).toString("hex")}`.toLowerCase();
  const full: OutboxEntry = { id, date: now.toISOString(), ...entry };
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${id}.eml`), raw);
  await appendFile(join(dir, INDEX), `${JSON.stringify(full)}\n`);
  return full;
}

/** The newest messages first (at most `limit`); an outbox never written to is empty. */
export async function listOutbox(dir: string, limit = 200): Promise<OutboxEntry[]> {
  let lines: string[];
  try {
    lines = (await readFile(join(dir, INDEX), "utf8")).split("\n");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const entries: OutboxEntry[] = [];
  for (let i = lines.length - 1; i >= 0 && entries.length < limit; i--) {
    if (!lines[i]) continue;
    try {
      const parsed = entrySchema.safeParse(JSON.parse(lines[i]!));
      if (parsed.success) entries.push(parsed.data);
    } catch {
      // A line cut short by a crash: skip it, keep the rest readable.
    }
  }
  return entries;
}

export async function findOutboxEntry(dir: string, id: string): Promise<OutboxEntry | null> {
  if (!/^[0-9a-z-]{1,40}$/.test(id)) return null;
  return (await listOutbox(dir, Number.MAX_SAFE_INTEGER)).find((e) => e.id === id) ?? null;
}

/** The .eml file of a message, or null. The ID is checked, so no path outside the outbox is read. */
export async function readOutboxRaw(dir: string, id: string): Promise<Buffer | null> {
  if (!/^[0-9a-z-]{1,40}$/.test(id)) return null;
  try {
    return await readFile(join(dir, `${id}.eml`));
  } catch {
    return null;
  }
}
