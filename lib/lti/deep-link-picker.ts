import "server-only";
import { prisma, type Prisma } from "@/lib/db";
import { appOrigin } from "@/lib/env";
import { LtiError } from "@/lib/lti/errors";
import { createDeepLinkingResponse, readDeepLinkContext, type DeepLinkContext } from "@/lib/lti/deep-linking";
import { SCOPE } from "@/lib/lti/claims";
import { getCurrentUser } from "@/lib/auth/session";
import { catalogQuerySchema, type CatalogEntry } from "@/lib/publications/catalog";
import { escapeLike } from "@/lib/publications/like-pattern";
import type { TocEntry } from "@/lib/publications/epub/toc";
import {
  CHOICE_PROBLEMS, choiceFormSchema, customParameters, pdfPickerEntries, pickerEntries, validateChoice,
  type ChoiceProblem, type PickerBook, type PickerEntry,
} from "@/lib/lti/deep-link-choice";

// The instructor's side of deep linking: the launch left a signed context token; the picker
// page searches the books, shows one book's contents, and the chosen reading (the whole book or
// a range, graded or not) goes back to the LMS as a resource link whose custom parameters
// (`publication`, `start`, `end`, `score_maximum`) every student launch carries back.

async function contextForCurrentUser(token: string) {
  const context = await readDeepLinkContext(token);
  const user = await getCurrentUser();
  // The context names the person the launch signed in: another browser cannot use it.
  if (!user || user.id !== context.userId) {
    throw new LtiError("LTI_DEEP_LINK_CONTEXT_INVALID", "This page belongs to another launch: add the activity again from the course.", { status: 403 });
  }
  return context;
}

/**
 * The publications this integration's access covers: every published one for FULL (or a plan
 * that includes all), else the plan's published ones (listed or through its collections). A course may link only what its students
 * can open. Null when the integration is gone or disabled.
 */
async function linkableScope(integrationId: string): Promise<Prisma.PublicationWhereInput | null> {
  const integration = await prisma.integration.findUnique({
    where: { id: integrationId },
    select: { enabled: true, accessKind: true, planId: true, plan: { select: { allPublications: true } } },
  });
  if (!integration?.enabled) return null;
  if (integration.accessKind === "FULL" || integration.plan?.allPublications) return { published: true };
  if (!integration.planId) return null;
  // Listed in the plan, or in one of its collections (docs/decisions/0029).
  return {
    published: true,
    OR: [
      { plans: { some: { planId: integration.planId } } },
      { collections: { some: { collection: { plans: { some: { planId: integration.planId } } } } } },
    ],
  };
}

const disabled = (integrationId: string) =>
  new LtiError("LTI_INTEGRATION_DISABLED", "This integration is no longer enabled.", { status: 403, integrationId });

/** The platform gave Folio the line item scope: a link may ask it for a gradebook column. */
export const isGradable = (context: DeepLinkContext) => !!context.ags?.scopes.includes(SCOPE.lineItem);

/** A refused choice: the picker shows the problem and keeps what the instructor chose. */
export class DeepLinkChoiceError extends LtiError {
  constructor(readonly problem: ChoiceProblem) {
    super("LTI_DEEP_LINK_CHOICE_INVALID", CHOICE_PROBLEMS[problem], { status: 422 });
  }
}

const SEARCH_LIMIT = 60;

/** Books in scope whose title or author has every word of the query (ILIKE), by title. */
async function searchBooks(scope: Prisma.PublicationWhereInput, query: string | undefined): Promise<CatalogEntry[]> {
  const words = catalogQuerySchema.parse(query)?.split(/\s+/).filter(Boolean).slice(0, 8) ?? [];
  const rows = await prisma.publication.findMany({
    where: {
      ...scope,
      AND: words.map((word) => ({
        OR: [{ title: { contains: escapeLike(word), mode: "insensitive" } }, { author: { contains: escapeLike(word), mode: "insensitive" } }],
      })),
    },
    orderBy: { title: "asc" },
    take: SEARCH_LIMIT,
    select: { slug: true, title: true, author: true, isFree: true, priceCents: true, coverPath: true },
  });
  return rows.map(({ coverPath, ...r }) => ({ ...r, hasCover: !!coverPath }));
}

