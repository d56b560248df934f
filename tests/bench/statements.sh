#!/usr/bin/env bash
# One endpoint under load on PostgreSQL, with what each request costs the service and the database, and which
# statements the database spent its time on (pg_stat_statements): where an endpoint's database work goes.
#
#   bash tests/bench/statements.sh [SCRIPT=intake.lua] [WARMUP_SECONDS=90] [SECONDS=20] [CONCURRENCY=16] [TOP=12]
#   STMT_PATH=/api/v1/intakes?pageSize=25 bash tests/bench/statements.sh get.lua      (get.lua needs a path)
#   STMT_TREE=/path/to/other/checkout bash tests/bench/statements.sh                   (run another tree's Release build)
#   STMT_PGPORT (55497), STMT_SVC_PORT (5298): ports, so it can share a machine with tests/bench/load.sh
#   STMT_SEED=intake.lua:60: first run that script for that many seconds, e.g. so that conflict checks (check.lua)
#     search the parties of thousands of intakes, as in tests/bench/load.sh, not an empty index
#   STMT_ALLOCS=SECONDS: then where the service's allocations come from (see the end; needs dotnet-trace:
#     dotnet tool install -g dotnet-trace); STMT_ALLOCS_TRACE: where to keep the trace (default: dropped)
#
# It starts a throwaway PostgreSQL (tests/bench/pg.sh) with pg_stat_statements loaded, the Release service of
# STMT_TREE (default: this checkout; build it first: dotnet build -c Release src/CounselConnect.Web) in Development
# (demo organisation and users) on it; warms up with wrk for WARMUP_SECONDS (the runtime needs about a minute of
# load to finish compiling, see docs/benchmarks.md, "Pipeline overhead, fourth pass"); ANALYZEs, resets the
# statement statistics, and runs wrk (2 threads) for SECONDS at CONCURRENCY. It prints throughput, p50 and p99,
# the CPU time per request of the service process and of the PostgreSQL server (from /proc), and the TOP
# statements by execution time, per request. Comparing two trees: run it for each, alternately, on a quiet machine;
# only runs next to each other compare. Needs wrk (apt-get install wrk).
set -euo pipefail
SCRIPT=${1:-intake.lua}; WARMUP=${2:-90}; DURATION=${3:-20}; CONC=${4:-16}; TOP=${5:-12}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TREE=${STMT_TREE:-$ROOT}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
DLL=$TREE/src/CounselConnect.Web/bin/Release/net10.0/CounselConnect.Web.dll
[ -f "$DLL" ] || { echo "No Release build in $TREE: dotnet build -c Release src/CounselConnect.Web" >&2; exit 1; }
export PGPORT=${STMT_PGPORT:-55497} PGBENCH_DIR=/tmp/stmt-pg-${STMT_PGPORT:-55497}
SVC=http://127.0.0.1:${STMT_SVC_PORT:-5298}
PSQL=(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -X -q)

bash "$ROOT/tests/bench/pg.sh" start >/dev/null
BIN=$(dirname "$(readlink -f "$(command -v initdb)")")
"${PSQL[@]}" -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$BIN/pg_ctl" -D "$PGBENCH_DIR/data" -w restart >/dev/null
else "$BIN/pg_ctl" -D "$PGBENCH_DIR/data" -w restart >/dev/null; fi
"${PSQL[@]}" -c 'CREATE DATABASE counselconnect_load'
"${PSQL[@]}" -d counselconnect_load -c 'CREATE EXTENSION pg_stat_statements'

export ASPNETCORE_ENVIRONMENT=Development Seed__CliClientSecret=dev-cli-secret-change-me
export RateLimits__ConflictChecksPerMinute=100000000 Logging__LogLevel__Default=Warning
export Database__Provider=PostgreSql ConnectionStrings__Default="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=counselconnect_load"
OUT=$(mktemp -d /tmp/stmt-bench.XXXXXX)
# Started in its own folder, so it reads that tree's appsettings files.
(cd "$TREE/src/CounselConnect.Web" && exec dotnet "$DLL" --urls "$SVC") >"$OUT/service.log" 2>&1 &
SVC_PID=$!
cleanup() { kill "$SVC_PID" 2>/dev/null || true; wait "$SVC_PID" 2>/dev/null || true; bash "$ROOT/tests/bench/pg.sh" stop >/dev/null; rm -rf "$OUT"; }
trap cleanup EXIT
for _ in $(seq 120); do curl -sf "$SVC/health/live" >/dev/null && break; sleep 1; done
curl -sf "$SVC/health/live" >/dev/null || { cat "$OUT/service.log" >&2; echo "The service did not start" >&2; exit 1; }
LOAD_TOKEN=$(curl -sf -u counselconnect-cli:dev-cli-secret-change-me -d grant_type=client_credentials "$SVC/connect/token" |
  python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
export LOAD_TOKEN LOAD_LUA_DIR=$ROOT/tests/bench/wrk LOAD_PATH=${STMT_PATH:-}

echo "tree $(git -C "$TREE" rev-parse --short HEAD), $SCRIPT, c=$CONC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${STMT_SEED:-}" ]; then
  IFS=: read -r SEED_SCRIPT SEED_SECONDS <<<"$STMT_SEED"
  echo "seed ($SEED_SCRIPT, $SEED_SECONDS s): $(wrk -t2 -c"$CONC" -d"$SEED_SECONDS"s -s "$LOAD_LUA_DIR/$SEED_SCRIPT" "$SVC" | awk '/^Requests\/sec/{print $2}') req/s"
