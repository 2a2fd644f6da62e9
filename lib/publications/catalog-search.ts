import "server-only";
import { z } from "zod";
import { compileNamed, sqlNamed, type NamedStatement } from "@/lib/sql";
import type { CatalogEntry } from "@/lib/publications/catalog";
import { coverRefOf } from "@/lib/publications/covers/sizes";

// The catalog's search, filters and sort (docs/decisions/0029): one hand-written statement per
// combination of filters, each a named prepared statement (fixed text per name), over the
// trigger-kept "searchVector" and its GIN index.

export const CATALOG_SORTS = ["relevance", "title", "author", "newest"] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];
export const CATALOG_PAGE_SIZE = 40;

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** What the URL may say; anything malformed is ignored rather than refused (people edit URLs). */
export const catalogFiltersSchema = z.object({
  q: optional(z.string().trim().max(200).transform((s) => s || undefined)),
  collection: optional(z.string().trim().toLowerCase().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/).max(80)),
  subject: optional(z.string().trim().toUpperCase().regex(/^[A-Z]{3}\d{6}$/)),
  language: optional(z.string().trim().toLowerCase().regex(/^[a-z]{2,3}$/)),
  price: optional(z.enum(["free", "paid"])),
  sort: optional(z.enum(CATALOG_SORTS)),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export type CatalogFilters = z.output<typeof catalogFiltersSchema>;
export type CatalogPage = { books: CatalogEntry[]; total: number; page: number; pageCount: number; sort: CatalogSort };

/**
 * A query that looks like an ISBN typed with hyphens or spaces is searched as its digits (ISBNs
 * are stored as digits); anything else is left to the database's folding.
 */
export function searchTextOf(q: string): string {
  const compact = q.replace(/[\s-]/g, "");
  return /^(\d{9}[\dXx]|\d{13})$/.test(compact) && /[\s-]/.test(q) ? compact : q;
}

// Per sort: the keys computed for every match, and the order over them. Matches are gathered as
// narrow rows (id and keys) first, then only the page's rows are read in full: counting and
// sorting thousands of whole rows spilled to disk.
const SORTS: Record<CatalogSort, { keys: string; order: string }> = {
  relevance: { keys: `ts_rank(p."rankVector", (select folio_search_query($(q), true))) as rank, lower(p.title) as t`, order: `rank desc, t, id` },
  title: { keys: `lower(p.title) as t`, order: `t, id` },
  author: { keys: `lower(p.author) as a, lower(p.title) as t`, order: `a, t, id` },
  newest: { keys: `p."createdAt" as c`, order: `c desc, id` },
};

const statements = new Map<string, NamedStatement>();

function statementFor(f: { q: boolean; collection: boolean; subject: boolean; language: boolean; price: boolean; sort: CatalogSort }): NamedStatement {
  const key = `catalog-${+f.q}${+f.collection}${+f.subject}${+f.language}${+f.price}-${f.sort}`;
  let statement = statements.get(key);
  if (statement) return statement;
  const where = [`p.published`];
  if (f.q) where.push(`p."searchVector" @@ (select folio_search_query($(q), true))`);
  if (f.collection) where.push(`exists (select 1 from "PublicationCollection" pc join "Collection" c on c.id = pc."collectionId" where pc."publicationId" = p.id and c.slug = $(collection))`);
  if (f.subject) where.push(`exists (select 1 from "PublicationSubject" ps where ps."publicationId" = p.id and ps."subjectCode" = $(subject))`);
  if (f.language) where.push(`(lower(p.language) = $(language) or lower(p.language) like $(language) || '-%')`);
  if (f.price) where.push(`p."isFree" = $(free)`);
  const { keys, order } = SORTS[f.sort];
  statement = compileNamed(key, `
    with m as materialized (
      select p.id, ${keys} from "Publication" p
       where ${where.join("\n         and ")}
    ), page as (
      select * from m order by ${order} limit $(limit) offset $(offset)
    )
    select p.slug, p.title, p.author, p."isFree", p."priceCents", p."coverPath" is not null as "hasCover", p."coverHash", p."coverColor", (select count(*) from m)::int as total
      from page join "Publication" p on p.id = page.id
     order by ${order.replace(/(^|, )(\w+)/g, "$1page.$2")}`);
  statements.set(key, statement);
  return statement;
}

/** One page of published publications matching the filters, in the order asked for. */
export async function searchCatalog(input: Partial<Record<keyof CatalogFilters, unknown>> = {}): Promise<CatalogPage> {
  const f = catalogFiltersSchema.parse(input);
  const sort: CatalogSort = f.sort === "relevance" && !f.q ? "title" : (f.sort ?? (f.q ? "relevance" : "title"));
  const statement = statementFor({ q: !!f.q, collection: !!f.collection, subject: !!f.subject, language: !!f.language, price: !!f.price, sort });
  const values: Record<string, unknown> = {
    q: f.q ? searchTextOf(f.q) : null, collection: f.collection, subject: f.subject, language: f.language,
    free: f.price === "free", limit: CATALOG_PAGE_SIZE, offset: (f.page - 1) * CATALOG_PAGE_SIZE,
  };
  const rows = await sqlNamed<Omit<CatalogEntry, "cover"> & { coverHash: string | null; coverColor: string | null; total: number }>(statement, values);
  const total = rows[0]?.total ?? 0;
  return {
    books: rows.map(({ total: _total, coverHash, coverColor, ...book }) => ({ ...book, cover: coverRefOf({ coverHash, coverColor }) })),
    total,
    page: f.page,
    pageCount: Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE)),
    sort,
  };
}
