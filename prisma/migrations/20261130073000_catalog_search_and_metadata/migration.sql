-- Catalog metadata, shelves (collections, BISAC subjects), plans by collection and full-text search
-- (docs/decisions/0029).
-- AlterTable
ALTER TABLE "Publication" ADD COLUMN     "isbn" TEXT,
ADD COLUMN     "keywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "publicationDate" TEXT,
ADD COLUMN     "publisher" TEXT,
ADD COLUMN     "searchVector" tsvector,
ADD COLUMN     "rankVector" tsvector;

-- AlterTable
ALTER TABLE "Chapter" ADD COLUMN     "searchVector" tsvector;

-- CreateTable
CREATE TABLE "Subject" (
    "code" TEXT NOT NULL,
    "label" TEXT NOT NULL,

    CONSTRAINT "Subject_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "PublicationSubject" (
    "publicationId" TEXT NOT NULL,
    "subjectCode" TEXT NOT NULL,

    CONSTRAINT "PublicationSubject_pkey" PRIMARY KEY ("publicationId","subjectCode")
);

-- CreateTable
CREATE TABLE "Collection" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Collection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicationCollection" (
    "collectionId" TEXT NOT NULL,
    "publicationId" TEXT NOT NULL,

    CONSTRAINT "PublicationCollection_pkey" PRIMARY KEY ("collectionId","publicationId")
);

-- CreateTable
CREATE TABLE "PlanCollection" (
    "planId" TEXT NOT NULL,
    "collectionId" TEXT NOT NULL,

    CONSTRAINT "PlanCollection_pkey" PRIMARY KEY ("planId","collectionId")
);

-- CreateIndex
CREATE INDEX "PublicationSubject_subjectCode_idx" ON "PublicationSubject"("subjectCode");

-- CreateIndex
CREATE UNIQUE INDEX "Collection_slug_key" ON "Collection"("slug");

-- CreateIndex
CREATE INDEX "PublicationCollection_publicationId_idx" ON "PublicationCollection"("publicationId");

-- CreateIndex
CREATE INDEX "PlanCollection_collectionId_idx" ON "PlanCollection"("collectionId");

-- CreateIndex
CREATE INDEX "Publication_isbn_idx" ON "Publication"("isbn");

-- CreateIndex
CREATE INDEX "Publication_createdAt_idx" ON "Publication"("createdAt");

