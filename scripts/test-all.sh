#!/usr/bin/env bash
# The one command that installs what the tests need and runs them all (`npm test`, and CI's .ci/run).
#
#   1. system packages (Debian chromium + postgresql), when missing and running as root
#   2. npm ci                                   (TEST_SKIP_INSTALL=1 skips steps 1-2 on a dev machine)
#   3. lint (eslint) and typecheck (next typegen + tsc), one test each
#   4. vitest: unit, then integration on the embedded engine (PGlite)
#      (two runs: vitest refuses to run projects with different maxWorkers in one run unless each
#      has its own sequence.groupOrder, and a report per suite reads better anyway)
#   5. vitest: integration again on a real Postgres server started here (stopped on exit, always)
#   5b. a 10-second mixed load (20 clients) against the standalone HSM emulator (npm run load:http)
#   6. next build, then Playwright end-to-end tests against `next start` (embedded HSM emulator)
#   7. Playwright again with the console on the http backend, against the standalone HSM emulator
#      (E2E_HSM_BACKEND=http): a representative subset (E2E_HTTP_SPECS: policy change, conflict,
#      offline/online, authorization, bin)
#   8. docs/RELIABILITY.md re-rendered from the fault/attack reports the suites wrote (scripts/reliability-report.mjs)
#   9. summary from the JSON reports: scripts/summarize-tests.mjs prints `N passed, N failed, N skipped`
#
# Exits non-zero if anything failed or did not run. Reports go to tests/.reports/.
#
# On a dev machine: TEST_SKIP_INSTALL=1 skips system packages and npm ci (npm ci replaces node_modules);
# TEST_STEPS=lint,typecheck,unit,pglite,postgres,load,e2e,e2e-http (any subset, comma-separated) runs only those suites.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
REPORTS=tests/.reports
STEPS=$REPORTS/steps.tsv
PG_PORT=${PG_TEST_PORT:-54329}
PG_DB=partition_console_test
PG_DIR=""
PG_BIN=""
PG_STARTED=0
E2E_PGID_FILE=.data/e2e/server.pgid
E2E_HSM_PGID_FILE=.data/e2e/hsm.pgid
E2E_HTTP_SPECS=${E2E_HTTP_SPECS:-tests/e2e/policy-change.spec.ts tests/e2e/conflict.spec.ts tests/e2e/support-offline.spec.ts tests/e2e/authorization.spec.ts tests/e2e/bin.spec.ts}

export NEXT_TELEMETRY_DISABLED=1
export DEBIAN_FRONTEND=noninteractive

rm -rf "$REPORTS"
mkdir -p "$REPORTS"
: >"$STEPS"

TEST_STEPS=${TEST_STEPS:-lint,typecheck,unit,pglite,postgres,load,e2e,e2e-http}
want() { [[ ",$TEST_STEPS," == *",$1,"* ]]; }

