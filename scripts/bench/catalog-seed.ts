import pg from "pg";

// Seeds `count` published publications for the catalog benchmark in a few SQL statements
// (generate_series), not `count` EPUB ingestions: titles, authors and descriptions drawn from word
// lists (accents included), languages, prices, BISAC subjects and collections. The triggers of
// docs/decisions/0029 build every search vector as they would for uploads.

const WORDS = [
  "river", "winter", "garden", "history", "shadow", "letters", "journey", "kingdom", "silence", "mirror", "harvest", "island",
  "memory", "empire", "stranger", "daughter", "machine", "forest", "lantern", "ocean", "orchard", "prairie", "thunder", "voyage",
  "château", "café", "naïve", "señor", "fjord", "élan", "cathedral", "economy", "physics", "biology", "poetry", "theatre",
  "mountain", "village", "railway", "meadow", "harbour", "courage", "promise", "secret", "market", "science", "philosophy", "music",
];
const FIRST = ["Anna", "Pierre", "Natásha", "Zoë", "José", "Ingrid", "Chinua", "Mary", "Fyodor", "Søren", "Amélie", "Haruki", "Nnedi", "Olga", "Gabriel", "Toni"];
const LAST = ["Ivanova", "Bezúkhov", "García", "Okafor", "Lindqvist", "Dubois", "Kowalski", "O'Brien", "Müller", "Novák", "Haddad", "Tanaka", "Silva", "Brontë", "Eliot", "Kafka"];
const LANGUAGES = ["en", "en-GB", "en-US", "fr", "de", "es", "ru", "it", "pt-BR", "nl"];
const SUBJECTS: [string, string][] = [
  ["FIC004000", "FICTION / Classics"], ["FIC019000", "FICTION / Literary"], ["FIC014000", "FICTION / Historical / General"],
  ["FIC022000", "FICTION / Mystery & Detective / General"], ["FIC028000", "FICTION / Science Fiction / General"],
  ["HIS037000", "HISTORY / Modern / General"], ["HIS010000", "HISTORY / Europe / General"], ["SCI055000", "SCIENCE / Physics / General"],
  ["SCI008000", "SCIENCE / Life Sciences / Biology"], ["PHI000000", "PHILOSOPHY / General"], ["POE000000", "POETRY / General"],
  ["BUS069000", "BUSINESS & ECONOMICS / Economics / General"], ["MUS000000", "MUSIC / General"], ["JUV000000", "JUVENILE FICTION / General"],
  ["EDU000000", "EDUCATION / General"], ["LAN000000", "LANGUAGE ARTS & DISCIPLINES / General"],
];
const COLLECTIONS = ["Russian classics", "Summer reading", "First-year science", "World poetry", "Economics 101", "Crime shelf", "Open access", "New arrivals"];

export async function seedCatalog(connectionString: string, count: number): Promise<number> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const started = performance.now();
  try {
    await client.query("begin");
    await client.query(`insert into "Subject" (code, label) select * from unnest($1::text[], $2::text[]) on conflict do nothing`,
      [SUBJECTS.map((s) => s[0]), SUBJECTS.map((s) => s[1])]);
    await client.query(`insert into "Collection" (id, slug, name) select 'bench-c' || n, lower(regexp_replace(name, '[^A-Za-z0-9]+', '-', 'g')), name
      from unnest($1::text[]) with ordinality as t(name, n) on conflict do nothing`, [COLLECTIONS]);
    // pick(k) is a word chosen by a hash of the row number and k: varied, repeatable.
    await client.query(`
      insert into "Publication" (id, slug, title, author, description, language, "isFree", "priceCents", published, publisher, "publicationDate", keywords, "createdAt", "updatedAt")
      select 'bench-' || i, 'bench-' || i,
             initcap(w[1 + abs(hashint4(i * 3)) % nw]) || ' and the ' || initcap(w[1 + abs(hashint4(i * 5)) % nw]) || ' ' || (i % 97),
             f[1 + abs(hashint4(i * 7)) % nf] || ' ' || l[1 + abs(hashint4(i * 11)) % nl],
             (select string_agg(w[1 + abs(hashint4(i * 13 + k)) % nw], ' ') from generate_series(1, 40) k),
             lang[1 + abs(hashint4(i * 17)) % nlang],
             i % 5 = 0, case when i % 5 = 0 then 0 else 199 + (i % 20) * 100 end, true,
             'Bench Press ' || (i % 30), (1800 + i % 225)::text,
             array[w[1 + abs(hashint4(i * 19)) % nw], w[1 + abs(hashint4(i * 23)) % nw]],
             now() - make_interval(mins => i), now()
        from generate_series(1, $1::int) i,
             (select $2::text[] as w, array_length($2::text[], 1) as nw, $3::text[] as f, array_length($3::text[], 1) as nf,
                     $4::text[] as l, array_length($4::text[], 1) as nl, $5::text[] as lang, array_length($5::text[], 1) as nlang) lists`,
      [count, WORDS, FIRST, LAST, LANGUAGES]);
    await client.query(`
      insert into "PublicationSubject" ("publicationId", "subjectCode")
      select distinct 'bench-' || i, codes[1 + abs(hashint4(i * j)) % array_length(codes, 1)]
        from generate_series(1, $1::int) i, generate_series(1, 2) j, (select $2::text[] as codes) c`,
      [count, SUBJECTS.map((s) => s[0])]);
    await client.query(`
      insert into "PublicationCollection" ("collectionId", "publicationId")
      select 'bench-c' || (1 + abs(hashint4(i * 29)) % $2::int), 'bench-' || i from generate_series(1, $1::int) i`,
      [count, COLLECTIONS.length]);
    await client.query("commit");
    await client.query(`analyze "Publication", "PublicationSubject", "PublicationCollection", "Collection", "Subject"`);
  } catch (error) {
    await client.query("rollback");
    throw error;
  } finally {
    await client.end();
  }
  return performance.now() - started;
}

/** What people type into the catalog's search box: prefixes, accents left out, apostrophes. */
export const BENCH_QUERIES = ["tolst", "pride and prej", "alice's", "natasha", "riv", "winter garden", "chateau", "garcia", "o'brien",
  "fiction classics", "hist", "the", "philosophy", "brontë", "ocean voyage", "m"];

/** Catalog pages with filters, as the search page's form writes their URLs. */
export const BENCH_PAGES = [
  "/search?q=river&sort=relevance", "/search?q=winter&language=fr", "/search?collection=russian-classics&sort=newest",
  "/search?subject=FIC004000&price=paid&sort=title", "/search?q=hist&subject=HIS037000&language=en", "/search?price=free&sort=author&page=3",
  "/search?q=natasha&collection=summer-reading", "/search?sort=title&page=40",
];
