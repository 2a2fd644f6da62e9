#!/usr/bin/env bash
# Writes the next migration from the difference between the committed schema and the working
# copy. Diffing two schema files needs no database (the JS schema engine cannot diff against a
# live one when a driver adapter is configured), then `prisma migrate deploy` applies it.
set -euo pipefail
name="${1:?usage: npm run db:migration -- <name>}"
[[ "$name" =~ ^[a-z0-9_]+$ ]] || { echo "Use lower-case letters, digits and _ in the name." >&2; exit 2; }
previous=$(mktemp --suffix=.prisma)
trap 'rm -f "$previous"' EXIT
git show HEAD:prisma/schema.prisma > "$previous"
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
npx prisma migrate diff --from-schema-datamodel "$previous" --to-schema-datamodel prisma/schema.prisma --script > "$dir/migration.sql"
if ! grep -q '[^[:space:]]' "$dir/migration.sql" || grep -q "This is an empty migration" "$dir/migration.sql"; then
  rm -rf "$dir"; echo "No schema change to migrate."; exit 0
fi
echo "Wrote $dir/migration.sql. Review it, then run: npm run db:deploy"
