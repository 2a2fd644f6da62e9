-- A person's search text costs a first launch nothing extra (docs/decisions/0022): an account
-- created by an LTI launch arrives with its search text computed by the launch statement, so the
-- User trigger leaves a given text alone on insert, and an identity's insert no longer fires a
-- trigger (recomputing the text per insert cut first launches by half in pgbench): code that adds
-- an identity to an existing person refreshes the text itself (lib/users/search-text.ts). Changes
-- and deletions of identities still rewrite it, and only when the text differs.

DROP TRIGGER user_search_text ON "User";

CREATE TRIGGER user_search_text_insert BEFORE INSERT ON "User"
  FOR EACH ROW WHEN (new."searchText" IS NULL OR new."searchText" = '') EXECUTE FUNCTION folio_user_search_own();

CREATE TRIGGER user_search_text_update BEFORE UPDATE OF "publicId", name, email ON "User"
  FOR EACH ROW EXECUTE FUNCTION folio_user_search_own();

-- Trigger bodies are E'' strings with \073 for each semicolon: the migration runner splits the
-- script at every semicolon, even inside a function body.
CREATE OR REPLACE FUNCTION folio_user_search_identity() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT
  AS E'begin
    if tg_op <> ''DELETE'' then
      update "User" u set "searchText" = folio_user_search_text(u.id, u."publicId", u.name, u.email)
      where u.id = new."userId" and u."searchText" is distinct from folio_user_search_text(u.id, u."publicId", u.name, u.email)\073
    end if\073
    if tg_op = ''DELETE'' or (tg_op = ''UPDATE'' and old."userId" <> new."userId") then
      update "User" u set "searchText" = folio_user_search_text(u.id, u."publicId", u.name, u.email)
      where u.id = old."userId" and u."searchText" is distinct from folio_user_search_text(u.id, u."publicId", u.name, u.email)\073
    end if\073
    return null\073
  end';

DROP TRIGGER identity_search_text_added_removed ON "LtiIdentity";

CREATE TRIGGER identity_search_text_removed AFTER DELETE ON "LtiIdentity"
  FOR EACH ROW EXECUTE FUNCTION folio_user_search_identity();
