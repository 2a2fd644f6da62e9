-- Chapters stored before book classes were namespaced (docs/decisions/0018) still carry the
-- book's own class names, which Folio's Tailwind classes could match ("fixed inset-0 z-50"
-- covering the reader). The reader's CSS never uses book classes, so they are removed.
-- sanitize-html writes every attribute as name="value" and escapes the double quote in text,
-- so a space, class=" occurs in stored HTML only as that attribute. Text offsets (annotation
-- anchors) do not change. (No semicolon in these comments: the migration runner splits on it.)
UPDATE "Chapter"
SET "html" = regexp_replace("html", ' class="(?!bk-)[^"]*"', '', 'g')
WHERE "html" LIKE '% class="%';