-- AddForeignKey
ALTER TABLE "PublicationSubject" ADD CONSTRAINT "PublicationSubject_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationSubject" ADD CONSTRAINT "PublicationSubject_subjectCode_fkey" FOREIGN KEY ("subjectCode") REFERENCES "Subject"("code") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationCollection" ADD CONSTRAINT "PublicationCollection_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicationCollection" ADD CONSTRAINT "PublicationCollection_publicationId_fkey" FOREIGN KEY ("publicationId") REFERENCES "Publication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanCollection" ADD CONSTRAINT "PlanCollection_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlanCollection" ADD CONSTRAINT "PlanCollection_collectionId_fkey" FOREIGN KEY ("collectionId") REFERENCES "Collection"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search for the catalog and inside books (docs/decisions/0029). Documents and queries
-- are folded the same way, in these functions: no accents, lower case (folio_search_norm), an
-- apostrophe inside a word dropped ("Alice's" and "Alice’s" are the word "alices"), every other
-- punctuation mark a space. The 'simple' configuration keeps every word unstemmed, whatever the
-- book's language. Prefix matching (tolst → tolstoy) happens in the query.
CREATE FUNCTION folio_search_words(value text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE SET search_path FROM CURRENT
  AS $$ select trim(regexp_replace(regexp_replace(folio_search_norm(value), '(\w)[''\u2019\u02bc\u2018`]+(?=\w)', '\1', 'g'),
     '[\s!-/:-@\[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u3000-\u303f\ufe30-\ufe4f\uff01-\uff0f]+', ' ', 'g')) $$;

-- A document's words: the folded words plus, for a word with an apostrophe, its part before it
-- ("alices" and "alice"), so a search for either finds it.
CREATE FUNCTION folio_search_document(value text) RETURNS tsvector
  LANGUAGE sql STABLE PARALLEL SAFE SET search_path FROM CURRENT
  AS $$ select to_tsvector('simple', folio_search_words(value) || ' ' || coalesce(
     (select string_agg(m[1], ' ') from regexp_matches(folio_search_norm(value), '(\w+)[''\u2019\u02bc\u2018`]+(?=\w)', 'g') m), '')) $$;

-- A query: every folded word must be present, as a prefix when `prefix_all` or when it is the last
-- word (the one still being typed). A single letter is no prefix (it would match nearly every
-- book): alone it is a word, after other words it is left out until a second letter comes.
-- Null when nothing is left to search for.
CREATE FUNCTION folio_search_query(value text, prefix_all boolean) RETURNS tsquery
  LANGUAGE sql STABLE PARALLEL SAFE SET search_path FROM CURRENT
  AS $$ select to_tsquery('simple', string_agg(quote_literal(w.word)
       || case when (prefix_all or w.n = w.total) and length(w.word) >= 2 then ':*' else '' end, ' & ' order by w.n))
     from (select word, n, count(*) over () as total
             from unnest(string_to_array(nullif(folio_search_words(value), ''), ' ')) with ordinality as t(word, n)) w
    where not (w.n = w.total and w.total > 1 and length(w.word) < 2) $$;

-- The text of sanitized chapter HTML: tags become spaces, the entities the sanitizer writes decoded.
CREATE FUNCTION folio_html_text(html text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ select replace(replace(replace(replace(replace(replace(replace(regexp_replace(html, '<[^>]*>', ' ', 'g'),
     E'&nbsp\073', ' '), E'&lt\073', '<'), E'&gt\073', '>'), E'&quot\073', '"'), E'&#39\073', ''''), E'&apos\073', ''''), E'&amp\073', '&') $$;

-- The weighted words of a publication's title, author and ISBN (A), keywords and subjects (B):
-- the ranking vector, and the first part of the search vector.
CREATE FUNCTION folio_publication_rank(publication_id text, title text, author text, isbn text, keywords text[]) RETURNS tsvector
  LANGUAGE sql STABLE SET search_path FROM CURRENT
  AS $$ select setweight(folio_search_document(concat_ws(' ', title, author, isbn)), 'A')
     || setweight(folio_search_document(concat_ws(' ', array_to_string(keywords, ' '),
          (select string_agg(s.label || ' ' || s.code, ' ') from "PublicationSubject" ps join "Subject" s on s.code = ps."subjectCode" where ps."publicationId" = publication_id))), 'B') $$;

CREATE FUNCTION folio_publication_search(rank_vector tsvector, publisher text, description text) RETURNS tsvector
  LANGUAGE sql STABLE SET search_path FROM CURRENT
  AS $$ select rank_vector || setweight(folio_search_document(publisher), 'C') || setweight(folio_search_document(description), 'D') $$;

-- Trigger bodies are E'' strings with \073 for each semicolon: the migration runner splits the
-- script at every semicolon, even inside a function body.
CREATE FUNCTION folio_publication_search_own() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT
  AS E'begin
    new."rankVector" := folio_publication_rank(new.id, new.title, new.author, new.isbn, new.keywords)\073
    new."searchVector" := folio_publication_search(new."rankVector", new.publisher, new.description)\073
    return new\073
  end';

CREATE TRIGGER publication_search_vector BEFORE INSERT OR UPDATE OF title, author, isbn, keywords, publisher, description ON "Publication"
  FOR EACH ROW EXECUTE FUNCTION folio_publication_search_own();

-- A publication's subjects are part of its words: adding or removing one rewrites them.
CREATE FUNCTION folio_publication_search_subject() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT
  AS E'begin
    update "Publication" p set keywords = p.keywords
     where p.id = (case when tg_op = ''DELETE'' then old."publicationId" else new."publicationId" end)\073
    return null\073
  end';

CREATE TRIGGER publication_subject_search_vector AFTER INSERT OR DELETE ON "PublicationSubject"
  FOR EACH ROW EXECUTE FUNCTION folio_publication_search_subject();

CREATE FUNCTION folio_chapter_search_own() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT
  AS E'begin
    new."searchVector" := folio_search_document(new.title || '' '' || folio_html_text(new.html))\073
    return new\073
  end';

CREATE TRIGGER chapter_search_vector BEFORE INSERT OR UPDATE OF title, html ON "Chapter"
  FOR EACH ROW EXECUTE FUNCTION folio_chapter_search_own();

UPDATE "Publication" SET keywords = keywords;
UPDATE "Chapter" SET "searchVector" = folio_search_document(title || ' ' || folio_html_text(html));

CREATE INDEX "Publication_searchVector_idx" ON "Publication" USING gin ("searchVector");
CREATE INDEX "Chapter_searchVector_idx" ON "Chapter" USING gin ("searchVector");