# Every step that the summary expects: name -> kind. One not recorded by the end counts as failed.
declare -A KIND=(
  [lint]=check
  [typecheck]=check
  [unit]=vitest
  [integration-pglite]=vitest
  [integration-postgres]=vitest
  [load-http]=check
  [e2e-playwright]=playwright
  [e2e-playwright-http]=playwright
)
EXPECTED_ORDER=()
want lint && EXPECTED_ORDER+=(lint)
want typecheck && EXPECTED_ORDER+=(typecheck)
want unit && EXPECTED_ORDER+=(unit)
want pglite && EXPECTED_ORDER+=(integration-pglite)
want postgres && EXPECTED_ORDER+=(integration-postgres)
want load && EXPECTED_ORDER+=(load-http)
want e2e && EXPECTED_ORDER+=(e2e-playwright)
want e2e-http && EXPECTED_ORDER+=(e2e-playwright-http)
if [ ${#EXPECTED_ORDER[@]} -eq 0 ]; then
  echo "TEST_STEPS=$TEST_STEPS selects no suite (known: lint,typecheck,unit,pglite,postgres,load,e2e,e2e-http)" >&2
  exit 2
fi
declare -A RECORDED=()
declare -A REPORT_OF=(
  [unit]=$REPORTS/vitest-unit.json
  [integration-pglite]=$REPORTS/vitest-pglite.json
  [integration-postgres]=$REPORTS/vitest-postgres.json
  [e2e-playwright]=$REPORTS/playwright.json
  [e2e-playwright-http]=$REPORTS/playwright-http.json
)

T0=$SECONDS
STEP_T0=$SECONDS
section() {
  printf '\n\033[1m==== %s ====\033[0m  (at %ss)\n' "$*" "$((SECONDS - T0))"
  STEP_T0=$SECONDS
}
took() { echo "---- $1: exit $2 in $((SECONDS - STEP_T0))s"; }

# record NAME STATUS  (STATUS: exit code, or not-run:<reason>)
record() {
  local name=$1 status=$2
  RECORDED[$name]=1
  printf '%s\t%s\t%s\t%s\n' "$name" "${KIND[$name]:-check}" "$status" "${REPORT_OF[$name]:-}" >>"$STEPS"
}

# Runs a command as the PostgreSQL server's user: `postgres` when we are root (the server refuses
# to run as root), ourselves otherwise.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_postgres() {
  if [ "$PG_STARTED" = 1 ]; then
    echo "---- stopping the Postgres test server"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 ||
      as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    PG_STARTED=0
  fi
  if [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ]; then rm -rf "$PG_DIR"; fi
  PG_DIR=""
}

# scripts/e2e-server.mjs runs next in its own process group and removes this file when next exits;
# if Playwright had to kill the wrapper hard, end that group here.
stop_e2e_server() {
  local file pgid
  for file in "$E2E_PGID_FILE" "$E2E_HSM_PGID_FILE"; do
    [ -f "$file" ] || continue
    pgid=$(tr -dc '0-9' <"$file")
    if [ -n "$pgid" ] && kill -0 -- "-$pgid" 2>/dev/null; then
      echo "---- stopping the leftover e2e server (process group $pgid, $file)"
      kill -TERM -- "-$pgid" 2>/dev/null || true
      sleep 2
      kill -KILL -- "-$pgid" 2>/dev/null || true
    fi
    rm -f "$file"
  done
}

# shellcheck disable=SC2317  # runs from the EXIT trap
finish() {
  local rc=$?
  trap - EXIT INT TERM
  stop_e2e_server
  stop_postgres
  for name in "${EXPECTED_ORDER[@]}"; do
    if [ -z "${RECORDED[$name]:-}" ]; then record "$name" "not-run:${SKIP_REASON:-the run stopped early (exit $rc)}"; fi
  done
  section "Summary (total $((SECONDS - T0))s)"
  node scripts/summarize-tests.mjs "$STEPS"
  local summary_rc=$?
  if [ "$summary_rc" -eq 0 ] && [ "$rc" -ne 0 ]; then
    echo "test-all.sh stopped with exit $rc"
    exit "$rc"
  fi
  exit "$summary_rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

SKIP_REASON=""

# ---------------------------------------------------------------------------------------------
section "System packages"
# shellcheck disable=SC2012  # version folders are plain numbers
pg_bin_dir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
if want e2e && [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if want postgres && { [ -z "$(pg_bin_dir)" ] || [ ! -x "$(pg_bin_dir)/initdb" ]; }; then missing+=(postgresql); fi
if [ "${TEST_SKIP_INSTALL:-}" = 1 ]; then
  echo "TEST_SKIP_INSTALL=1: not installing anything${missing[*]:+ (missing: ${missing[*]})}"
elif [ ${#missing[@]} -eq 0 ]; then
  echo "nothing to install (chromium: $([ -x /usr/bin/chromium ] && echo yes || echo no)," \
    "postgres: $(pg_bin_dir || true))"
elif [ "$(id -u)" -ne 0 ]; then
  echo "MISSING system packages: ${missing[*]} (not root: install them with" \
    "'sudo apt-get install chromium postgresql fonts-dejavu-core'); the tests that need them will fail"
else
  echo "installing: ${missing[*]} fonts-dejavu-core"
  # Recommends would pull in systemd, avahi, printing...: nothing headless tests use.
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core; }; then
    echo "apt-get failed: the tests that need ${missing[*]} will fail"
  fi
fi
took "system packages" 0

# ---------------------------------------------------------------------------------------------
if [ "${TEST_SKIP_INSTALL:-}" = 1 ]; then
  section "npm ci (skipped: TEST_SKIP_INSTALL=1)"
else
  section "npm ci"
  npm ci --no-audit --no-fund
  rc=$?
  took "npm ci" "$rc"
  if [ "$rc" -ne 0 ]; then
    SKIP_REASON="npm ci failed (exit $rc)"
    exit 1
  fi
fi

# ---------------------------------------------------------------------------------------------
if want lint; then
  section "Lint: eslint ."
  npx eslint .
  rc=$?
  record lint "$rc"
  took lint "$rc"
fi

if want typecheck; then
  section "Typecheck: next typegen && tsc --noEmit"
  npx next typegen && npx tsc --noEmit
  rc=$?
  record typecheck "$rc"
  took typecheck "$rc"
fi

# ---------------------------------------------------------------------------------------------
if want unit; then
  section "Unit tests (vitest)"
  npx vitest run --project unit --passWithNoTests \
    --reporter=default --reporter=json --outputFile.json="${REPORT_OF[unit]}"
  rc=$?
  record unit "$rc"
  took unit "$rc"
fi

if want pglite; then
  section "Integration tests (vitest) on the embedded engine (PGlite)"
  npx vitest run --project integration --passWithNoTests \
    --reporter=default --reporter=json --outputFile.json="${REPORT_OF[integration-pglite]}"
  rc=$?
  record integration-pglite "$rc"
  took integration-pglite "$rc"
fi

# ---------------------------------------------------------------------------------------------
start_postgres() {
  PG_BIN=$(pg_bin_dir)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin)"
    return 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "no 'postgres' user to run the server as"
    return 1
  fi
  PG_DIR=$(mktemp -d /tmp/partition-console-pg.XXXXXX) || return 1
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$PG_DIR" || return 1; fi
  echo "$PG_BIN: initdb into $PG_DIR/data"
  as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres --encoding=UTF8 --locale=C.UTF-8 \
    >"$PG_DIR/initdb.log" 2>&1 || { cat "$PG_DIR/initdb.log"; return 1; }
  # A throwaway server: durability off for speed; socket in the throwaway folder, TCP on loopback only.
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start; then
    cat "$PG_DIR/server.log" 2>/dev/null
    return 1
  fi
  PG_STARTED=1
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$PG_DB" || return 1
}
if want postgres; then
  section "Integration (vitest) against a real Postgres server on 127.0.0.1:$PG_PORT"
  if start_postgres; then
    TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/$PG_DB" \
      npx vitest run --project integration --passWithNoTests \
      --reporter=default --reporter=json --outputFile.json="${REPORT_OF[integration-postgres]}"
    rc=$?
    record integration-postgres "$rc"
    took integration-postgres "$rc"
  else
    record integration-postgres "not-run:the Postgres test server did not start"
    took integration-postgres "not run"
  fi
  stop_postgres
fi

# ---------------------------------------------------------------------------------------------
if want load; then
  section "Load: 20 clients for 10 s against the standalone HSM emulator (http backend)"
  # The committed figure in docs/RELIABILITY.md is the 60-second run (npm run load:http): this short
  # run's figures go elsewhere.
  npx tsx scripts/load-http.ts --seconds 10 --clients 20 --fragment "$REPORTS/load-http-short.json"
  rc=$?
  record load-http "$rc"
  took load-http "$rc"
fi

# ---------------------------------------------------------------------------------------------
# The fault and attack tables of docs/RELIABILITY.md, from the reports the integration suites wrote.
if want pglite || want postgres; then
  section "docs/RELIABILITY.md from the suites' reliability reports"
  node scripts/reliability-report.mjs || echo "reliability report not rendered (not a test failure)"
fi

# ---------------------------------------------------------------------------------------------
if want e2e || want e2e-http; then
  section "Build: next build"
  npx next build
  BUILD_RC=$?
  took "next build" "$BUILD_RC"

  # run_e2e STEP TITLE [NAME=VALUE ...] COMMAND [ARGS ...]: runs it under env, records the step
  run_e2e() {
    local step=$1 title=$2
    shift 2
    if [ "$BUILD_RC" -ne 0 ]; then
      record "$step" "not-run:next build failed (exit $BUILD_RC)"
    elif [ ! -x /usr/bin/chromium ]; then
      record "$step" "not-run:/usr/bin/chromium is missing"
    else
      section "$title"
      env "$@" --pass-with-no-tests
      rc=$?
      record "$step" "$rc"
      took "$step" "$rc"
      stop_e2e_server
    fi
  }
  if want e2e; then
    run_e2e e2e-playwright "End-to-end (Playwright, Chromium, next start on :3100, embedded HSM emulator)" \
      npx playwright test
  fi
  if want e2e-http; then
    # shellcheck disable=SC2086  # E2E_HTTP_SPECS is a list of files
    run_e2e e2e-playwright-http "End-to-end again on the http backend (standalone HSM emulator on :3102): $E2E_HTTP_SPECS" \
      E2E_HSM_BACKEND=http PLAYWRIGHT_JSON_OUTPUT_FILE="${REPORT_OF[e2e-playwright-http]}" npx playwright test $E2E_HTTP_SPECS
  fi
fi

exit 0
