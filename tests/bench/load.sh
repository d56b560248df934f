#!/usr/bin/env bash
# HTTP load on the main endpoints with wrk, against the service and, in the same run, against the bare baseline
# (tests/CounselConnect.LoadBaseline: the same handlers on the same database with no auth, validation, mediator
# or audit), so the cost of our pipeline is a ratio.
#
#   bash tests/bench/load.sh [postgres|sqlite] [DURATION_SECONDS=10] [CONCURRENCIES="16 64"]
#   LOAD_ONLY=conflict-checks bash tests/bench/load.sh ...      only the endpoints whose name contains that text
#   LOAD_PROFILE="check.lua" bash tests/bench/load.sh ...       CPU profile of one endpoint instead (see below)
#   LOAD_PERF="check.lua" bash tests/bench/load.sh ...          service vs baseline CPU per request by assembly (see below)
#   LOAD_PGPORT, LOAD_SVC_PORT, LOAD_BASE_PORT, LOAD_OUT: ports (55491, 5201, 5202) and output folder, so two runs can share a machine
#   LOAD_ROUNDS (3), LOAD_WARMUP (8): measured rounds per row, and seconds of warm-up per endpoint and server in a pass
#   LOAD_WARMUP_PASSES (5): the most warm-up passes (see below)
#   LOAD_ENVIRONMENT=Production: both servers run as a deployment does (see below); default Development
#
# It starts a throwaway PostgreSQL (tests/bench/pg.sh, port $LOAD_PGPORT or 55491) or a fresh SQLite file, the Release service
# (Development: demo organisation and users) on :5201 and the baseline on :5202, both on that database; opens one
# case needing counsel through the API for the ranking endpoint; then, per endpoint and concurrency, runs wrk
# against the service and against the baseline (2 wrk threads, DURATION seconds per run, rounds as below), and
# prints one table row per endpoint and concurrency with throughput, p50, p99, non-2xx answers (and wrk timeouts,
# "+N t/o") and the service/baseline ratios. Every endpoint at every concurrency in one command:
# bash tests/bench/load.sh postgres 8 "16 64".
# Steady state, not a cold start. The runtime compiles a method first quickly, and again optimised once it is hot
# (tiered compilation, on a background thread); the service has about 50,000 methods to go through, and while that
# thread runs it takes CPU from the requests (on 2 cores, a minute of load). So the warm-up runs in passes: each pass
# runs every endpoint on both servers for LOAD_WARMUP seconds (8), and passes repeat (at most LOAD_WARMUP_PASSES)
# until, during a pass, each server's tier-up thread used less than 1% of the pass's time; every pass prints what
# it used. On PostgreSQL the tables are then ANALYZEd (a fresh database has no statistics, and its plans for the
# first minute are not those of a running deployment). Under the table, the tier-up thread's CPU during the
# measured runs shows that they measured the steady state. Then each endpoint and
# concurrency is measured in LOAD_ROUNDS rounds (3), service and baseline alternating (which goes first alternates
# too), each run after its own 2 s warm-up; the row shows the medians over the rounds, and the req/s ratio of each
# round, so the spread between neighbouring runs is in the table.
# The service's conflict-check rate limit is raised for the run (the limiter still runs); everything else is the
# configuration the README's run command uses (Development), or a deployment's with LOAD_ENVIRONMENT=Production.
# Needs wrk (apt-get install wrk).
set -euo pipefail
PROVIDER=${1:-postgres}; DURATION=${2:-10}; CONCURRENCIES=${3:-"16 64"}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SVC=http://127.0.0.1:${LOAD_SVC_PORT:-5201}; BASE=http://127.0.0.1:${LOAD_BASE_PORT:-5202}
OUT=${LOAD_OUT:-/tmp/load-bench}; mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
export ASPNETCORE_ENVIRONMENT=Development Seed__CliClientSecret=dev-cli-secret-change-me
export RateLimits__ConflictChecksPerMinute=100000000 Logging__LogLevel__Default=Warning
# perf needs the JIT's symbol maps, and code that is not double-mapped, to name managed frames.
[ -n "${LOAD_PERF:-}" ] && export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
if [ "$PROVIDER" = postgres ]; then
  export PGPORT=${LOAD_PGPORT:-55491}; export PGBENCH_DIR=/tmp/load-pg-$PGPORT
  bash "$ROOT/tests/bench/pg.sh" start >/dev/null
  psql -h 127.0.0.1 -p $PGPORT -U postgres -qc 'CREATE DATABASE counselconnect_load'
  export Database__Provider=PostgreSql ConnectionStrings__Default="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=counselconnect_load"
