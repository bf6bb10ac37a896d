#!/usr/bin/env bash
# Starts the servers the shared-store tests run against: Redis and PostgreSQL, on 127.0.0.1 only.
#
#   eval "$(scripts/services.sh)"        install if missing, start, print MB_REDIS_URL / MB_POSTGRES_URL
#   scripts/services.sh stop             stop both
#
# Meant for CI (run as root on Debian/Ubuntu) and for a local container. Progress goes to
# stderr, so stdout holds only the `export` lines. Ports and credentials can be changed with
# MB_REDIS_PORT, MB_POSTGRES_PORT, MB_POSTGRES_USER, MB_POSTGRES_PASSWORD, MB_POSTGRES_DB.
set -euo pipefail

REDIS_PORT="${MB_REDIS_PORT:-6379}"
PG_PORT="${MB_POSTGRES_PORT:-5432}"
PG_USER="${MB_POSTGRES_USER:-marketbridge}"
PG_PASSWORD="${MB_POSTGRES_PASSWORD:-marketbridge}"
PG_DB="${MB_POSTGRES_DB:-marketbridge}"
PG_CLUSTER="${MB_POSTGRES_CLUSTER:-main}"
STATE_DIR="${MB_SERVICES_DIR:-/tmp/marketbridge-services}"

log() { echo "services.sh: $*" >&2; }
die() { log "error: $*"; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}

pg_version() {
  ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1
}

install_missing() {
  local need=()
  command -v redis-server >/dev/null || need+=(redis-server)
  { [ -n "$(pg_version)" ] && command -v pg_ctlcluster >/dev/null; } || need+=(postgresql)
  if [ ${#need[@]} -gt 0 ]; then
    log "installing ${need[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y redis-server postgresql >&2
  fi
}

wait_for() { # description, command...
  local what="$1"; shift
  for _ in $(seq 1 100); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    sleep 0.1
  done
  die "$what did not become ready"
}

start_redis() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    log "redis already answering on 127.0.0.1:$REDIS_PORT"
    return
  fi
  mkdir -p "$STATE_DIR"
  # No persistence: the tests need a fast, disposable server.
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --protected-mode yes --save '' --appendonly no \
    --daemonize yes --pidfile "$STATE_DIR/redis.pid" --logfile "$STATE_DIR/redis.log" --dir "$STATE_DIR" >&2
  wait_for "redis-server" redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping
  log "redis started on 127.0.0.1:$REDIS_PORT"
}

psql_admin() { (cd / && as_root runuser -u postgres -- psql -v ON_ERROR_STOP=1 -p "$PG_PORT" -qtA "$@"); }

start_postgres() {
  local version
  version="$(pg_version)"
  [ -n "$version" ] || die "PostgreSQL is not installed"
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version $PG_CLUSTER"; then
    log "creating cluster $version/$PG_CLUSTER"
    as_root pg_createcluster "$version" "$PG_CLUSTER" -p "$PG_PORT" >&2
  fi
  # Loopback only and the chosen port, for this run only: the cluster's own configuration
  # files are left untouched. A cluster that is already running is used as it is.
  if ! pg_lsclusters -h | awk -v v="$version" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; then
    as_root pg_ctlcluster "$version" "$PG_CLUSTER" start -- -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT" >&2
  fi
  wait_for "postgresql" pg_isready -h 127.0.0.1 -p "$PG_PORT"
  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'")" != "1" ]; then
    psql_admin -c "CREATE ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD'"
  else
    psql_admin -c "ALTER ROLE \"$PG_USER\" LOGIN PASSWORD '$PG_PASSWORD'"
  fi
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE \"$PG_DB\" OWNER \"$PG_USER\""
  fi
  log "postgresql $version started on 127.0.0.1:$PG_PORT (database $PG_DB, role $PG_USER)"
}

stop_all() {
  if redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
    redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    log "redis stopped"
  fi
  local version
  version="$(pg_version)"
  if [ -n "$version" ] && pg_lsclusters -h 2>/dev/null | awk -v v="$version" -v c="$PG_CLUSTER" '$1==v && $2==c {print $4}' | grep -q online; then
    as_root pg_ctlcluster "$version" "$PG_CLUSTER" stop >&2
    log "postgresql stopped"
  fi
}

case "${1:-start}" in
  start)
    install_missing
    start_redis
    start_postgres
    echo "export MB_REDIS_URL=redis://127.0.0.1:$REDIS_PORT"
    echo "export MB_POSTGRES_URL=postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB"
    ;;
  stop) stop_all ;;
  *) die "unknown command '$1' (use: start | stop)" ;;
esac
