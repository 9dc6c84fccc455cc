# Shared by backup.sh and restore.sh (sourced, not run).
#
# Connection: DATABASE_URL in the postgresql://user:password@host:port/database form the services
# use (a jdbc:postgresql: URL works too), from the environment or else from ./.env. When the URL
# carries no user or password, POSTGRES_USER / POSTGRES_PASSWORD are used, as the services do.
#
# Tools: pg_dump, pg_restore and psql of the server's major version (or newer).
#   PG_BIN=/usr/lib/postgresql/16/bin   take them from that folder
#   PG_EXEC="docker compose exec -T postgres"
#                                      run them inside the compose postgres container (always the
#                                      right version); DATABASE_URL is then seen from inside it
#   --compose                          shortcut for the line above with
#                                      DATABASE_URL=postgresql://$POSTGRES_USER@/spotify (the
#                                      container's Unix socket, where the postgres image trusts
#                                      local connections). It uses the Compose v2 plugin
#                                      (`docker compose`) when Docker has it, else Compose v1
#                                      (`docker-compose`, e.g. Debian's 1.29)

dotenv_value() {
  # Prints the value of $1 from ./.env, if the file and the key exist.
  [ -f .env ] || return 0
  sed -n "s/^[[:space:]]*$1[[:space:]]*=[[:space:]]*//p" .env | tail -n 1 | tr -d '\r'
}

setting() {
  # The environment wins over ./.env, as in the services.
  local name="$1" value
  value="${!name:-}"
  if [ -z "$value" ]; then
    value="$(dotenv_value "$name")"
  fi
  printf '%s' "$value"
}

die() {
  echo "error: $*" >&2
  exit 1
}

compose_command() {
  # Prints the Compose command that works on this machine: the v2 plugin first, then v1. An old
  # docker CLI without the plugin treats `compose` as unknown, so `docker compose exec -T` would
  # fail with "unknown shorthand flag: 'T'".
  if command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    echo "docker compose"
  elif command -v docker-compose >/dev/null 2>&1; then
    echo "docker-compose"
  else
    return 1
  fi
}

use_compose() {
  if [ -z "${PG_EXEC:-}" ]; then
    local compose
    compose="$(compose_command)" \
      || die "--compose needs Docker Compose: neither 'docker compose' (the v2 plugin) nor 'docker-compose' (v1) works here"
    PG_EXEC="$compose exec -T postgres"
    COMPOSE="$compose"
  fi
  DATABASE_URL="postgresql://$(setting POSTGRES_USER | sed 's/^$/spotify/')@/spotify"
  export DATABASE_URL
}

resolve_connection() {
  local url user password
  url="$(setting DATABASE_URL)"
  if [ -z "$url" ]; then
    url="$(setting DATABASE_JDBC_URL)"
  fi
  [ -n "$url" ] || die "DATABASE_URL is not set (environment or ./.env): postgresql://user:password@host:5432/spotify"
  url="${url#jdbc:}"
  case "$url" in
    postgresql://* | postgres://*) ;;
    *) die "DATABASE_URL must start with postgresql:// (got '${url:0:12}...')" ;;
  esac
  CONNECTION_URL="$url"
  # libpq reads these only when the URL itself names no user or password.
  user="$(setting POSTGRES_USER)"
  password="$(setting POSTGRES_PASSWORD)"
  if [ -n "$user" ]; then export PGUSER="$user"; fi
  if [ -n "$password" ]; then export PGPASSWORD="$password"; fi
}

pg_tool() {
  # Runs one PostgreSQL client program the configured way.
  local tool="$1"
  shift
  if [ -n "${PG_EXEC:-}" ]; then
    # shellcheck disable=SC2086 # PG_EXEC is a command line on purpose
    ${PG_EXEC} "$tool" "$@"
  elif [ -n "${PG_BIN:-}" ]; then
    "${PG_BIN%/}/$tool" "$@"
  else
    command -v "$tool" >/dev/null 2>&1 \
      || die "$tool not found: install the PostgreSQL client (Debian: postgresql-client), set PG_BIN, or use --compose"
    "$tool" "$@"
  fi
}

tool_failed() {
  # Stops with the likely reason a client program failed: with --compose the container (the
  # version always matches there), otherwise the client's version.
  local tool="$1"
  if [ -n "${COMPOSE:-}" ]; then
    die "$tool failed in the postgres container (through '$PG_EXEC'): run this from the compose project folder and check that postgres is up ('$COMPOSE ps')"
  elif [ -n "${PG_EXEC:-}" ]; then
    die "$tool failed through PG_EXEC='$PG_EXEC'"
  fi
  die "$tool failed (a server newer than $tool is refused: set PG_BIN to a matching client or use --compose)"
}

dump_row_counts() {
  # Reads a custom-format dump on stdin; prints "table<TAB>rows" for every table it holds data of.
  # COPY escapes newlines inside values, so one line between "COPY ..." and "\." is one row.
  pg_tool pg_restore --data-only --file=- \
    | awk '/^COPY [^ ]+ \(/ { table = $2; rows = 0; inside = 1; next }
           inside && /^\\\.$/ { print table "\t" rows; inside = 0; next }
           inside { rows++ }'
}
