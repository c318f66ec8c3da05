#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset: clang-14, ASan + UBSan, -fno-sanitize-recover)
# and runs each one for its share of SECONDS. Works from a clean clone (needs clang-14 and
# libclang-rt-14-dev: `bash scripts/install-deps.sh --fuzz`).
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS: total for all targets (default 60)
#   TARGET: fuzz_scenario, fuzz_session_log, fuzz_json, fuzz_room (default: all four)
#
# Seeds are generated into build-fuzz/seeds/ on every run (never committed): the bundled
# scenarios and catalogue, tests/malformed/** when present, session logs played through the
# bundled scenarios (fuzz_make_seeds), and tests/fuzz_regressions/**. What the fuzzers learn is
# kept in build-fuzz/corpus/ between local runs.
# First every input under tests/fuzz_regressions/ is replayed once. Exit status: 0 when no
# target crashed, hung or tripped a sanitizer; 1 otherwise, with the input that did it kept in
# build-fuzz/fuzz-artifacts/TARGET/ (add it to tests/fuzz_regressions/ once fixed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
total=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -eq 0 ]] && targets=(fuzz_scenario fuzz_session_log fuzz_json fuzz_room)
if ! [[ "$total" =~ ^[0-9]+$ ]] || [[ "$total" -lt 3 ]]; then
  echo "fuzz.sh: SECONDS must be a whole number of at least 3" >&2
  exit 2
fi

build=$root/build-fuzz
echo "== fuzz: build (preset fuzz)"
cmake --preset fuzz >/dev/null
# Only the fuzzers and the seed writer (not the uninstrumented engine and CLI the preset also defines).
cmake --build --preset fuzz --target fuzz_scenario fuzz_session_log fuzz_json fuzz_room fuzz_make_seeds

# ---- Seeds ----------------------------------------------------------------------------------
seeds=$build/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{fuzz_scenario,fuzz_session_log,fuzz_json,fuzz_room}
copy_seeds() {  # copy_seeds DEST FILE... (flattened; the path becomes the name)
  local dest=$1
  shift
  local f
  for f in "$@"; do
    [[ -f "$f" ]] || continue
    cp "$f" "$dest/$(echo "${f#"$root"/}" | tr '/' '_')"
  done
}
shopt -s nullglob globstar
copy_seeds "$seeds/fuzz_scenario" "$root"/scenarios/*.json
copy_seeds "$seeds/fuzz_json" "$root"/scenarios/*.json
if [[ -d "$root/tests/malformed" ]]; then
  for f in "$root"/tests/malformed/**/*; do
    [[ -f "$f" ]] || continue
    case "$f" in
      *.md) ;;
      *.jsonl) copy_seeds "$seeds/fuzz_session_log" "$f" ;;
      *) copy_seeds "$seeds/fuzz_scenario" "$f"; copy_seeds "$seeds/fuzz_json" "$f" ;;
    esac
  done
fi
"$build/fuzz/fuzz_make_seeds" "$seeds/fuzz_session_log" "$root/scenarios"
copy_seeds "$seeds/fuzz_json" "$seeds"/fuzz_session_log/*.jsonl
# fuzz_room: each log as a series of record requests (kind 3, separated by 0xFF; fuzz_room.cpp).
for f in "$seeds"/fuzz_session_log/*.jsonl; do
  while IFS= read -r line; do printf '\x03%s\xff' "$line"; done <"$f" >"$seeds/fuzz_room/$(basename "$f")"
done
regressions=()
for t in fuzz_scenario fuzz_session_log fuzz_json; do
  for f in "$root"/tests/fuzz_regressions/"${t#fuzz_}"/*; do
    copy_seeds "$seeds/$t" "$f"
    regressions+=("$t:$f")
  done
done
for t in "${targets[@]}"; do echo "fuzz: $t: $(ls "$seeds/$t" | wc -l) seed inputs"; done

# ---- Run ------------------------------------------------------------------------------------
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
failed=()

echo "== fuzz: replay tests/fuzz_regressions (${#regressions[@]} inputs)"
for entry in "${regressions[@]}"; do
  t=${entry%%:*}
  f=${entry#*:}
  if ! "$build/fuzz/$t" -runs=1 "$f" >"$build/fuzz-replay.log" 2>&1; then
    cat "$build/fuzz-replay.log" >&2
    echo "fuzz: REGRESSION: $f crashes $t again" >&2
    failed+=("$t (regression $f)")
  fi
done

share() {  # seconds for a target: the loader and the log reader get 2/5 each, the JSON reader 1/5
  local n=${#targets[@]} s
  if [[ $n -eq 3 ]]; then
    case $1 in fuzz_json) s=$((total / 5)) ;; *) s=$((total * 2 / 5)) ;; esac
  else
    s=$((total / n))
  fi
  echo $((s < 1 ? 1 : s))
}

for t in "${targets[@]}"; do
  secs=$(share "$t")
  corpus=$build/corpus/$t
  artifacts=$build/fuzz-artifacts/$t
  mkdir -p "$corpus" "$artifacts"
  echo "== fuzz: $t for ${secs}s"
  log=$build/fuzz-$t.log
  touch "$build/fuzz-$t.started"
  set +e
  (cd "$build" && "$build/fuzz/$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=131072 \
     -dict="$root/tests/fuzz/sigap.dict" -artifact_prefix="$artifacts/" -print_final_stats=1 \
     "$corpus" "$seeds/$t") >"$log" 2>&1
  rc=$?
  set -e
  grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
  if [[ $rc -ne 0 ]]; then
    tail -n 60 "$log" >&2
    echo "fuzz: $t FAILED (exit $rc); full log: $log" >&2
    find "$artifacts" -type f -newer "$build/fuzz-$t.started" -printf 'fuzz: kept the input in %p\n' >&2
    failed+=("$t")
  fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzz: failures: ${failed[*]}" >&2
  echo "fuzz: fix the engine, then add the kept input to tests/fuzz_regressions/<target>/ and a doctest case (tests/fault_regression_test.cpp)" >&2
  exit 1
fi
echo "fuzz: no crash, hang or sanitizer report in ${targets[*]}"
