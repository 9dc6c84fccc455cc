#!/usr/bin/env bash
# Backs up the whole database in pg_dump's custom format (compressed; restore.sh reads it).
#
#   scripts/backup.sh [--compose] [FILE]
#
# FILE defaults to backups/spotify-mcp-<UTC timestamp>.dump. The dump is written to a temporary
# file first and renamed when complete, then read back: the script prints the row count of every
# table in it and fails if the file cannot be read.
# Connection and tools: see scripts/pg-common.sh (DATABASE_URL, PG_BIN, PG_EXEC, --compose).
set -euo pipefail
# shellcheck source=pg-common.sh
. "$(dirname "$0")/pg-common.sh"

if [ "${1:-}" = "--compose" ]; then
  use_compose
  shift
fi
file="${1:-backups/spotify-mcp-$(date -u +%Y%m%d-%H%M%S).dump}"
resolve_connection

mkdir -p "$(dirname "$file")"
partial="${file}.partial"
trap 'rm -f "$partial"' EXIT

echo "dumping to $file"
pg_tool pg_dump --format=custom --compress=6 --no-owner --no-privileges --dbname="$CONNECTION_URL" >"$partial" \
  || tool_failed pg_dump
mv "$partial" "$file"

counts="$(dump_row_counts <"$file")" || die "the dump $file cannot be read back"
[ -n "$counts" ] || die "the dump $file holds no table data"
printf '%s\n' "$counts" | awk -F '\t' '{ printf "  %-40s %12d rows\n", $1, $2 }'
echo "backup complete: $file ($(wc -c <"$file") bytes)"
