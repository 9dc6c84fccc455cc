#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database and checks that every table holds
# exactly the rows the dump holds.
#
#   scripts/restore.sh [--compose] FILE
#
# The target is DATABASE_URL (see scripts/pg-common.sh). Stop the services first, and create the
# empty database yourself (createdb, or with compose — `docker-compose` with Compose v1:
#   docker compose exec postgres dropdb -U spotify spotify
#   docker compose exec postgres createdb -U spotify spotify ).
# The restore runs in one transaction: on any error nothing is left half-restored.
set -euo pipefail
# shellcheck source=pg-common.sh
. "$(dirname "$0")/pg-common.sh"

if [ "${1:-}" = "--compose" ]; then
  use_compose
  shift
fi
file="${1:-}"
[ -n "$file" ] || die "usage: scripts/restore.sh [--compose] FILE"
[ -f "$file" ] || die "no such backup file: $file"
resolve_connection

existing="$(pg_tool psql --no-psqlrc --quiet --tuples-only --no-align --dbname="$CONNECTION_URL" --command \
  "select count(*) from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
   where c.relkind in ('r', 'p', 'v', 'm', 'S') and n.nspname not in ('pg_catalog', 'information_schema')
     and n.nspname not like 'pg_toast%' and n.nspname not like 'pg_temp%'")" \
  || die "cannot connect to the target database${COMPOSE:+ (check that postgres is up: '$COMPOSE ps')}"
[ "$existing" = "0" ] || die "the target database is not empty ($existing tables, views or sequences): restore needs an empty database"

expected="$(dump_row_counts <"$file")" || die "the dump $file cannot be read"

echo "restoring $file"
pg_tool pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$CONNECTION_URL" <"$file" || die "pg_restore failed; the target database was left unchanged"

query=""
while IFS=$'\t' read -r table rows; do
  [ -n "$table" ] || continue
  query="${query:+$query union all }select '$table', count(*) from $table"
done <<<"$expected"
actual="$(pg_tool psql --no-psqlrc --quiet --tuples-only --no-align --field-separator=$'\t' \
  --dbname="$CONNECTION_URL" --command "$query")" || die "cannot count the restored rows"

mismatches=0
while IFS=$'\t' read -r table rows; do
  [ -n "$table" ] || continue
  restored="$(printf '%s\n' "$actual" | awk -F '\t' -v t="$table" '$1 == t { print $2 }')"
  if [ "$restored" = "$rows" ]; then
    printf '  %-40s %12d rows  ok\n' "$table" "$rows"
  else
    printf '  %-40s %12d rows in the dump, %s restored  MISMATCH\n' "$table" "$rows" "${restored:-none}"
    mismatches=$((mismatches + 1))
  fi
done <<<"$expected"

pg_tool psql --no-psqlrc --quiet --dbname="$CONNECTION_URL" --command "analyze" >/dev/null
[ "$mismatches" -eq 0 ] || die "$mismatches tables do not match the dump"
echo "restore complete: every table matches the dump"
