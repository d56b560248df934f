#!/usr/bin/env bash
# Three CounselConnect nodes on loopback against one throwaway PostgreSQL, in the Production environment with the
# deployment's settings (shared PKCS#12 token certificates, shared master key, Database__MigrateOnStartup=false,
# the `migrate` command run once first). Proves:
#   1. a token issued by node 1 is accepted by nodes 2 and 3 (and a forged one by none);
#   2. under a mixed load spread over the nodes (intakes with conflict check, intake lists, conflict checks, /me),
#      node 2 is SIGKILLed and restarted: every intake answered 201 is in the database.
# Every request carries the same Host header and X-Forwarded-Proto: https, as the reverse proxy sends them: the
# token's issuer is the public address, so nodes reached under different host names would reject each other's
# tokens (OpenIddict ID2088), which is why a deployment must pass the public Host through.
# Usage: bash tests/bench/three-nodes.sh [seconds-after-recovery]   (default 10; node 2 is killed 10 s into the
# load, restarted 5 s later, and the load goes on until node 2 has been ready again for that many seconds)
# Env: APP_DIR=<published app> reuses a publish; PGPORT (55441); BASE_PORT (5210). Everything listens on 127.0.0.1.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
AFTER=${1:-10}
PUBLIC_HOST=counselconnect.local
export PGPORT=${PGPORT:-55441} PGBENCH_DIR=${PGBENCH_DIR:-/tmp/cc-three-pg}
BASE_PORT=${BASE_PORT:-5210}
WORK=$(mktemp -d /tmp/cc-three.XXXXXX)
APP_DIR=${APP_DIR:-$WORK/app}
PIDS=()
log() { printf '[three-nodes] %s\n' "$*"; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  bash "$ROOT/tests/bench/pg.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

if [ ! -f "$APP_DIR/CounselConnect.Web.dll" ]; then
  log "publishing to $APP_DIR"
  dotnet publish "$ROOT/src/CounselConnect.Web" -c Release -o "$APP_DIR" -v q -nologo >/dev/null
fi
log "PostgreSQL on 127.0.0.1:$PGPORT"
bash "$ROOT/tests/bench/pg.sh" start >/dev/null
DB="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=counselconnect"
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "create database counselconnect" >/dev/null

SECRETS_DIR=$WORK/secrets bash "$ROOT/deploy/make-dev-secrets.sh" localhost > "$WORK/secrets.env"
set -a; . <(grep -v '^#' "$WORK/secrets.env"); set +a
CLI_SECRET=$(openssl rand -hex 16)
common_env() {
  env Database__Provider=PostgreSql ConnectionStrings__Default="$DB" \
      Encryption__MasterKey="$ENCRYPTION_MASTER_KEY" Encryption__MasterKeyId=bench \
      Reminders__Channels__OutboxPath="$WORK/outbox" "$@"
}

# Migrate once. The API client for the load is seeded by the demo seeder, which runs only in Development: this
# one run is Development (ephemeral keys, demo data and the CLI client); the nodes below are Production.
log "migrate (and seed the load's API client)"
(cd "$WORK" && common_env ASPNETCORE_ENVIRONMENT=Development OpenIddict__EphemeralKeys=true Seed__Demo=true \
  Seed__CliClientSecret="$CLI_SECRET" dotnet "$APP_DIR/CounselConnect.Web.dll" migrate > "$WORK/migrate.log" 2>&1)

start_node() { # index
  local i=$1 port=$((BASE_PORT + $1))
  (cd "$WORK" && exec env ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    ASPNETCORE_FORWARDEDHEADERS_ENABLED=true Database__MigrateOnStartup=false Hangfire__WorkerCount=2 \
    Database__Provider=PostgreSql ConnectionStrings__Default="$DB" \
    Encryption__MasterKey="$ENCRYPTION_MASTER_KEY" Encryption__MasterKeyId=bench \
    Reminders__Channels__OutboxPath="$WORK/outbox" \
    OpenIddict__SigningCertificate__Path="$WORK/secrets/signing.pfx" OpenIddict__SigningCertificate__Password="$SIGNING_CERTIFICATE_PASSWORD" \
    OpenIddict__EncryptionCertificate__Path="$WORK/secrets/encryption.pfx" OpenIddict__EncryptionCertificate__Password="$ENCRYPTION_CERTIFICATE_PASSWORD" \
    RateLimits__ConflictChecksPerMinute=100000 RateLimits__SignInPerMinute=100000 \
    dotnet "$APP_DIR/CounselConnect.Web.dll" >> "$WORK/node$i.log" 2>&1) &
  PIDS[$i]=$!
}
wait_ready() { # index, limit seconds; prints seconds taken
  local port=$((BASE_PORT + $1)) t0=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready")" = 200 ]; do
    [ $((SECONDS - t0)) -lt "$2" ] || { log "node $1 not ready after $2 s"; tail -20 "$WORK/node$1.log"; exit 1; }
    sleep 0.2
  done
  echo $((SECONDS - t0))
}
for i in 1 2 3; do start_node "$i"; done
for i in 1 2 3; do log "node $i ready in $(wait_ready "$i" 180) s"; done
NODES="http://127.0.0.1:$((BASE_PORT + 1)),http://127.0.0.1:$((BASE_PORT + 2)),http://127.0.0.1:$((BASE_PORT + 3))"

