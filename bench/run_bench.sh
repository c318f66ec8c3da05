#!/usr/bin/env bash
# Builds SIGAP and the benchmark in Release (build-bench/), starts Xvfb with a 1920x1080x24
# screen (Mesa llvmpipe software rendering), runs bench/sigap_bench and writes its Markdown
# report to build-bench/bench-report.md (also printed). Takes about five minutes.
#   bash bench/run_bench.sh [sigap_bench options...]    e.g. --runs 9 --idle-seconds 30
# Not a test: no thresholds; the numbers go to docs/performance.md by hand, with their context.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build-bench
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DSIGAP_BUILD_TESTS=OFF -DSIGAP_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j2 --target sigap sigap_floor sigap_bench

# A private X server: -a finds a free display number; -noreset keeps it up between clients.
report=$PWD/$build/bench-report.md
export LIBGL_ALWAYS_SOFTWARE=1  # llvmpipe even where a GPU exists, so numbers compare
xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp -noreset" "$build/bench/sigap_bench" --out "$report" "$@"
echo
echo "report: $report"
