#!/usr/bin/env bash
# Ranking one case against N representative profiles over HTTP: starts the Release service on a fresh SQLite
# database (Development environment, demo seed), runs the matching bench's `ranking` mode (opens a case through the
# intake API, writes N profiles into the database, times GET /api/v1/cases/{id}/attorney-matches with
# GET /health/live interleaved as the baseline), then stops the service it started.
# Usage: bash tests/bench/ranking.sh [PROFILES=5000] [REQUESTS=500] [PORT=5098]
set -euo pipefail
PROFILES=${1:-5000}; REQUESTS=${2:-500}; PORT=${3:-5098}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
URL=http://127.0.0.1:$PORT
DB=/tmp/bench-ranking.db
rm -f "$DB" "$DB-wal" "$DB-shm"
export ASPNETCORE_ENVIRONMENT=Development Seed__CliClientSecret=dev-cli-secret-change-me
export Database__Provider=Sqlite ConnectionStrings__Default="Data Source=$DB"
dotnet build -c Release "$ROOT/src/CounselConnect.Web" -v q -nologo | grep -E " error |Warn|rror\(s\)" || true
dotnet build -c Release "$ROOT/tests/CounselConnect.MatchingBench" -v q -nologo | grep -E " error |Warn|rror\(s\)" || true
cd "$ROOT/src/CounselConnect.Web"
dotnet bin/Release/net10.0/CounselConnect.Web.dll --urls "$URL" >/tmp/bench-ranking-web.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do curl -sf "$URL/health/live" >/dev/null && break; sleep 0.5; done
dotnet "$ROOT/tests/CounselConnect.MatchingBench/bin/Release/net10.0/CounselConnect.MatchingBench.dll" ranking "$URL" Sqlite "Data Source=$DB" "$PROFILES" "$REQUESTS"