export type PickerBookView = { slug: string; title: string; author: string; hasCover: boolean; entries: PickerEntry[]; hasChapters: boolean; unit: "chapter" | "page" };

async function loadBook(scope: Prisma.PublicationWhereInput, slug: string): Promise<(PickerBook & PickerBookView) | null> {
  const found = await prisma.publication.findFirst({
    where: { ...scope, slug },
    select: { slug: true, title: true, author: true, coverPath: true, toc: true, format: true, chapters: { select: { index: true, title: true }, orderBy: { index: "asc" } } },
  });
  if (!found) return null;
  const toc = Array.isArray(found.toc) ? (found.toc as TocEntry[]) : [];
  const chapterIndexes = new Set(found.chapters.map((c) => c.index));
  // Entries pointing past the book's chapters (a stale contents) cannot be offered.
  const unit = found.format === "PDF" ? "page" : "chapter";
  const entries = (unit === "page" ? pdfPickerEntries(toc, found.chapters.length) : pickerEntries(toc, found.chapters)).filter((e) => chapterIndexes.has(e.chapterIndex));
  return {
    slug: found.slug, title: found.title, author: found.author, hasCover: !!found.coverPath, entries, unit,
    hasChapters: chapterIndexes.size > 0, chapterIndexes, chapterTitles: new Map(found.chapters.map((c) => [c.index, c.title])),
  };
}

export type DeepLinkPicker = { books: CatalogEntry[]; book: PickerBookView | null; gradable: boolean };

/**
 * What the picker page shows: the books an instructor can link (searched by title or author),
 * the contents of the one being chosen, and whether grading is offered; or an LtiError.
 */
export async function getDeepLinkPicker(token: string, options: { query?: string; book?: string } = {}): Promise<DeepLinkPicker> {
  const context = await contextForCurrentUser(token);
  const scope = await linkableScope(context.integrationId);
  if (!scope) throw disabled(context.integrationId);
  const slug = typeof options.book === "string" && options.book.length <= 200 ? options.book : undefined;
  const [books, found] = await Promise.all([searchBooks(scope, options.query), slug ? loadBook(scope, slug) : null]);
  let book: PickerBookView | null = null;
  if (found) {
    const { chapterIndexes: _i, chapterTitles: _t, ...view } = found;
    book = view;
  }
  return { books, book, gradable: isGradable(context) };
}

/** Builds the signed LtiDeepLinkingResponse for the chosen reading and the page that posts it back. */
export async function respondToDeepLink(input: Record<string, unknown>): Promise<Response> {
  const parsed = choiceFormSchema.safeParse(input);
  if (!parsed.success) throw new LtiError("LTI_DEEP_LINK_CHOICE_INVALID", "Choose a book to add to the course.", { status: 422 });
  const form = parsed.data;
  const context = await contextForCurrentUser(form.token);
  const [integration, scope] = await Promise.all([
    prisma.integration.findUnique({ where: { id: context.integrationId }, select: { issuer: true, clientId: true, enabled: true } }),
    linkableScope(context.integrationId),
  ]);
  if (!integration?.enabled || !integration.issuer || !integration.clientId || !scope) throw disabled(context.integrationId);
  const book = await loadBook(scope, form.slug);
  if (!book) throw new DeepLinkChoiceError("book");
  const checked = validateChoice(form, book, isGradable(context));
  if (!checked.ok) throw new DeepLinkChoiceError(checked.problem);
  const { choice } = checked;
  const range = choice.range ? `${choice.range.startChapter}-${choice.range.endChapter}` : "book";
  const { response } = await createDeepLinkingResponse({
    integration: { issuer: integration.issuer, clientId: integration.clientId },
    deploymentId: context.deploymentId,
    returnUrl: context.returnUrl,
    data: context.data,
    items: [{
      title: choice.title,
      url: `${appOrigin}/api/lti/launch`,
      custom: customParameters(book.slug, choice),
      ...(choice.scoreMaximum !== null
        ? { lineItem: { scoreMaximum: choice.scoreMaximum, label: choice.title, resourceId: `${book.slug}:${range}`, tag: "folio-reading" } }
        : {}),
    }],
  });
  return response;
}
