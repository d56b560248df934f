#!/usr/bin/env bash
# HTTP latency: conflict checks (variant names) and GET /health/live against a running service.
# Usage: bash tests/bench/http.sh [URL] [QUERIES] [CONCURRENCY...]   (default http://127.0.0.1:5099 4000 1 8)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
URL=${1:-http://127.0.0.1:5099}; Q=${2:-4000}; shift $(( $# > 2 ? 2 : $# )) || true
[ $# -gt 0 ] || set -- 1 8
dotnet build -c Release "$ROOT/tests/CounselConnect.Benchmarks" -v q -nologo >/dev/null
dotnet "$ROOT/tests/CounselConnect.Benchmarks/bin/Release/net10.0/CounselConnect.Benchmarks.dll" http "$URL" 1000000 "$Q" "$@"