else
  DB=$OUT/load-bench.db; rm -f "$DB" "$DB-wal" "$DB-shm"
  export Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$DB"
fi
dotnet build -c Release "$ROOT/src/CounselConnect.Web" -v q -nologo | grep -E " error |rror\(s\)" || true
dotnet build -c Release "$ROOT/tests/CounselConnect.LoadBaseline" -v q -nologo | grep -E " error |rror\(s\)" || true

# Production mode: the servers run with ASPNETCORE_ENVIRONMENT=Production, as a deployment does (no developer
# exception page, no DI scope validation, JSON console logs, HSTS): certificates and keys from
# deploy/make-dev-secrets.sh, the database migrated and the load's API client seeded once in Development first (the
# demo seeder runs only there, as in tests/bench/three-nodes.sh), and every request sent as the reverse proxy sends it
# (Host localhost, X-Forwarded-Proto https).
FWD=()
if [ "${LOAD_ENVIRONMENT:-Development}" = Production ]; then
  SECRETS_DIR="$OUT/secrets" bash "$ROOT/deploy/make-dev-secrets.sh" localhost > "$OUT/secrets.env"
  set -a; . <(grep -v '^#' "$OUT/secrets.env"); set +a
  export Encryption__MasterKey="$ENCRYPTION_MASTER_KEY" Encryption__MasterKeyId=load OpenIddict__TokenEncryptionKey="$TOKEN_ENCRYPTION_KEY"
  (cd "$ROOT/src/CounselConnect.Web" && ASPNETCORE_ENVIRONMENT=Development OpenIddict__EphemeralKeys=true Seed__Demo=true \
    dotnet bin/Release/net10.0/CounselConnect.Web.dll migrate) >"$OUT/migrate.log" 2>&1
  export ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_FORWARDEDHEADERS_ENABLED=true OpenIddict__Issuer=https://localhost/ \
    OpenIddict__SigningCertificate__Path="$OUT/secrets/signing.pfx" OpenIddict__SigningCertificate__Password="$SIGNING_CERTIFICATE_PASSWORD" \
    OpenIddict__EncryptionCertificate__Path="$OUT/secrets/encryption.pfx" OpenIddict__EncryptionCertificate__Password="$ENCRYPTION_CERTIFICATE_PASSWORD" \
    LOAD_FORWARDED=1
  FWD=(-H 'Host: localhost' -H 'X-Forwarded-Proto: https')
fi

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "$PROVIDER" = postgres ] && bash "$ROOT/tests/bench/pg.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT
up() { for _ in $(seq 1 240); do curl -sf "$1/health/live" >/dev/null && return 0; sleep 0.5; done; echo "$1 did not start" >&2; exit 1; }

