#!/usr/bin/env bash
# Runs every test project in CounselConnect.sln and prints one closing line: "N passed, N failed[, N skipped]".
#
# It provisions what the tests need first:
#   - Chromium at /usr/bin/chromium (browser tests; exported as COUNSELCONNECT_CHROMIUM),
#   - PostgreSQL server binaries (initdb/pg_ctl/postgres) for the integration tests' throwaway clusters,
#     unless COUNSELCONNECT_TEST_POSTGRES names a server to use instead.
# As root, missing pieces are installed with apt-get. Otherwise it says how to install them; with CI=true a
# missing piece is an error (tests are never skipped silently), outside CI only a warning.
#
# Exit status: non-zero if the build or any test failed, or if no test ran at all.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

RESULTS_DIR="$REPO_ROOT/TestResults/run-tests"
CHROMIUM=/usr/bin/chromium

log() { printf '[run-tests] %s\n' "$*"; }
err() { printf '[run-tests] ERROR: %s\n' "$*" >&2; }

in_ci() {
    case "${CI:-}" in
        [Tt][Rr][Uu][Ee] | 1 | [Yy][Ee][Ss]) return 0 ;;
        *) return 1 ;;
    esac
}

is_root() { [ "$(id -u)" = 0 ]; }

# A missing prerequisite: fatal in CI, a warning elsewhere.
missing() {
    if in_ci; then
        err "$1"
        err "CI=true: refusing to run with a missing prerequisite (tests would fail or be skipped)."
        exit 1
    fi
    printf '[run-tests] WARNING: %s\n' "$1" >&2
}

APT_UPDATED=0
apt_install() {
    local attempt logfile
    logfile="$(mktemp)"
    export DEBIAN_FRONTEND=noninteractive
    for attempt in 1 2 3; do
        if { [ "$APT_UPDATED" = 1 ] || apt-get -o DPkg::Lock::Timeout=300 update -qq >"$logfile" 2>&1; } &&
            apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "$@" >>"$logfile" 2>&1; then
            APT_UPDATED=1
            rm -f "$logfile"
            return 0
        fi
        err "apt-get install $* failed (attempt $attempt/3):"
        tail -n 15 "$logfile" >&2 || true
        APT_UPDATED=0
        [ "$attempt" -lt 3 ] && sleep $((attempt * 10))
    done
    rm -f "$logfile"
    return 1
}

find_initdb() {
    local found
    if found="$(command -v initdb 2>/dev/null)"; then
        printf '%s\n' "$found"
        return 0
    fi
    found="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V -r | head -n 1 || true)"
    [ -n "$found" ] && printf '%s\n' "$found"
}

# ---------------------------------------------------------------- (a) Chromium for browser tests
if [ ! -x "$CHROMIUM" ]; then
    if is_root; then
        log "installing Debian's chromium (browser tests need $CHROMIUM) ..."
        apt_install chromium fonts-liberation || { err "could not install chromium with apt-get"; exit 1; }
        [ -x "$CHROMIUM" ] || { err "chromium was installed but $CHROMIUM is missing"; exit 1; }
    else
        missing "$CHROMIUM is missing: the browser tests need Debian's Chromium. Install it with: sudo apt-get install -y chromium"
    fi
fi
export COUNSELCONNECT_CHROMIUM="$CHROMIUM"
[ -x "$CHROMIUM" ] && log "chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"

# ---------------------------------------------------------------- (b) PostgreSQL for integration tests
if [ -n "${COUNSELCONNECT_TEST_POSTGRES:-}" ]; then
    log "postgres: using the server from COUNSELCONNECT_TEST_POSTGRES"
else
    if ! find_initdb >/dev/null; then
        if is_root; then
            log "installing Debian's postgresql server binaries (integration tests start throwaway clusters) ..."
            # The tests make their own clusters: stop the package from creating and starting a 'main' one.
            mkdir -p /etc/postgresql-common/createcluster.d
            printf 'create_main_cluster = false\n' >/etc/postgresql-common/createcluster.d/counselconnect-tests.conf
            apt_install postgresql || { err "could not install postgresql with apt-get"; exit 1; }
        fi
    fi
    if initdb_path="$(find_initdb)"; then
        log "postgres: $("$initdb_path" --version)"
    else
        missing "PostgreSQL's initdb was not found on PATH nor in /usr/lib/postgresql/*/bin: integration tests need it. Install it with: sudo apt-get install -y postgresql (or set COUNSELCONNECT_TEST_POSTGRES to a connection string)"
    fi