fi
echo "warm-up ($WARMUP s): $(wrk -t2 -c"$CONC" -d"$WARMUP"s -s "$LOAD_LUA_DIR/$SCRIPT" "$SVC" | awk '/^Requests\/sec/{print $2}') req/s"
"${PSQL[@]}" -d counselconnect_load -c 'ANALYZE' -c 'SELECT pg_stat_statements_reset()' >/dev/null

# CPU seconds (user + system) of the service process and of the PostgreSQL server, as tests/bench/load.sh counts them.
cpu() { python3 "$ROOT/tests/bench/cpu.py" "$SVC_PID" "pg:$PGBENCH_DIR/data"; }
read -r S0 P0 < <(cpu)
wrk -t2 -c"$CONC" -d"$DURATION"s --latency -s "$LOAD_LUA_DIR/$SCRIPT" "$SVC" >"$OUT/wrk.txt"
read -r S1 P1 < <(cpu)
N=$(awk '/requests in/{print $1}' "$OUT/wrk.txt")
python3 - "$OUT/wrk.txt" "$S0" "$S1" "$P0" "$P1" "$N" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
s0, s1, p0, p1, n = map(float, sys.argv[2:])
rps = re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)
lat = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
bad = re.search(r"NON2XX (\d+)", text)
print(f"measured ({n:.0f} requests): {rps} req/s, p50 {lat.get('50')}, p99 {lat.get('99')}, non-2xx {bad.group(1) if bad else '?'}")
print(f"CPU per request: service {1000 * (s1 - s0) / n:.2f} ms, PostgreSQL {1000 * (p1 - p0) / n:.2f} ms")
PY
# The service's resident memory: its peak so far (VmHWM) and now (VmRSS), in MB.
awk '/^VmHWM|^VmRSS/{v[$1]=$2} END{printf "service memory: peak %.0f MB, now %.0f MB\n", v["VmHWM:"]/1024, v["VmRSS:"]/1024}' "/proc/$SVC_PID/status"
"${PSQL[@]}" -d counselconnect_load -P pager=off -c "
SELECT round(calls::numeric / $N, 2) AS calls_per_req, round(rows::numeric / greatest(calls, 1), 1) AS rows_per_call,
       round(total_exec_time::numeric / $N, 3) AS exec_ms_per_req, round(mean_exec_time::numeric, 3) AS mean_ms,
       left(regexp_replace(query, '\s+', ' ', 'g'), 110) AS statement
FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
ORDER BY total_exec_time DESC LIMIT $TOP"

# Where the allocations come from: after the measured run, the same load again for STMT_ALLOCS seconds (plus a few on
# each side) under dotnet-trace with the gc-verbose profile (an allocation tick about every 100 KB, with its type and
# stack) and the ASP.NET Core hosting events (one stop per request), read by tests/CounselConnect.TraceReport: KB per
# request by type and by stack. Tracing slows the service, so it runs after the figures above, not during them.
if [ -n "${STMT_ALLOCS:-}" ]; then
  TRACER=$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")
  [ -x "$TRACER" ] || { echo "dotnet-trace is missing: dotnet tool install -g dotnet-trace" >&2; exit 1; }
  dotnet build -c Release "$ROOT/tests/CounselConnect.TraceReport" -v q -nologo | grep -E " error |rror\(s\)" || true
  TRACE=${STMT_ALLOCS_TRACE:-$OUT/allocs.nettrace}
  wrk -t2 -c"$CONC" -d"$((STMT_ALLOCS + 8))"s -s "$LOAD_LUA_DIR/$SCRIPT" "$SVC" >/dev/null &
  WRK_PID=$!
  sleep 3
  "$TRACER" collect -p "$SVC_PID" --profile gc-verbose --providers Microsoft.AspNetCore.Hosting \
    --duration "$(printf '00:00:%02d:%02d' $((STMT_ALLOCS / 60)) $((STMT_ALLOCS % 60)))" -o "$TRACE" >/dev/null
  wait "$WRK_PID"
  echo
  echo "allocations over $STMT_ALLOCS s of the same load, traced:"
  dotnet "$ROOT/tests/CounselConnect.TraceReport/bin/Release/net10.0/CounselConnect.TraceReport.dll" "$TRACE" 25
fi
