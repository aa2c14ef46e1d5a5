#!/usr/bin/env bash
# Start a throw-away PostgreSQL cluster for the storage tests (idempotent).
#
#   eval "$(bash .ci/postgres.sh)"      # start (or reuse) it, export DIAGNOSTIC_TEST_POSTGRES_URL
#   bash .ci/postgres.sh stop           # stop it and delete its folder
#
# Only the export line goes to stdout; everything else goes to stderr.
# Settings: DIAGNOSTIC_PG_PORT (54329), DIAGNOSTIC_PG_DIR (${TMPDIR:-/tmp}/diagnostic-ess-pg).
set -euo pipefail

PORT="${DIAGNOSTIC_PG_PORT:-54329}"
DIR="${DIAGNOSTIC_PG_DIR:-${TMPDIR:-/tmp}/diagnostic-ess-pg}"
DB=diagnostic_test
SUPERUSER=postgres

log() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local initdb
  initdb=$(ls -1d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$initdb" ] && dirname "$initdb"
}

as_owner() {
  # initdb and postgres refuse to run as root: use the "postgres" system user then.
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

BIN=$(find_bin || true)
if [ -z "$BIN" ]; then
  log "PostgreSQL not found, installing it with apt-get"
  apt-get update >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
  BIN=$(find_bin)
fi

if [ "${1:-start}" = stop ]; then
  if [ -f "$DIR/data/PG_VERSION" ]; then
    as_owner "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$DIR"
  log "stopped and removed $DIR"
  exit 0
fi

if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  log "a server already answers on 127.0.0.1:$PORT, reusing it"
else
  mkdir -p "$DIR"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$DIR"; fi
  chmod 700 "$DIR"
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    log "creating a cluster in $DIR/data"
    as_owner "$BIN/initdb" -D "$DIR/data" -U "$SUPERUSER" --auth=trust \
      --encoding=UTF8 --no-locale >&2
  fi
  log "starting PostgreSQL on 127.0.0.1:$PORT"
  # fsync off: a throw-away test cluster trades durability for speed.
  as_owner "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 start \
    -o "-h 127.0.0.1 -p $PORT -k $DIR -c max_connections=300 -c fsync=off \
-c synchronous_commit=off -c full_page_writes=off" >&2
fi

exists=$("$BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = '$DB'")
if [ "$exists" != 1 ]; then
  log "creating database $DB"
  "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" "$DB" >&2
fi

echo "export DIAGNOSTIC_TEST_POSTGRES_URL=postgresql+psycopg://$SUPERUSER@127.0.0.1:$PORT/$DB"