(cd "$ROOT/src/CounselConnect.Web" && exec dotnet bin/Release/net10.0/CounselConnect.Web.dll --urls "$SVC") >"$OUT/service.log" 2>&1 &
SVC_PID=$!; PIDS+=($SVC_PID)
up "$SVC"
TOKEN=$(curl -s "${FWD[@]}" -u counselconnect-cli:dev-cli-secret-change-me -d grant_type=client_credentials "$SVC/connect/token" \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
export LOAD_TOKEN=$TOKEN LOAD_LUA_DIR="$ROOT/tests/bench/wrk"
AUTH=("${FWD[@]}" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
ORG=$(curl -sf "${AUTH[@]}" "$SVC/api/v1/me" | python3 -c 'import json,sys;print(json.load(sys.stdin)["organisationId"])')

# One case needing counsel, for the ranking endpoint: an intake whose matches are all decided no-conflict, accepted.
CASE=$(curl -sf "${AUTH[@]}" -d '{"person":{"givenNames":["Loadtest"],"familyNames":["Rankingcase"],"aliases":[]},
  "relatedParties":[],"custody":"detained","courtCode":"NYC","primaryLanguage":"spa",
  "languages":[{"code":"spa","speaks":true,"reads":true}],"interpreterNeeded":false,"reliefSought":["asylum"]}' \
  "$SVC/api/v1/intakes")
ID=$(echo "$CASE" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
for M in $(echo "$CASE" | python3 -c 'import json,sys;c=json.load(sys.stdin)["conflictCheck"];print(" ".join(m["id"] for m in (c or {}).get("matches",[])))'); do
  curl -sf "${AUTH[@]}" -d '{"decision":"no_conflict"}' "$SVC/api/v1/intakes/$ID/conflict-matches/$M/decision" >/dev/null
done
curl -sf "${AUTH[@]}" -X POST "$SVC/api/v1/intakes/$ID/accept" >/dev/null

# Started in the service's folder, so it reads the same appsettings files (connection, encryption keys).
(cd "$ROOT/src/CounselConnect.Web" && exec dotnet "$ROOT/tests/CounselConnect.LoadBaseline/bin/Release/net10.0/CounselConnect.LoadBaseline.dll" --urls "$BASE" \
  --Baseline:Organisation="$ORG") >"$OUT/baseline.log" 2>&1 &
BASE_PID=$!; PIDS+=($BASE_PID)
PG=""; [ "$PROVIDER" = postgres ] && PG="pg:$PGBENCH_DIR/data"
up "$BASE"

# Profile mode: LOAD_PROFILE="script.lua[|path]" samples the service's CPU with dotnet-trace while wrk runs that
# script at c=8 for DURATION seconds, then prints the heaviest frames (inclusive share of the samples) in our code
# and the libraries it calls: where a request's CPU goes. Needs dotnet-trace (dotnet tool install -g dotnet-trace).
if [ -n "${LOAD_PROFILE:-}" ]; then
  IFS='|' read -r SCRIPT P <<<"$LOAD_PROFILE"
  TRACE="$OUT/service.nettrace"; rm -f "$TRACE" "$OUT"/service.speedscope.json
  LOAD_PATH=$P wrk -t2 -c8 -d3s -s "$LOAD_LUA_DIR/$SCRIPT" "$SVC" >/dev/null
  (LOAD_PATH=$P wrk -t2 -c8 -d$((DURATION + 4))s --latency -s "$LOAD_LUA_DIR/$SCRIPT" "$SVC" >"$OUT/profile-wrk.txt" 2>&1 &)
  sleep 2
  "${DOTNET_TRACE:-dotnet-trace}" collect -p "$SVC_PID" --profile dotnet-sampled-thread-time -o "$TRACE" --duration "00:00:00:$(printf %02d "$DURATION")" >/dev/null
  sleep 3
  grep -E "Requests/sec|Non-2xx" "$OUT/profile-wrk.txt" || true
  "${DOTNET_TRACE:-dotnet-trace}" convert --format Speedscope "$TRACE" -o "$OUT/service" >/dev/null
  python3 "$ROOT/tests/bench/profile-summary.py" "$OUT"/service.speedscope.json
  exit 0
fi

# name|script|path
ENDPOINTS=(
  "POST /api/v1/intakes (with conflict check)|intake.lua|"
  "POST /api/v1/conflict-checks|check.lua|"
  "GET /api/v1/intakes?pageSize=25|get.lua|/api/v1/intakes?pageSize=25"
  "GET /api/v1/cases/{id}/attorney-matches|get.lua|/api/v1/cases/$ID/attorney-matches"
  "GET /api/v1/reports/success-rate?dimension=court|get.lua|/api/v1/reports/success-rate?dimension=court"
)
# wrk's latency lines read "50%  1.23ms"; turn a value into milliseconds.
ms() { python3 -c 'import sys,re;v=sys.argv[1];n,u=re.match(r"([\d.]+)(us|ms|s|m)",v).groups();print(round(float(n)*{"us":0.001,"ms":1,"s":1000,"m":60000}[u],2))' "$1"; }
# CPU seconds (user + system) used so far by the processes given, or by the PostgreSQL server ("pg:DATA_DIR"),
# summed (tests/bench/cpu.py).
cpu() { python3 "$ROOT/tests/bench/cpu.py" --total "$@"; }
run() { # url script path conc seconds cpu-pids... -> "rps p50 p99 non2xx total cpu-ms-per-request timeouts"
  local f="$OUT/wrk-$RANDOM.txt" c0 c1
  c0=$(cpu "${@:6}")
  LOAD_PATH=$3 wrk -t2 -c"$4" -d"$5"s --latency -s "$LOAD_LUA_DIR/$2" "$1" >"$f" 2>&1 || { cat "$f" >&2; exit 1; }
  c1=$(cpu "${@:6}")
  local rps p50 p99 bad total
  rps=$(awk '/^Requests\/sec/{print $2}' "$f"); total=$(awk '/requests in/{print $1}' "$f")
  p50=$(ms "$(awk '$1=="50%"{print $2}' "$f")"); p99=$(ms "$(awk '$1=="99%"{print $2}' "$f")")
  bad=$(awk '/^NON2XX/{print $2}' "$f")
  # Requests wrk gave up on after its 2 s timeout are in no latency figure: shown after the non-2xx count ("+N t/o").
  local tmo; tmo=$(awk '/Socket errors/{for(i=1;i<=NF;i++) if($i=="timeout") print $(i+1)}' "$f")
  echo "$rps $p50 $p99 $bad $total $(python3 -c "import sys;print(round(1000*(float(sys.argv[2])-float(sys.argv[1]))/max(1,int(sys.argv[3])),2))" "$c0" "$c1" "$total") ${tmo:-0}"
}
# CPU seconds used by a process's tier-up threads (the runtime's background compiler, ".NET Tiered Compilation
# Worker", whose name the kernel cuts to ".NET Tiered Com"), from now until tierup_stop. The worker leaves after a few
# idle seconds and a new one starts when there is work again, so the threads are sampled every 0.2 s while the
# watch runs and every one seen counts (a thread's last 0.2 s before it left are missed).
tierup_watch() { # pid -> the watch's file name; stop it with tierup_stop FILE, which prints the seconds
  local f; f="$OUT/tierup-$1-$RANDOM"
  python3 - "$1" "$f" <<'PY' >/dev/null 2>&1 &
import os, sys, time
pid, out = sys.argv[1], sys.argv[2]
tck = os.sysconf("SC_CLK_TCK")
seen = {}
def sample():
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                name, rest = f.read().split("(", 1)[1].rsplit(")", 1)
            if name.startswith(".NET Tiered"):
                s = rest.split(); seen[tid] = (int(s[11]) + int(s[12])) / tck
        except (FileNotFoundError, ProcessLookupError):
            pass
sample(); before = dict(seen)
while not os.path.exists(out + ".stop"):
    time.sleep(0.2); sample()
with open(out, "w") as f:
    f.write(f"{sum(v - before.get(t, 0) for t, v in seen.items()):.2f}\n")
PY
  echo "$f"
}
tierup_stop() { touch "$1.stop"; while [ ! -s "$1" ]; do sleep 0.1; done; cat "$1"; rm -f "$1" "$1.stop"; }
ROUNDS=${LOAD_ROUNDS:-3}; WARMUP=${LOAD_WARMUP:-8}; PASSES=${LOAD_WARMUP_PASSES:-5}
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); provider $PROVIDER; $(nproc) cores; duration ${DURATION}s per run, $ROUNDS rounds"
for PASS in $(seq 1 "$PASSES"); do
  T0=$(date +%s); SW=$(tierup_watch "$SVC_PID"); BW=$(tierup_watch "$BASE_PID")
  for e in "${ENDPOINTS[@]}"; do
    IFS='|' read -r NAME SCRIPT P <<<"$e"
    case "$NAME" in *"${LOAD_ONLY:-}"*) ;; *) continue ;; esac
    run "$SVC" "$SCRIPT" "$P" 16 "$WARMUP" >/dev/null; run "$BASE" "$SCRIPT" "$P" 16 "$WARMUP" >/dev/null
  done
  SJ=$(tierup_stop "$SW"); BJ=$(tierup_stop "$BW"); SECS=$(($(date +%s) - T0))
  echo "warm-up pass $PASS ($SECS s): tier-up thread CPU service $SJ s, baseline $BJ s"
  python3 -c "import sys;sys.exit(0 if max(map(float,sys.argv[2:]))<0.01*float(sys.argv[1]) else 1)" "$SECS" "$SJ" "$BJ" && break
  [ "$PASS" = "$PASSES" ] && echo "warm-up: the tier-up threads were still busy after the last pass; the figures below are not the steady state"
