#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for benchmarks, on 127.0.0.1:${PGPORT:-55432}, data in ${PGBENCH_DIR:-/tmp/bench-pg}.
# Usage: bash tests/bench/pg.sh start|stop.  Runs initdb/pg_ctl as the postgres user (PostgreSQL refuses root).
set -euo pipefail
PGPORT=${PGPORT:-55432}
DIR=${PGBENCH_DIR:-/tmp/bench-pg}
BIN=$(dirname "$(readlink -f "$(command -v initdb)")")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-start}" in
  start)
    rm -rf "$DIR"; mkdir -p "$DIR"; [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    as_pg "$BIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w \
      -o "-c listen_addresses=127.0.0.1 -c port=$PGPORT -c unix_socket_directories=$DIR -c shared_buffers=1GB -c work_mem=64MB -c max_connections=200" start
    ;;
  stop)
    as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast stop || true
    rm -rf "$DIR"
    ;;
esac
