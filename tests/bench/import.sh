#!/usr/bin/env bash
# Import benchmark: starts the service (Release build output, Development environment) on sqlite or postgres,
# posts the CSV to /api/v1/imports/parties, polls until the import completes, then runs one conflict check
# (which makes the in-memory index catch up with the million parties) and reports wall times and memory.
# Memory: VmRSS/VmHWM from /proc at `completed`, after the index catch-up (the service logs it) and in steady state
# (STEADY seconds later, default 60); with dotnet-counters installed (`dotnet tool install -g dotnet-counters`) also the
# managed heap after the last GC (size, fragmentation, committed) from a System.Runtime counter session of the whole run.
# Usage: bash tests/bench/import.sh sqlite|postgres CSV [PORT]
# The service is left running (pid in $BENCH_TMP/bench-web.pid) for tests/bench/http.sh; stop it with kill.
# Postgres needs tests/bench/pg.sh start first. BENCH_TMP (default /tmp) holds the SQLite file, the log and the
# pid file, so that several people can run it at once with their own BENCH_TMP, PGPORT and PORT.
set -euo pipefail
PROVIDER=$1; CSV=$2; PORT=${3:-5099}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
URL=http://127.0.0.1:$PORT
T=${BENCH_TMP:-/tmp}
export ASPNETCORE_ENVIRONMENT=Development Seed__CliClientSecret=dev-cli-secret-change-me
if [ "$PROVIDER" = sqlite ]; then
  rm -f "$T/bench.db" "$T/bench.db-wal" "$T/bench.db-shm"
  export Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$T/bench.db"
else
  PGPORT=${PGPORT:-55432}
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc 'DROP DATABASE IF EXISTS counselconnect_bench' -c 'CREATE DATABASE counselconnect_bench'
  export Database__Provider=PostgreSql ConnectionStrings__Default="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=counselconnect_bench"
fi
dotnet build -c Release "$ROOT/src/CounselConnect.Web" -v q -nologo >/dev/null
cd "$ROOT/src/CounselConnect.Web"
dotnet bin/Release/net10.0/CounselConnect.Web.dll --urls "$URL" >"$T/bench-web.log" 2>&1 &
PID=$!; echo $PID >"$T/bench-web.pid"
for _ in $(seq 1 120); do curl -sf "$URL/health/live" >/dev/null && break; sleep 0.5; done
mem() { grep -E "^$1:" /proc/$PID/status | awk '{printf "%.0f MiB", $2/1024}'; }
COUNTERS=$(command -v dotnet-counters || ls "$HOME/.dotnet/tools/dotnet-counters" 2>/dev/null || true)
rm -f "$T/counters.csv"
if [ -n "$COUNTERS" ]; then
  "$COUNTERS" collect -p "$PID" --counters System.Runtime --refresh-interval 2 --format csv -o "$T/counters.csv" >/dev/null 2>&1 &
  echo $! >"$T/bench-counters.pid"
fi
# Managed heap as of the last GC, from the newest sample of the counter session (MiB; sums over generations).
gc() { [ -s "$T/counters.csv" ] || { echo "managed heap n/a (no dotnet-counters)"; return; }
  python3 - "$T/counters.csv" <<'PY'
import csv, sys
rows = [r for r in csv.reader(open(sys.argv[1])) if len(r) == 5 and r[0] != "Timestamp"]
if not rows:
    print("managed heap n/a (no sample yet)"); sys.exit()
latest = {}
for r in rows:
    latest[r[2]] = float(r[4])  # the newest value of each counter (one per generation for the heap ones)
def total(name, values=latest):
    return sum(v for k, v in values.items() if k.startswith(name)) / 1048576
peak = max(float(r[4]) for r in rows if r[2].startswith("dotnet.gc.last_collection.memory.committed_size")) / 1048576
print("managed heap %.0f MiB (gen2 %.0f, loh %.0f), fragmentation %.0f MiB, GC committed %.0f MiB (peak %.0f)" % (
    total("dotnet.gc.last_collection.heap.size"), total("dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=gen2]"),
    total("dotnet.gc.last_collection.heap.size (By)[gc.heap.generation=loh]"),
    total("dotnet.gc.last_collection.heap.fragmentation.size"), total("dotnet.gc.last_collection.memory.committed_size"), peak))
PY
}
echo "service pid $PID up; RSS $(mem VmRSS)"
TOKEN=$(curl -s -u counselconnect-cli:dev-cli-secret-change-me -d grant_type=client_credentials "$URL/connect/token" \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
T0=$(date +%s.%N)
LOC=$(curl -s -D - -o "$T/bench-import-start.json" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' \
  --data-binary @"$CSV" "$URL/api/v1/imports/parties" | tr -d '\r' | awk -F': ' 'tolower($1)=="location"{print $2}')
T1=$(date +%s.%N)
echo "upload accepted in $(echo "$T1 - $T0" | bc) s -> $LOC"
while true; do
  ST=$(curl -s -H "Authorization: Bearer $TOKEN" "$URL$LOC")
  S=$(echo "$ST" | python3 -c 'import json,sys;d=json.load(sys.stdin);print(d.get("status"))')
  [ "$S" = completed ] || [ "$S" = failed ] && break
  sleep 1
done
T2=$(date +%s.%N)
echo "$ST" | python3 -c 'import json,sys;d=json.load(sys.stdin);d.pop("errors",None);print(json.dumps(d))'
echo "$ST" >"$T/import-status.json"
echo "import wall (POST to completed): $(echo "$T2 - $T0" | bc) s; peak RSS so far $(mem VmHWM), RSS $(mem VmRSS)"
echo "at completed: $(gc); $(uptime)"
T3=$(date +%s.%N)
curl -s -o /dev/null -w 'first conflict check (index catch-up) HTTP %{http_code} in %{time_total} s\n' -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' -d '{"givenNames":"Jose","familyNames":["Garcia"],"aliases":[],"dateOfBirth":"1988"}' "$URL/api/v1/conflict-checks"
# The import job starts the index catch-up itself; report how long that took (from the service log).
# Each catch-up pass that applies 10,000 changes or more logs "... up to change N"; the catch-up is done when N has
# reached the feed's last change (the import's rows plus the few seeded ones), so wait (at most 300 s) for that.
ROWS=$(( $(wc -l <"$CSV") - 1 )); T4=$(date +%s.%N)
upto() { grep -o 'Conflict index applied.*up to change [0-9]*' "$T/bench-web.log" | tail -1 | grep -o '[0-9]*$' || echo 0; }
for _ in $(seq 1 300); do [ "$(upto)" -ge "$ROWS" ] && break; sleep 1; done
echo "index catch-up logged: $(grep -o 'Conflict index applied.*' "$T/bench-web.log" | tail -1) ($(echo "$(date +%s.%N) - $T4" | bc) s after the first check returned)"
sleep 5
echo "after catch-up: RSS $(mem VmRSS), peak RSS $(mem VmHWM); $(gc); $(uptime)"
STEADY=${STEADY:-60}
sleep "$STEADY"
echo "steady state (${STEADY} s later): RSS $(mem VmRSS), peak RSS $(mem VmHWM); $(gc); $(uptime)"
[ -f "$T/bench-counters.pid" ] && kill "$(cat "$T/bench-counters.pid")" 2>/dev/null; rm -f "$T/bench-counters.pid"
