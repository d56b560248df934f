#!/usr/bin/env bash
# The database-outage proof: PostgreSQL stopped for 10 s under light load (DatabaseOutageTests in the integration
# suite, on a private throwaway cluster). Prints the answers per phase and the recovery time.
# Usage: bash tests/bench/outage.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$ROOT/tests/CounselConnect.IntegrationTests" -v q -nologo >/dev/null
echo "load average before: $(cat /proc/loadavg)"
dotnet test "$ROOT/tests/CounselConnect.IntegrationTests" --no-build --filter "FullyQualifiedName~DatabaseOutageTests" \
  --logger "console;verbosity=detailed" | sed -n '/Standard Output Messages/,/^$/p;/Passed\|Failed/p'