# 1. One token, three nodes.
TOKEN=$(curl -sf -H "Host: $PUBLIC_HOST" -H 'X-Forwarded-Proto: https' -d grant_type=client_credentials -d client_id=counselconnect-cli \
  -d client_secret="$CLI_SECRET" "http://127.0.0.1:$((BASE_PORT + 1))/connect/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
fail=0
for i in 1 2 3; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $PUBLIC_HOST" -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$((BASE_PORT + i))/api/v1/me")
  forged=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $PUBLIC_HOST" -H 'X-Forwarded-Proto: https' -H "Authorization: Bearer ${TOKEN%?????}AAAAA" "http://127.0.0.1:$((BASE_PORT + i))/api/v1/me")
  log "token from node 1 on node $i: $code (forged: $forged)"
  [ "$code" = 200 ] && [ "$forged" = 401 ] || fail=1
done

# 2. Mixed load; node 2 killed and restarted meanwhile.
python3 "$ROOT/tests/bench/mixed_load.py" --nodes "$NODES" --token "$TOKEN" --host "$PUBLIC_HOST" --duration 600 --stop-file "$WORK/stop" \
  --accepted "$WORK/accepted.txt" --summary "$WORK/summary.json" > "$WORK/load.out" &
LOAD=$!
sleep 10
log "SIGKILL node 2 (pid ${PIDS[2]})"
kill -9 "${PIDS[2]}"; wait "${PIDS[2]}" 2>/dev/null || true
sleep 5
log "restart node 2"
start_node 2
log "node 2 ready again in $(wait_ready 2 180) s"
sleep "$AFTER"; touch "$WORK/stop"
wait "$LOAD"
cat "$WORK/summary.json"

# Every intake answered 201 is in the database.
ACCEPTED=$(sort -u "$WORK/accepted.txt" | wc -l)
{ printf 'select count(*) from "Cases" where "Id" in ('; sort -u "$WORK/accepted.txt" | sed "s/.*/'&'/" | paste -sd,; printf ');\n'; } > "$WORK/found.sql"
FOUND=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d counselconnect -tA -f "$WORK/found.sql")
log "intakes answered 201: $ACCEPTED; found in the database: $FOUND"
[ "$ACCEPTED" -gt 0 ] && [ "$ACCEPTED" = "$FOUND" ] || fail=1
log "load average: $(cat /proc/loadavg)"
[ $fail = 0 ] && log "PASS" || { log "FAIL (logs in $WORK)"; trap - EXIT; cleanup; exit 1; }
rm -rf "$WORK"
