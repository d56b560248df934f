#!/usr/bin/env bash
# Import benchmark with a same-run baseline, on SQLite and PostgreSQL.
# For each engine: (1) the baseline, a raw load of the same CSV into a plain 8-column text table with a unique
# index on external_id and no validation, encryption or change feed (SQLite: sqlite3 .import in one transaction;
# PostgreSQL: psql \copy, text COPY); (2) tests/bench/import.sh (the service's import, POST to completed).
# The baseline runs just before and just after the import (load changes fast on a shared machine); the ratio
# uses their mean. Prints load averages, both times, rows/s and the ratio.
# Usage: PGPORT=55481 BENCH_TMP=/tmp/me bash tests/bench/import-all.sh CSV [PORT] [sqlite|postgres|both]
# PostgreSQL needs `PGPORT=... PGBENCH_DIR=... bash tests/bench/pg.sh start` first.
set -euo pipefail
CSV=$1; PORT=${2:-5099}; WHICH=${3:-both}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
export BENCH_TMP=${BENCH_TMP:-/tmp}; PGPORT=${PGPORT:-55432}; mkdir -p "$BENCH_TMP"
ROWS=$(( $(wc -l <"$CSV") - 1 ))
echo "csv $CSV: $ROWS rows; nproc $(nproc); $(uptime)"
now() { date +%s.%N; }
job_seconds() { python3 -c 'import json,sys,datetime as d
j=json.load(open(sys.argv[1]))
p=lambda s: d.datetime.fromisoformat(s.replace("Z","+00:00"))
print(round((p(j["finishedAtUtc"])-p(j["startedAtUtc"])).total_seconds(),1))' "$1"; }
TABLE='CREATE TABLE raw_parties (external_id text, role text, given_names text, family_names text, aliases text, date_of_birth text, a_number text, case_reference text)'
baseline() {
  local engine=$1 base
  if [ "$engine" = sqlite ]; then
    rm -f "$BENCH_TMP/raw.db"
    local t0; t0=$(now)
    sqlite3 "$BENCH_TMP/raw.db" "PRAGMA journal_mode=WAL;" "$TABLE;" 'CREATE UNIQUE INDEX raw_ext ON raw_parties (external_id);' \
      'BEGIN;' ".import --csv --skip 1 $CSV raw_parties" 'COMMIT;' >/dev/null
    base=$(echo "$(now) - $t0" | bc); rm -f "$BENCH_TMP/raw.db"*
  else
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'DROP DATABASE IF EXISTS raw_bench' -c 'CREATE DATABASE raw_bench'
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d raw_bench -qc "$TABLE" -c 'CREATE UNIQUE INDEX raw_ext ON raw_parties (external_id)'
    local t0; t0=$(now)
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d raw_bench -qc "\\copy raw_parties FROM '$CSV' WITH (FORMAT csv, HEADER)"
    base=$(echo "$(now) - $t0" | bc)
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'DROP DATABASE raw_bench'
  fi
  echo "$base"
}
run() {
  local engine=$1 base before after
  before=$(baseline "$engine")
  echo "== $engine: baseline raw load (before) $before s; $(uptime)"
  bash "$ROOT/tests/bench/import.sh" "$engine" "$CSV" "$PORT" | tee "$BENCH_TMP/import-$engine.out"
  # import.sh leaves the service running; stop the one it started.
  kill "$(cat "$BENCH_TMP/bench-web.pid")" 2>/dev/null || true; sleep 2
  after=$(baseline "$engine")
  echo "== $engine: baseline raw load (after) $after s; $(uptime)"
  base=$(echo "scale=2; ($before + $after) / 2" | bc)
  local job; job=$(job_seconds "$BENCH_TMP/import-status.json")
  echo "== $engine: import job $job s = $(echo "$ROWS / $job" | bc) rows/s; baseline $base s; ratio $(echo "scale=1; $job / $base" | bc)x; $(uptime)"
}
[ "$WHICH" = postgres ] || run sqlite
[ "$WHICH" = sqlite ] || run postgres
