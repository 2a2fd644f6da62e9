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

/** The outline's entries, flattened and in page order (nested entries are finer sections). */
function outlineSections(toc: unknown): { title: string; chapterIndex: number }[] {
  const out: { title: string; chapterIndex: number }[] = [];
  const walk = (entries: unknown) => {
    if (!Array.isArray(entries)) return;
    for (const e of entries as { title?: unknown; chapterIndex?: unknown; children?: unknown }[]) {
      if (typeof e?.title === "string" && Number.isInteger(e.chapterIndex)) out.push({ title: e.title, chapterIndex: e.chapterIndex as number });
      walk(e?.children);
    }
  };
  walk(toc);
  return out.sort((a, b) => a.chapterIndex - b.chapterIndex);
}

/** All of the person's highlights and notes in one book, grouped by chapter, as a Markdown file. */
export async function exportAnnotationsMarkdown(input: { userId: string; slug: string }): Promise<{ filename: string; markdown: string }> {
  const userId = userIdSchema.parse(input.userId);
  const publication = await findPublication({ userId }, input.slug);
  const isPdf = publication.format === "PDF";
  const [annotations, chapters, outline] = await Promise.all([
    listAnnotations({ userId, slug: publication.slug }),
    isPdf ? [] : prisma.chapter.findMany({ where: { publicationId: publication.id }, select: { index: true, title: true } }),
    isPdf ? prisma.publication.findUniqueOrThrow({ where: { id: publication.id }, select: { toc: true } }).then((p) => p.toc) : null,
  ]);
  const titles = new Map(chapters.map((c) => [c.index, c.title]));
  // A PDF's notes go under their page number, with the outline section the page is in.
  const sections = isPdf ? outlineSections(outline) : [];
  const heading = (index: number) => {
    if (!isPdf) return escapeInline(titles.get(index) ?? `Chapter ${index + 1}`);
    const section = sections.filter((s) => s.chapterIndex <= index).at(-1);
    return `Page ${index + 1}${section ? ` · ${escapeInline(section.title)}` : ""}`;
  };
  const lines = [`# ${escapeInline(publication.title)}`, "", `*${escapeInline(publication.author)}*`, ""];
  lines.push(`${annotations.filter((a) => a.kind === "HIGHLIGHT").length} highlights, ${annotations.filter((a) => a.kind === "NOTE").length} notes. Exported from Folio.`, "");
  let current: number | null | undefined;
  for (const a of annotations) {
    if (a.chapterIndex !== current) {
      current = a.chapterIndex;
      lines.push(`## ${current === null ? "Notes on the book" : heading(current)}`, "");
    }
    lines.push(renderAnnotation(a), "");
  }
  if (!annotations.length) lines.push("No highlights or notes yet.", "");
  return { filename: `${publication.slug}-notes.md`, markdown: lines.join("\n") };
}
