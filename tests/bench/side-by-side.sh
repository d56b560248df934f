#!/usr/bin/env bash
# Two builds of the service compared under the same load at the same time: tests/bench/statements.sh for tree A and
# for tree B started together, each with its own PostgreSQL and port, so whatever else the machine is doing slows both
# alike. On this shared 2-core host, the same build measured twice one after the other differed by up to 12% in
# req/s; measured side by side, by at most 3.5% (docs/benchmarks.md, "Comparing two builds: one after the other, or
# side by side"). Each side gets about half the machine, so the absolute figures are lower than a run alone; the
# ratios are the result. The service's CPU per request varied less between the sides of a same-build run than req/s
# did (each side's share of the machine is up to the scheduler), so it is printed as a ratio too.
#
#   bash tests/bench/side-by-side.sh TREE_A TREE_B [SCRIPT=check.lua] [ROUNDS=3]
#   SIDE_SEED (intake.lua:40), SIDE_WARMUP (40), SIDE_SECONDS (30), SIDE_CONCURRENCY (16): passed to statements.sh
#   SIDE_PATH: the path for get.lua (STMT_PATH)
#   SIDE_ENV_A, SIDE_ENV_B: NAME=value pairs for that side's service only (e.g. SIDE_ENV_B="DOTNET_GCgen0size=0x4000000"):
#     one build, two runtime settings (TREE_A and TREE_B may be the same tree)
#
# Both trees need a Release build (dotnet build -c Release src/CounselConnect.Web); a second checkout of an older
# commit: git worktree add /tmp/base <commit>. Prints, per round, each side's req/s, CPU per request and peak RSS, and the
# ratios B/A.
set -euo pipefail
A=${1:?tree A}; B=${2:?tree B}; SCRIPT=${3:-check.lua}; ROUNDS=${4:-3}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$(mktemp -d /tmp/side-by-side.XXXXXX)
side() { # tree pg-port svc-port output env
  env $5 STMT_PATH=${SIDE_PATH:-} STMT_TREE=$1 STMT_PGPORT=$2 STMT_SVC_PORT=$3 STMT_SEED=${SIDE_SEED-intake.lua:40} \
    bash "$ROOT/tests/bench/statements.sh" "$SCRIPT" "${SIDE_WARMUP:-40}" "${SIDE_SECONDS:-30}" "${SIDE_CONCURRENCY:-16}" 3 >"$4" 2>&1
}
rps() { sed -n 's/^measured ([0-9]* requests): \([0-9.]*\) req\/s.*/\1/p' "$1"; }
svc() { sed -n 's/^CPU per request: service \([0-9.]*\) ms.*/\1/p' "$1"; }
cpu() { sed -n 's/^CPU per request: //p' "$1"; }
mem() { sed -n 's/^service memory: peak \([0-9]*\) MB.*/\1/p' "$1"; }
echo "A = $A ($(git -C "$A" rev-parse --short HEAD)) ${SIDE_ENV_A:-}, B = $B ($(git -C "$B" rev-parse --short HEAD)) ${SIDE_ENV_B:-}, $SCRIPT, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$ROUNDS"); do
  side "$A" 55481 5281 "$OUT/a-$i.txt" "${SIDE_ENV_A:-}" & PA=$!
  side "$B" 55482 5282 "$OUT/b-$i.txt" "${SIDE_ENV_B:-}" & PB=$!
  wait "$PA" || { cat "$OUT/a-$i.txt" >&2; exit 1; }
  wait "$PB" || { cat "$OUT/b-$i.txt" >&2; exit 1; }
  RA=$(rps "$OUT/a-$i.txt"); RB=$(rps "$OUT/b-$i.txt")
  echo "round $i: A $RA req/s ($(cpu "$OUT/a-$i.txt"), peak RSS $(mem "$OUT/a-$i.txt") MB), B $RB req/s ($(cpu "$OUT/b-$i.txt"), peak RSS $(mem "$OUT/b-$i.txt") MB), req/s B/A $(python3 -c "print(f'{$RB/$RA:.3f}')"), service CPU per request B/A $(python3 -c "print(f'{$(svc "$OUT/b-$i.txt")/$(svc "$OUT/a-$i.txt"):.3f}')")"
done
rm -rf "$OUT"
