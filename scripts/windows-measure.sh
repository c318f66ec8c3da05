#!/usr/bin/env bash
# The Windows numbers of docs/performance.md, under Wine + Mesa llvmpipe in Xvfb (run after
# scripts/package.sh): package sizes, exec → first frame presented, peak memory and idle CPU of
# sigap.exe on the start screen. Like bench/run_bench.sh for Linux; prints a Markdown table.
#   bash scripts/windows-measure.sh [RUNS] [IDLE_SECONDS]      defaults: 5 runs, 30 s idle
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${1:-5}
idle=${2:-30}
if [[ -z "${SIGAP_MEASURE_IN_XVFB:-}" ]]; then
  exec env SIGAP_MEASURE_IN_XVFB=1 xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$@"
fi
work=$root/build-windows
version=$(sed -nE 's/^project\(sigap VERSION ([0-9.]+).*/\1/p' CMakeLists.txt)
zip=$work/out/sigap-$version-windows-x64.zip
setup=$work/out/sigap-$version-setup.exe
app=$work/stage/sigap-$version-windows-x64
export WINEPREFIX=$work/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8
wineserver -p
trap 'wineserver -k 2>/dev/null || true' EXIT
tmp=$work/measure
rm -rf "$tmp"; mkdir -p "$tmp"
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# The Windows process of sigap.exe (Wine runs it as a Linux process named after the exe).
app_pid() { pgrep -f 'sigap\.exe' | head -n 1; }

first=()
for i in $(seq 1 "$runs"); do
  log=$tmp/frames-$i.txt
  t0=$(now_ms)
  (cd "$app" && wine sigap.exe --results "$(winepath -w "$tmp/results")" --frame-log "$(winepath -w "$log")" >/dev/null 2>&1) &
  until grep -q '^first_frame' "$log" 2>/dev/null; do sleep 0.01; done
  first+=($(( $(now_ms) - t0 )))
  pid=$(app_pid)
  if [[ $i -eq "$runs" ]]; then
    sleep 2
    read -r u0 s0 < <(awk '{print $14, $15}' "/proc/$pid/stat")
    w0=$(awk '{print $14 + $15}' "/proc/$(pgrep -x wineserver64 | head -n 1)/stat" 2>/dev/null || echo 0)
    frames0=$(grep -c '^frame' "$log")
    sleep "$idle"
    read -r u1 s1 < <(awk '{print $14, $15}' "/proc/$pid/stat")
    w1=$(awk '{print $14 + $15}' "/proc/$(pgrep -x wineserver64 | head -n 1)/stat" 2>/dev/null || echo 0)
    frames1=$(grep -c '^frame' "$log")
    hz=$(getconf CLK_TCK)
    cpu=$(awk -v d=$(( u1 + s1 - u0 - s0 )) -v hz="$hz" -v t="$idle" 'BEGIN { printf "%.2f", 100 * d / hz / t }')
    server=$(awk -v d=$(( w1 - w0 )) -v hz="$hz" -v t="$idle" 'BEGIN { printf "%.2f", 100 * d / hz / t }')
    hwm=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  fi
  kill "$pid" 2>/dev/null || true
  wait || true
done
sorted=$(printf '%s\n' "${first[@]}" | sort -n | tr '\n' ' ')
median=$(printf '%s\n' "${first[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}')
echo "| what | Windows build under Wine 8 + llvmpipe |"
echo "|---|---|"
echo "| portable zip | $(du -k "$zip" | cut -f1) KB (\`sigap.exe\` $(du -k "$app/sigap.exe" | cut -f1) KB stripped) |"
echo "| installer | $(du -k "$setup" | cut -f1) KB |"
echo "| exec of \`wine sigap.exe\` → first frame presented, warm prefix ($runs runs) | median $median ms (all: $sorted) |"
echo "| peak RSS of the sigap.exe process (VmHWM, start screen) | $hwm MB |"
echo "| CPU while idle ($idle s, start screen) | sigap.exe $cpu % of one core, wineserver $server %; frames drawn: $((frames1 - frames0)) |"