done
[ "$PROVIDER" = postgres ] && psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d counselconnect_load -qc 'ANALYZE'
echo "warm-up done$([ "$PROVIDER" = postgres ] && echo ', then ANALYZE'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
# Perf mode: LOAD_PERF="script.lua[|path]", after the warm-up above, records on-CPU samples (Linux perf, 499 Hz,
# call graphs) of the service and then of the baseline while wrk runs that script at c=16 for DURATION seconds, and
# prints CPU milliseconds per request by assembly for both and the difference (tests/bench/perf-modules.py): where
# the service's extra CPU goes.
# Unlike dotnet-trace's thread-time samples, perf counts only time on a CPU (a spinning or waiting thread pool thread
# is not counted as work). Needs perf (apt-get install linux-perf).
if [ -n "${LOAD_PERF:-}" ]; then
  IFS='|' read -r SCRIPT P <<<"$LOAD_PERF"
  P=${P//\{id\}/$ID} # "{id}": the case opened above, e.g. LOAD_PERF="get.lua|/api/v1/cases/{id}/attorney-matches"
  command -v perf >/dev/null || { echo "perf is missing: apt-get install linux-perf" >&2; exit 1; }
  for WHO in service baseline; do
    if [ $WHO = service ]; then URL=$SVC; PID=$SVC_PID; else URL=$BASE; PID=$BASE_PID; fi
    LOAD_PATH=$P wrk -t2 -c16 -d3s -s "$LOAD_LUA_DIR/$SCRIPT" "$URL" >/dev/null
    perf record -F 499 -g -p "$PID" -o "$OUT/$WHO.perf" -- sleep $((DURATION + 1)) >/dev/null 2>&1 &
    REC=$!
    sleep 0.5
    LOAD_PATH=$P wrk -t2 -c16 -d${DURATION}s -s "$LOAD_LUA_DIR/$SCRIPT" "$URL" >"$OUT/$WHO-perf-wrk.txt"
    wait $REC || true
    perf script -i "$OUT/$WHO.perf" >"$OUT/$WHO-perf.txt" 2>/dev/null
    grep -E "requests in|Requests/sec|NON2XX" "$OUT/$WHO-perf-wrk.txt" | sed "s/^/$WHO: /"
  done
  python3 "$ROOT/tests/bench/perf-modules.py" "$OUT/service-perf.txt" "$(awk '/requests in/{print $1}' "$OUT/service-perf-wrk.txt")" \
    "$OUT/baseline-perf.txt" "$(awk '/requests in/{print $1}' "$OUT/baseline-perf-wrk.txt")" 499 "${LOAD_PERF_TOP:-25}"
  exit 0
fi

SW=$(tierup_watch "$SVC_PID"); BW=$(tierup_watch "$BASE_PID")
echo "Medians over $ROUNDS rounds. CPU ms/request: CPU time (user+system) of the answering process plus the PostgreSQL server, over the run, per request."
echo "| Endpoint | c | service req/s | p50 ms | p99 ms | non-2xx | CPU ms/req | baseline req/s | p50 ms | p99 ms | non-2xx | CPU ms/req | req/s ratio | p99 ratio | CPU ratio | req/s ratio per round |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
# Medians of the rounds' result lines ("rps p50 p99 non2xx total cpu timeouts"); non-2xx, totals and timeouts are summed.
median() {
  python3 - "$@" <<'PY'
import statistics, sys
rows = [list(map(float, r.split())) for r in sys.argv[1:]]
cols = list(zip(*rows))
out = [statistics.median(c) for c in cols[:3]] + [sum(cols[3]), sum(cols[4]), statistics.median(cols[5]), sum(cols[6])]
print(" ".join(f"{v:.2f}" if i in (0, 1, 2, 5) else str(int(v)) for i, v in enumerate(out)))
PY
}
for e in "${ENDPOINTS[@]}"; do
  IFS='|' read -r NAME SCRIPT P <<<"$e"
  case "$NAME" in *"${LOAD_ONLY:-}"*) ;; *) continue ;; esac
  for C in $CONCURRENCIES; do
    SR=(); BR=(); PER=""
    for R in $(seq 1 "$ROUNDS"); do
      for T in $([ $((R % 2)) = 1 ] && echo "svc base" || echo "base svc"); do
        if [ "$T" = svc ]; then
          run "$SVC" "$SCRIPT" "$P" "$C" 2 >/dev/null; X=$(run "$SVC" "$SCRIPT" "$P" "$C" "$DURATION" "$SVC_PID" "$PG"); SR+=("$X")
        else
          run "$BASE" "$SCRIPT" "$P" "$C" 2 >/dev/null; X=$(run "$BASE" "$SCRIPT" "$P" "$C" "$DURATION" "$BASE_PID" "$PG"); BR+=("$X")
        fi
      done
      PER+="$(python3 -c "import sys;s,b=float(sys.argv[1].split()[0]),float(sys.argv[2].split()[0]);print(f'{b/max(s,0.01):.2f}x')" "${SR[-1]}" "${BR[-1]}") "
    done
    S=($(median "${SR[@]}")); B=($(median "${BR[@]}"))
    R=$(python3 -c "import sys;s,b,sp,bp,sc,bc=map(float,sys.argv[1:]);print(f'{b/max(s,0.01):.2f}x | {sp/max(bp,0.01):.2f}x | {sc/max(bc,0.01):.2f}x')" "${S[0]}" "${B[0]}" "${S[2]}" "${B[2]}" "${S[5]}" "${B[5]}")
    ST=""; [ "${S[6]}" = 0 ] || ST="+${S[6]}t/o"; BT=""; [ "${B[6]}" = 0 ] || BT="+${B[6]}t/o"
    echo "| $NAME | $C | ${S[0]} | ${S[1]} | ${S[2]} | ${S[3]}/${S[4]}$ST | ${S[5]} | ${B[0]} | ${B[1]} | ${B[2]} | ${B[3]}/${B[4]}$BT | ${B[5]} | $R | ${PER% } |"
  done
done
echo "tier-up thread CPU during the measured runs: service $(tierup_stop "$SW") s, baseline $(tierup_stop "$BW") s"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
