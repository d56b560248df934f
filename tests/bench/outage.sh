#!/usr/bin/env bash
# The database-outage proof: PostgreSQL stopped for 10 s under light load (DatabaseOutageTests in the integration
# suite, on a private throwaway cluster). Prints the answers per phase and the recovery time.
# Usage: bash tests/bench/outage.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$ROOT/tests/CounselConnect.IntegrationTests" -v q -nologo >/dev/null
echo "load average before: $(cat /proc/loadavg)"
dotnet test "$ROOT/tests/CounselConnect.IntegrationTests" --no-build --filter "FullyQualifiedName~DatabaseOutageTests" \
  --logger "console;verbosity=detailed" > /tmp/cc-outage-test.log 2>&1 || status=$?
awk '/Standard Output Messages:/{f=1;next} f&&/^ *$/{f=0} f' /tmp/cc-outage-test.log
grep -E '^  (Passed|Failed) ' /tmp/cc-outage-test.log || tail -30 /tmp/cc-outage-test.log
echo "load average after: $(cat /proc/loadavg)"
exit "${status:-0}"
