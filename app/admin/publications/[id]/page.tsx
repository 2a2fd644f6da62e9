import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BookCover } from "@/components/book-cover";
import { requirePageAdmin } from "@/lib/auth/session";
import { getPublicationForAdmin } from "@/lib/publications/admin-detail";
import { describeDeletion } from "@/lib/publications/manage";
import { getEditableMetadata } from "@/lib/publications/metadata";
import { Section } from "@/components/ui/section";
import { deletePublicationAction, setPublishedAction } from "../actions";
import { DeletePublication } from "../_components/delete-publication";
import { CatalogForm } from "../_components/catalog-form";
import { DetailsForm } from "../_components/details-form";
import { PdfOutline } from "../_components/pdf-outline";
import { PublishToggle } from "../_components/publish-toggle";
import { PublisherTools } from "../_components/publisher-tools";
import { PublishedBadge } from "../_components/publications-table";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ uploaded?: string }> };

export const metadata: Metadata = { title: "Publication" };

export default async function PublicationAdminPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requirePageAdmin(`/admin/publications/${id}`);
  const [p, { uploaded }] = await Promise.all([getPublicationForAdmin(id), searchParams]);
  if (!p) notFound();
  const [impact, metadata] = await Promise.all([describeDeletion(p.id), getEditableMetadata(p.id)]);
  if (!metadata) notFound();
  const words = p.chapters.reduce((sum, c) => sum + c.wordCount, 0);
  return (
    <>
      <Link href="/admin/publications" className="text-sm text-brand hover:underline">← Publications</Link>
      {uploaded && (
        <p role="status" className="mt-3 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          Uploaded. Check the title, author and {p.format === "PDF" ? "outline" : "chapters"} read from the file, set the price, then publish.
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-start gap-6">
        <div className="w-28 shrink-0"><BookCover slug={p.slug} title={p.title} author={p.author} hasCover={p.hasCover} cover={p.cover} sizes="112px" /></div>
        <div className="min-w-0 flex-1">
          <h1 className="text-2xl font-semibold">{p.title}</h1>
          <p className="text-stone-600">{p.author}</p>
          <p className="mt-2 flex flex-wrap items-center gap-2 text-sm text-stone-600">
            <PublishedBadge published={p.published} />
            <span className="font-mono text-xs">/read/{p.slug}</span> ·{" "}
            {p.format === "PDF" ? <><span className="rounded bg-stone-100 px-1.5 py-0.5 text-xs font-medium text-stone-700">PDF</span> {p.pageCount ?? p.chapters.length} pages</> : <>EPUB · {p.chapters.length} chapters</>} · {Math.round(words / 1000)}k words ·{" "}
            {(p.fileSize / 1024 / 1024).toFixed(1)} MB · {p.readers} {p.readers === 1 ? "reader" : "readers"}
          </p>
          <Link href={`/read/${p.slug}`} className="mt-2 inline-block text-sm font-medium text-brand hover:underline">Open in the reader →</Link>
        </div>
        <PublishToggle published={p.published} toggle={setPublishedAction.bind(null, p.id)} />
      </div>
      <div className="mt-8 grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-6">
          <Section title="Details"><DetailsForm publication={p} /></Section>
          <Section title="Catalog" description="Read from the book file where it says; shown on the book's page and used by search and filters.">
            <CatalogForm id={p.id} metadata={metadata} />
          </Section>
        </div>
        {p.format === "PDF" ? (
          <Section title="Outline" description="Read from the PDF's bookmarks, with the page each one opens.">
            <PdfOutline slug={p.slug} toc={p.toc} />
          </Section>
        ) : (
          <Section title="Chapters" description="Read from the EPUB's spine; titles from its table of contents.">
            <ol className="max-h-[28rem] space-y-1 overflow-y-auto text-sm">
              {p.chapters.map((c) => (
                <li key={c.index} className="flex gap-2">
                  <span className="w-7 shrink-0 text-right tabular-nums text-stone-600">{c.index + 1}</span>
                  <Link href={`/read/${p.slug}?chapter=${c.index}`} className="min-w-0 flex-1 truncate hover:text-brand">{c.title || "Untitled"}</Link>
                  <span className="tabular-nums text-xs text-stone-600">{c.wordCount.toLocaleString("en-US")}</span>
                </li>
              ))}
            </ol>
          </Section>
        )}
      </div>
      <div className="mt-6">
        <Section title="File and cover" description="A new edition of the book, or a new cover.">
          <PublisherTools id={p.id} />
        </Section>
      </div>
      <div className="mt-6">
        <Section title="Delete" description="Removes the book and everything people wrote in it.">
          <DeletePublication impact={impact} remove={deletePublicationAction.bind(null, p.id)} />
        </Section>
      </div>
    </>
  );
}
