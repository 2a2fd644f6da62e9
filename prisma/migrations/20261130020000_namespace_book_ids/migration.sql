-- Chapters stored before book ids were namespaced still carry the book's own ids, and an id is
-- a global on the reader's page (an element with id="__next_f" is window.__next_f and stops
-- Next from starting). New chapters get id="bk-..." from the sanitizer, and the reader looks a
-- #fragment up as bk-<fragment> first. sanitize-html writes every attribute as name="value" and
-- escapes the double quote in text and values, so a space, id=" occurs in stored HTML only as
-- that attribute. Text offsets (annotation anchors) do not change. (No semicolon in these
-- comments: the migration runner splits on it.)
UPDATE "Chapter"
SET "html" = regexp_replace("html", ' id="(?!bk-)', ' id="bk-', 'g')
WHERE "html" LIKE '% id="%';
