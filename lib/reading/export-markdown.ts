import "server-only";
import { prisma } from "@/lib/db";
import { findPublication } from "@/lib/publications/reader-access";
import { listAnnotations, type AnnotationView } from "@/lib/reading/annotations";
import { userIdSchema } from "@/lib/reading/annotation-schemas";

/** Markdown-special characters at line starts or inline would change the meaning of quoted text. */
function escapeInline(text: string): string {
  return text.replace(/([\\`*_[\]<>#|])/g, "\\$1");
}

function quoteBlock(text: string): string {
  return text.split(/\r?\n/).map((line) => `> ${escapeInline(line)}`).join("\n");
}

function noteBlock(text: string): string {
  return text.split(/\r?\n/).map(escapeInline).join("  \n");
}

function renderAnnotation(a: AnnotationView): string {
  if (a.kind === "NOTE") return `- **Note:** ${noteBlock(a.note ?? "")}`;
  const parts = [quoteBlock(a.quote ?? ""), "", `*${a.color ?? "yellow"} highlight*`];
  if (a.note) parts.push("", `**Note:** ${noteBlock(a.note)}`);
  return parts.join("\n");
}

/** All of the person's highlights and notes in one book, grouped by chapter, as a Markdown file. */
export async function exportAnnotationsMarkdown(input: { userId: string; slug: string }): Promise<{ filename: string; markdown: string }> {
  const userId = userIdSchema.parse(input.userId);
  const publication = await findPublication({ userId }, input.slug);
  const [annotations, chapters] = await Promise.all([
    listAnnotations({ userId, slug: publication.slug }),
    prisma.chapter.findMany({ where: { publicationId: publication.id }, select: { index: true, title: true } }),
  ]);
  const titles = new Map(chapters.map((c) => [c.index, c.title]));
  const lines = [`# ${escapeInline(publication.title)}`, "", `*${escapeInline(publication.author)}*`, ""];
  lines.push(`${annotations.filter((a) => a.kind === "HIGHLIGHT").length} highlights, ${annotations.filter((a) => a.kind === "NOTE").length} notes. Exported from Folio.`, "");
  let current: number | null | undefined;
  for (const a of annotations) {
    if (a.chapterIndex !== current) {
      current = a.chapterIndex;
      lines.push(`## ${current === null ? "Notes on the book" : escapeInline(titles.get(current) ?? `Chapter ${current + 1}`)}`, "");
    }
    lines.push(renderAnnotation(a), "");
  }
  if (!annotations.length) lines.push("No highlights or notes yet.", "");
  return { filename: `${publication.slug}-notes.md`, markdown: lines.join("\n") };
}
