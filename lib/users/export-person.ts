import "server-only";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { requireAdmin } from "@/lib/auth/session";
import { recordAudit } from "@/lib/audit/record";
import { getPersonForAdmin } from "@/lib/users/person";

// A person's data as one JSON document (what they would get asking "what do you hold about
// me?"): who they are to Folio, their highlights, notes and reading. Streamed a batch at a time,
// so a heavy reader's thousands of rows never sit in memory together.

const BATCH = 500;
export const PERSON_EXPORT_FORMAT = "folio-person-export/1";

type Section = { key: string; rows: (after: string | null) => Promise<{ cursor: string; row: unknown }[]> };

function sections(userId: string): Section[] {
  const publication = { select: { slug: true, title: true } } as const;
  const annotations = (kind: "HIGHLIGHT" | "NOTE") => async (after: string | null) =>
    (await prisma.annotation.findMany({
      where: { userId, kind, ...(after ? { id: { gt: after } } : {}) }, orderBy: { id: "asc" }, take: BATCH,
      select: { id: true, chapterIndex: true, quote: true, color: true, note: true, createdAt: true, updatedAt: true, publication },
    })).map((a) => ({ cursor: a.id, row: { book: a.publication, chapter: a.chapterIndex, quote: a.quote, color: a.color, note: a.note, createdAt: a.createdAt, updatedAt: a.updatedAt } }));
  return [
    { key: "highlights", rows: annotations("HIGHLIGHT") },
    { key: "notes", rows: annotations("NOTE") },
    {
      key: "progress",
      rows: async (after) => (await prisma.readingProgress.findMany({
        where: { userId, ...(after ? { publicationId: { gt: after } } : {}) }, orderBy: { publicationId: "asc" }, take: BATCH,
        select: { publicationId: true, chapterIndex: true, percent: true, updatedAt: true, publication },
      })).map((p) => ({ cursor: p.publicationId, row: { book: p.publication, chapter: p.chapterIndex, percent: p.percent, updatedAt: p.updatedAt } })),
    },
    {
      key: "sessions",
      rows: async (after) => (await prisma.readingSession.findMany({
        where: { userId, ...(after ? { id: { gt: after } } : {}) }, orderBy: { id: "asc" }, take: BATCH,
        select: { id: true, startedAt: true, lastActiveAt: true, activeSeconds: true, publication },
      })).map((s) => ({ cursor: s.id, row: { book: s.publication, startedAt: s.startedAt, lastActiveAt: s.lastActiveAt, activeSeconds: s.activeSeconds } })),
    },
  ];
}

/**
 * Starts an export: checks the administrator, records it in the audit log and returns the file
 * name and the JSON body as a stream.
 */
export async function exportPerson(userId: string): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  const actor = await requireAdmin();
  const person = await getPersonForAdmin(userId);
  if (!person) throw new AppError("NOT_FOUND", "That person no longer exists.");
  await recordAudit({ actorUserId: actor.id, action: "user.export", targetUserId: person.id, details: { publicId: person.publicId, name: person.displayName } });

  const head = {
    format: PERSON_EXPORT_FORMAT,
    exportedAt: new Date().toISOString(),
    person: {
      publicId: person.publicId, name: person.displayName, accountName: person.name, email: person.email, role: person.role,
      createdAt: person.createdAt, disabledAt: person.disabledAt,
      identities: person.identities.map(({ id: _id, integration, ...i }) => ({ ...i, integration: integration?.name ?? null })),
      courses: person.courses.map(({ courseId: _id, ...c }) => c),
      access: person.grants.map((g) => ({ kind: g.kind, plan: g.plan?.name ?? null, source: g.source, integration: g.integration?.name ?? null, active: g.active, since: g.since })),
      reading: { seconds: person.reading.seconds, sessions: person.reading.sessions, books: person.reading.books, lastReadAt: person.reading.lastReadAt },
    },
  };
  const encoder = new TextEncoder();
  const parts = sections(person.id);
  let index = -1;
  let cursor: string | null = null;
  let first = true;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (index === -1) {
        // The head object without its closing brace; each section follows as a key of it.
        controller.enqueue(encoder.encode(JSON.stringify(head, null, 2).replace(/\n}$/, "")));
        index = 0;
        return;
      }
      const section = parts[index];
      if (!section) {
        controller.enqueue(encoder.encode("\n}\n"));
        controller.close();
        return;
      }
      let chunk = cursor === null && first ? `,\n  ${JSON.stringify(section.key)}: [` : "";
      const rows = await section.rows(cursor);
      for (const r of rows) {
        chunk += `${first ? "\n    " : ",\n    "}${JSON.stringify(r.row)}`;
        first = false;
      }
      if (rows.length < BATCH) {
        chunk += rows.length || !first ? "\n  ]" : "]";
        index++;
        cursor = null;
        first = true;
      } else cursor = rows.at(-1)!.cursor;
      controller.enqueue(encoder.encode(chunk));
    },
  });
  return { filename: `folio-${person.publicId}.json`, body };
}
