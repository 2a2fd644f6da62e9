-- People in the Control Panel (docs/decisions/0022): accent- and case-insensitive search over a
-- text column kept by triggers, a trigram index on it, disabled accounts and the audit log.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "disabledAt" TIMESTAMP(3),
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorUserId" TEXT,
    "action" TEXT NOT NULL,
    "targetUserId" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEvent_at_id_idx" ON "AuditEvent"("at", "id");

-- CreateIndex
CREATE INDEX "AuditEvent_targetUserId_at_idx" ON "AuditEvent"("targetUserId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "User_createdAt_id_idx" ON "User"("createdAt", "id");


-- CreateIndex
-- LaunchLog ("userId", "createdAt") is created by 20261130042052_support.


-- What a search text and a query are compared as: lower case, no accents. The search path is the
-- one of this migration, so unaccent's dictionary is found whatever the caller's path is.
CREATE FUNCTION folio_search_norm(value text) RETURNS text
  LANGUAGE sql STABLE PARALLEL SAFE SET search_path FROM CURRENT
  AS $$ select lower(unaccent('unaccent'::regdictionary, coalesce(value, ''))) $$;

-- A person's search text: public ID, name, email and, per LMS identity, the name and email the
-- LMS last sent and its user ID. Lines keep a match from spanning two values.
CREATE FUNCTION folio_user_search_text(user_id text, public_id text, name text, email text) RETURNS text
  LANGUAGE sql STABLE SET search_path FROM CURRENT
  AS $$
    select folio_search_norm(concat_ws(E'\n', public_id, name, email,
      (select string_agg(concat_ws(E'\n', i."nameHint", i."emailHint", i.subject), E'\n' order by i."createdAt")
         from "LtiIdentity" i where i."userId" = user_id)))
  $$;

-- Trigger bodies are E'' strings with \073 for each semicolon: the migration runner splits the
-- script at every semicolon, even inside a function body.
CREATE FUNCTION folio_user_search_own() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT
  AS E'begin
    new."searchText" := folio_user_search_text(new.id, new."publicId", new.name, new.email)\073
    return new\073
  end';

CREATE TRIGGER user_search_text BEFORE INSERT OR UPDATE OF "publicId", name, email ON "User"
  FOR EACH ROW EXECUTE FUNCTION folio_user_search_own();

CREATE FUNCTION folio_user_search_identity() RETURNS trigger
  LANGUAGE plpgsql SET search_path FROM CURRENT
  AS E'begin
    if tg_op <> ''DELETE'' then
      update "User" u set "searchText" = folio_user_search_text(u.id, u."publicId", u.name, u.email) where u.id = new."userId"\073
    end if\073
    if tg_op = ''DELETE'' or (tg_op = ''UPDATE'' and old."userId" <> new."userId") then
      update "User" u set "searchText" = folio_user_search_text(u.id, u."publicId", u.name, u.email) where u.id = old."userId"\073
    end if\073
    return null\073
  end';

-- A returning launch rewrites the hints with the same values: nothing to do then.
CREATE TRIGGER identity_search_text_changed AFTER UPDATE OF "nameHint", "emailHint", subject, "userId" ON "LtiIdentity"
  FOR EACH ROW
  WHEN (old."nameHint" IS DISTINCT FROM new."nameHint" OR old."emailHint" IS DISTINCT FROM new."emailHint"
        OR old.subject IS DISTINCT FROM new.subject OR old."userId" IS DISTINCT FROM new."userId")
  EXECUTE FUNCTION folio_user_search_identity();

CREATE TRIGGER identity_search_text_added_removed AFTER INSERT OR DELETE ON "LtiIdentity"
  FOR EACH ROW EXECUTE FUNCTION folio_user_search_identity();

UPDATE "User" u SET "searchText" = folio_user_search_text(u.id, u."publicId", u.name, u.email);

-- CreateIndex (after filling the column: one build instead of 100,000 inserts)
CREATE INDEX "User_searchText_idx" ON "User" USING GIN ("searchText" gin_trgm_ops);