fi

# ---------------------------------------------------------------- (b2) axe-core for the accessibility checks
AXE_DIR="$REPO_ROOT/.tmp/axe"
AXE_JS="$AXE_DIR/node_modules/axe-core/axe.min.js"
if [ ! -f "$AXE_JS" ]; then
    if command -v npm >/dev/null 2>&1; then
        log "installing axe-core from the npm registry (accessibility checks in the browser tests) ..."
        mkdir -p "$AXE_DIR"
        (cd "$AXE_DIR" && npm install --no-audit --no-fund --silent axe-core@4 >/dev/null 2>&1) \
            || (sleep 5 && cd "$AXE_DIR" && npm install --no-audit --no-fund --silent axe-core@4 >/dev/null 2>&1) \
            || true
    fi
fi
if [ -f "$AXE_JS" ]; then
    export COUNSELCONNECT_AXE="$AXE_JS"
    log "axe-core: $AXE_JS"
else
    missing "axe-core could not be installed with npm: the accessibility checks need it (npm install axe-core@4 into .tmp/axe)."
fi

# ---------------------------------------------------------------- (c) build and test
rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
TEST_LOG="$RESULTS_DIR/dotnet-test.log"

log "dotnet test CounselConnect.sln -c Release (TRX results in ${RESULTS_DIR#"$REPO_ROOT"/})"
test_rc=0
timeout --kill-after=60 "${COUNSELCONNECT_TEST_TIMEOUT:-75m}" \
    dotnet test CounselConnect.sln -c Release \
    --results-directory "$RESULTS_DIR" \
    --logger "trx" \
    --blame-hang-timeout "${COUNSELCONNECT_HANG_TIMEOUT:-10m}" --blame-hang-dump-type none \
    2>&1 | tee "$TEST_LOG" || test_rc=$?

if [ "$test_rc" -ne 0 ]; then
    errors="$(grep -E ': (error|fatal error) [A-Z]*[0-9]+' "$TEST_LOG" | sed -e 's/^[[:space:]]*//' | sort -u || true)"
    if [ -n "$errors" ]; then
        printf '\n[run-tests] BUILD FAILED:\n%s\n\n' "$errors" >&2
    elif [ "$test_rc" -eq 124 ] || [ "$test_rc" -eq 137 ]; then
        err "dotnet test timed out after ${COUNSELCONNECT_TEST_TIMEOUT:-75m}"
    fi
    err "dotnet test exited with status $test_rc"
fi

# ---------------------------------------------------------------- (d) totals from the TRX files
shopt -s nullglob globstar
trx_files=("$RESULTS_DIR"/**/*.trx)
shopt -u globstar
passed=0 failed=0 skipped=0 total=0
if [ "${#trx_files[@]}" -gt 0 ]; then
    read -r total passed failed skipped < <(
        awk '
            function attr(line, name,    re, v) {
                re = " " name "=\"[0-9]+\""
                if (match(line, re)) { v = substr(line, RSTART, RLENGTH); gsub(/[^0-9]/, "", v); return v + 0 }
                return 0
            }
            /<Counters / {
                t += attr($0, "total"); p += attr($0, "passed")
                f += attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
                # VSTest counts xunit skips in neither notExecuted nor inconclusive: total - executed is the skips.
                n = attr($0, "total") - attr($0, "executed"); if (n > 0) s += n
            }
            END { printf "%d %d %d %d\n", t, p, f, s }
        ' "${trx_files[@]}"
    )
fi
log "${#trx_files[@]} TRX file(s): $(for f in "${trx_files[@]}"; do printf '%s ' "${f#"$REPO_ROOT"/}"; done)"

status=0
# Each test project reports its own TRX file; two reports of one path would mean one overwrote the other.
reported="$(grep -E '^Results File: .*\.trx$' "$TEST_LOG" | sort | uniq -d || true)"
if [ -n "$reported" ]; then
    err "test projects wrote the same TRX file, so the totals below are incomplete: $reported"
    status=1
fi
if [ "$test_rc" -ne 0 ]; then
    status=1
fi
if [ "$failed" -gt 0 ]; then
    err "$failed test(s) failed (see the output above or the TRX files)"
    status=1
fi
if [ "$total" -eq 0 ] || [ $((passed + failed)) -eq 0 ]; then
    err "no test ran"
    status=1
fi

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
printf '%s\n' "$summary"
exit "$status"
