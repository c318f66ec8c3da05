#!/usr/bin/env bash
# Sets everything up on a fresh Debian machine, builds, and runs every test (GUI tests under
# Xvfb with Mesa software rendering).
#   bash scripts/test.sh            the test suite (debug build)
#   bash scripts/test.sh --all      also the program in Release with warnings as errors (not run),
#                                   the ASan+UBSan run and the short fuzzing runs (what CI does)
set -euo pipefail
cd "$(dirname "$0")/.."
all=0
[[ "${1:-}" == "--all" ]] && all=1

if [[ $all -eq 1 ]]; then bash scripts/install-deps.sh --fuzz; else bash scripts/install-deps.sh; fi

echo "== build (debug) (${SECONDS}s)"
cmake --preset debug >/dev/null
cmake --build --preset debug
summary_passed=0
summary_failed=0
# Runs a ctest preset, keeping its output for the closing summary line.
run_ctest() {
  local log="build-$1/ctest-output.txt" rc=0
  ctest --preset "$@" 2>&1 | tee "$log" || rc=$?
  local line
  line=$(grep -E "tests passed, [0-9]+ tests failed out of [0-9]+" "$log" | tail -n 1 || true)
  if [[ -n "$line" ]]; then
    local failed total
    failed=$(sed -E 's/.*tests passed, ([0-9]+) tests failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.*tests failed out of ([0-9]+).*/\1/' <<<"$line")
    summary_passed=$((summary_passed + total - failed))
    summary_failed=$((summary_failed + failed))
  fi
  return "$rc"
}

echo "== tests (debug) (${SECONDS}s)"
run_ctest debug

if [[ $all -eq 1 ]]; then
  # Release is what facilitators run, and some warnings appear only when optimising (GCC's
  # -Wrestrict, -Wmaybe-uninitialized, -Wstringop-*). The program only, built and not run: the
  # suites above and below test the same code, and the test programs would double its time.
  echo "== build (release-strict: Release, warnings as errors) (${SECONDS}s)"
  cmake --preset release-strict >/dev/null
  cmake --build --preset release-strict
  echo "== build (asan: AddressSanitizer + UndefinedBehaviorSanitizer) (${SECONDS}s)"
  cmake --preset asan >/dev/null
  cmake --build --preset asan
  echo "== tests (asan) (${SECONDS}s)"
  # The suite without the tests labelled `slow` (40 teams in a room, the kill loop): they repeat
  # at scale what other tests already run under the sanitizers, and CI has an hour for everything.
  run_ctest asan --label-exclude slow
  if [[ -x scripts/fuzz.sh ]]; then
    echo "== fuzzing (${SECONDS}s)"
    bash scripts/fuzz.sh 60
  fi
fi

echo "tests: ${summary_passed} passed, ${summary_failed} failed (${SECONDS}s)"
