#!/usr/bin/env bash
# Sets everything up on a fresh Debian machine, builds, and runs every test (GUI tests under
# Xvfb with Mesa software rendering).
#   bash scripts/test.sh            the test suite (debug build)
#   bash scripts/test.sh --all      also the ASan+UBSan run and the short fuzzing runs (what CI does)
set -euo pipefail
cd "$(dirname "$0")/.."
all=0
[[ "${1:-}" == "--all" ]] && all=1

if [[ $all -eq 1 ]]; then bash scripts/install-deps.sh --fuzz; else bash scripts/install-deps.sh; fi

echo "== build (debug)"
cmake --preset debug >/dev/null
cmake --build --preset debug
echo "== tests (debug)"
ctest --preset debug

if [[ $all -eq 1 ]]; then
  echo "== build (asan: AddressSanitizer + UndefinedBehaviorSanitizer)"
  cmake --preset asan >/dev/null
  cmake --build --preset asan
  echo "== tests (asan)"
  ctest --preset asan
  if [[ -x scripts/fuzz.sh ]]; then
    echo "== fuzzing"
    bash scripts/fuzz.sh 60
  fi
fi
