#!/usr/bin/env bash
# How soon a new node is up to speed (a node added by the autoscaler, or restarted in an upgrade): from a cold start,
# the seconds until /health/live answers, then the throughput of one endpoint in consecutive 5-second wrk runs
# (2 threads, 16 connections). The runtime compiles each method first quickly and again optimised once it is hot, on a
# background thread, so a fresh process is slow for a while (docs/benchmarks.md, "Pipeline overhead, fourth pass").
# It compares two publishes of the same code:
#   jit: dotnet publish -r linux-x64 (every method compiled by the JIT at run time);
#   r2r: the same with -p:PublishReadyToRun=true (the assemblies carry precompiled code; the JIT still recompiles the
#        hot methods optimised).
#
#   bash tests/bench/cold-start.sh [SECONDS=60] [ROUNDS=2] [PATH=/api/v1/reports/success-rate?dimension=court]
#   COLD_PGPORT (55497), COLD_PORT (5298), COLD_OUT (/tmp/cold-start): ports and output folder
#
# One throwaway PostgreSQL (tests/bench/pg.sh), migrated and seeded by a first start in Development; then ROUNDS
# rounds, each starting the jit and the r2r publish once (which goes first alternates), Development as the README's run
# command. Prints one line per start and, per publish, the medians over the rounds. Needs wrk (apt-get install wrk).
set -euo pipefail
SECS=${1:-60}; ROUNDS=${2:-2}; P=${3:-/api/v1/reports/success-rate?dimension=court}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${COLD_OUT:-/tmp/cold-start}; mkdir -p "$OUT"
SVC=http://127.0.0.1:${COLD_PORT:-5298}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
export PGPORT=${COLD_PGPORT:-55497} PGBENCH_DIR=/tmp/cold-start-pg-${COLD_PGPORT:-55497}
export ASPNETCORE_ENVIRONMENT=Development Seed__CliClientSecret=dev-cli-secret-change-me Logging__LogLevel__Default=Warning
export Database__Provider=PostgreSql ConnectionStrings__Default="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=counselconnect_cold"
export LOAD_LUA_DIR="$ROOT/tests/bench/wrk" LOAD_PATH=$P

for V in jit r2r; do
  R2R=false; [ $V = r2r ] && R2R=true
  rm -rf "${OUT:?}/$V"
  dotnet publish "$ROOT/src/CounselConnect.Web/CounselConnect.Web.csproj" -c Release -r linux-x64 --self-contained false \
    -p:UseAppHost=false -p:PublishReadyToRun=$R2R -o "$OUT/$V" -v q -nologo | grep -E " error |rror\(s\)" || true
done

bash "$ROOT/tests/bench/pg.sh" start >/dev/null
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; bash "$ROOT/tests/bench/pg.sh" stop >/dev/null 2>&1 || true; }
trap cleanup EXIT
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'CREATE DATABASE counselconnect_cold'

# Starts a publish; UP is then the seconds until /health/live answered (the folder is the content root, as in the image).
start() {
  local t0; t0=$(date +%s.%N)
  (cd "$OUT/$1" && exec dotnet CounselConnect.Web.dll --urls "$SVC") >"$OUT/$1.log" 2>&1 &
  PID=$!
  until curl -sf "$SVC/health/live" >/dev/null 2>&1; do
    kill -0 "$PID" 2>/dev/null || { cat "$OUT/$1.log" >&2; exit 1; }
    sleep 0.05
  done
  UP=$(python3 -c 'import sys,time;print(f"{time.time()-float(sys.argv[1]):.1f}")' "$t0")
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=""; }

start jit; stop # migrates and seeds the database
declare -A STARTS RATES
for R in $(seq 1 "$ROUNDS"); do
  for V in $([ $((R % 2)) = 1 ] && echo "jit r2r" || echo "r2r jit"); do
    start $V
    export LOAD_TOKEN; LOAD_TOKEN=$(curl -s -u counselconnect-cli:dev-cli-secret-change-me -d grant_type=client_credentials \
      "$SVC/connect/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
    LINE=""
    for _ in $(seq 1 $((SECS / 5))); do
      LINE+="$(wrk -t2 -c16 -d5s -s "$LOAD_LUA_DIR/get.lua" "$SVC" | awk '/^Requests\/sec/{printf "%d", $2}') "
    done
    stop
    echo "round $R $V: up in $UP s; req/s per 5 s: $LINE"
    STARTS[$V]+="$UP "; RATES[$V]+="${LINE% }|"
  done
done

echo "Medians over $ROUNDS rounds ($P):"
for V in jit r2r; do
  python3 - "$V" "${STARTS[$V]}" "${RATES[$V]}" <<'PY'
import statistics, sys
v, starts, rates = sys.argv[1], sys.argv[2].split(), [r.split() for r in sys.argv[3].split("|") if r]
cols = [statistics.median(float(r[i]) for r in rates) for i in range(min(map(len, rates)))]
print(f"{v}: up in {statistics.median(map(float, starts)):.1f} s; req/s per 5 s: " + " ".join(f"{c:.0f}" for c in cols))
PY
done
