#!/usr/bin/env bash
# The Windows build, proven under Wine in Xvfb (called by .ci/run after the Linux tests):
#   1. builds the packages (scripts/package.sh --no-deb --tests) and checks that sigap.exe and
#      sigap.com import only Windows system DLLs and are GUI- and console-subsystem programs;
#   2. runs the cross-built doctest suites (platform, engine: session/state/log, write faults);
#   3. unzips the portable package into ".../Pelatihan — Batam/Dédé" and from there runs
#      `validate`, `play` to an ending for every golden plan, and `debrief` with CSV/HTML/xAPI;
#      checks the same scores, ending and log records as the Linux build (apart from timestamps
#      and ids), and byte-identical CSV and xAPI from the same result files;
#   3b. the live room on loopback: sigap.com finds the Linux room (`rooms`) and plays a session
#      into it; the Windows room under Wine is found by and takes a session from the Linux build;
#      each room's file equals the team's log byte for byte;
#   4. the GUI start screen under Wine against the Linux one (within 100 pixels), the portable
#      marker (results\ and settings\ beside sigap.exe), UTF-8 on a console (a pty); a live
#      window that draws nothing while idle, wakes on input, holds its session against a second
#      process and comes forward when asked;
#   5. the installer: silent install into a non-ASCII folder, SIGAP starts from it, results and
#      settings go to %LOCALAPPDATA%\SIGAP\results and %APPDATA%\SIGAP, the uninstaller removes it.
# The Wine prefix is kept in build-windows/wineprefix and reused (its first creation is ~20 s).
#   bash scripts/windows-smoke.sh           exit 0 when everything holds
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
if [[ -z "${SIGAP_SMOKE_IN_XVFB:-}" ]]; then
  bash scripts/install-deps.sh --windows
  # A screen larger than the window: without a window manager Wine would shrink a 1280x720
  # window (title bar included) to fit a 1280x720 screen.
  exec env SIGAP_SMOKE_IN_XVFB=1 xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$@"
fi
SECONDS=0
work=$root/build-windows
smoke=$work/smoke
mkdir -p "$work"
failures=0
passes=0
pass() { echo "windows-smoke: ok    $*"; passes=$((passes + 1)); }
fail() { echo "windows-smoke: FAIL  $*" >&2; failures=$((failures + 1)); }
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
step() { echo "== windows-smoke: $* (${SECONDS}s)"; }

# ---- 1. Packages -----------------------------------------------------------------------------
step "packages"
bash scripts/package.sh --no-deb --tests --out "$work/out" >"$work/package.log" 2>&1 || { cat "$work/package.log" >&2; exit 1; }
version=$(sed -nE 's/^project\(sigap VERSION ([0-9.]+).*/\1/p' CMakeLists.txt)
zip=$work/out/sigap-$version-windows-x64.zip
setup=$work/out/sigap-$version-setup.exe
ls -l "$zip" "$setup"
system_dlls='^(ADVAPI32|COMDLG32|GDI32|IMM32|KERNEL32|msvcrt|ole32|OLEAUT32|OPENGL32|SHELL32|USER32|WINMM|WS2_32|VERSION)\.dll$'
for exe in sigap.exe sigap.com; do
  dlls=$(x86_64-w64-mingw32-objdump -p "$work/sigap/$exe" | sed -n 's/^\s*DLL Name: //p')
  echo "windows-smoke: $exe imports $(echo $dlls)"
  check "$exe imports only Windows system DLLs" bash -c "! grep -viE '$system_dlls' <<<'$dlls'"
done
subsystem() { x86_64-w64-mingw32-objdump -p "$work/sigap/$1" | sed -nE 's/^Subsystem\s+[0-9a-f]+\s+\((.*)\)/\1/p'; }
check "sigap.exe is a GUI program (no console window from Explorer)" test "$(subsystem sigap.exe)" = "Windows GUI"
check "sigap.com is a console program (cmd and PowerShell wait for it)" test "$(subsystem sigap.com)" = "Windows CUI"

# ---- Wine --------------------------------------------------------------------------------------
export WINEPREFIX=$work/wineprefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$WINEPREFIX"
wineserver -p   # one persistent wineserver: ~3.5 s per run instead of ~9
trap 'wineserver -k 2>/dev/null || true' EXIT
wine cmd /c exit >/dev/null 2>&1 || true   # creates the prefix on the first run
wine_user=$(wine cmd /c 'echo %USERNAME%' 2>/dev/null | tr -d '\r')
user_dir=$WINEPREFIX/drive_c/users/$wine_user
# A USB stick: drive E: of type "floppy" is DRIVE_REMOVABLE to GetDriveTypeW; .windows-label names it.
stick=$smoke/stick
mkdir -p "$stick"
echo "FLASHDISK" >"$stick/.windows-label"
ln -sfn "$stick" "$WINEPREFIX/dosdevices/e:"
wine reg add 'HKLM\Software\Wine\Drives' /v e: /d floppy /f >/dev/null 2>&1
# Drive types are read when the wineserver starts: restart it so a fresh prefix sees E: as removable.
wineserver -k 2>/dev/null || true
wineserver -w 2>/dev/null || true
wineserver -p
export SIGAP_TEST_REMOVABLE_DRIVE='E:\' SIGAP_TEST_REMOVABLE_LABEL=FLASHDISK
export WINEDLLOVERRIDES WINEDEBUG   # (and carried into wine's environment: Wine passes the Unix environment)

# ---- 2. The engine suites, cross-built ---------------------------------------------------------
step "doctest suites under Wine"
for t in test_platform test_engine test_fault; do
  if (cd "$work/sigap/tests" && wine "$t.exe" >"$smoke-$t.log" 2>&1); then
    pass "$t.exe: $(grep -E 'test cases:' "$smoke-$t.log" | tail -n 1 | tr -s ' ')"
  else
    tail -n 40 "$smoke-$t.log" >&2
    fail "$t.exe (log: $smoke-$t.log)"
  fi
done

# ---- 3. The command line from a folder with non-ASCII characters ------------------------------
step "portable folder in a non-ASCII path"
rm -rf "$smoke/zip"
place="$smoke/zip/Pelatihan — Batam/Dédé"
mkdir -p "$place"
unzip -q "$zip" -d "$place"
app="$place/sigap-$version-windows-x64"
check "the portable marker is in the zip" test -f "$app/portable"
native=$root/build-debug/sigap
if [[ ! -x "$native" ]]; then cmake --preset debug >/dev/null && cmake --build --preset debug --target sigap >/dev/null; fi
export XDG_DATA_HOME=$smoke/linux-data XDG_CONFIG_HOME=$smoke/linux-config
rm -rf "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$app/results" "$app/settings" "$smoke/native" "$smoke/wine"
mkdir -p "$smoke/native" "$smoke/wine"

(cd "$app" && wine sigap.com validate scenarios >"$smoke/wine/validate.txt" 2>&1) && rc=0 || rc=$?
"$native" validate "$root/scenarios" >"$smoke/native/validate.txt" 2>&1 || true
check "validate: exit 0 and the same report as Linux" bash -c "[[ $rc -eq 0 ]] && cmp -s '$smoke/wine/validate.txt' '$smoke/native/validate.txt'"

plans=("$root"/tests/golden/plans/*.json)
for plan in "${plans[@]}"; do
  name=$(basename "$plan" .json)
  read -r scenario team lang mode choices < <(python3 - "$plan" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
print(p["scenario"], p["team"].replace(" ", "_") + "_Dédé", p.get("lang", "id"), p.get("mode", "training"), ",".join(p["choices"]))
PY
)
  team=${team//_/ }
  args=(play "$scenario" --team "$team" --lang "$lang" --mode "$mode" --seed 7 --choices "$choices")
  "$native" "${args[@]}" --results "$smoke/native/results" >"$smoke/native/$name.txt" 2>/dev/null || true
  "$native" "${args[@]}" --results "$smoke/native/json" --json >"$smoke/native/$name.json" 2>/dev/null || true
  (cd "$app" && wine sigap.com "${args[@]}" >"$smoke/wine/$name.txt" 2>/dev/null) || true
  (cd "$app" && wine sigap.com "${args[@]}" --results "$(winepath -w "$smoke/wine/json")" --json >"$smoke/wine/$name.json" 2>/dev/null) || true
  check "play $name: the same transcript as Linux" cmp -s "$smoke/native/$name.txt" "$smoke/wine/$name.txt"
  check "play $name: the same scores, ending and steps (--json, ids aside)" python3 - "$smoke/native/$name.json" "$smoke/wine/$name.json" <<'PY'
import json, sys
def norm(path):
    j = json.load(open(path))
    for k in ("session", "log"): j.pop(k, None)
    return j
sys.exit(0 if norm(sys.argv[1]) == norm(sys.argv[2]) else 1)
PY
done
check "portable: results went to results\\ beside sigap.exe" bash -c "ls '$app/results/'*.sigap.jsonl >/dev/null"
check "the session logs hold the same records (timestamps, ids and checksums aside)" python3 - "$smoke/native/results" "$app/results" <<'PY'
import json, sys, pathlib
def records(folder):
    out = []
    for f in sorted(pathlib.Path(folder).glob("*.sigap.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            for k in ("session", "started", "crc", "at_ms", "elapsed_ms"): r.pop(k, None)
            out.append(json.dumps(r, sort_keys=True))
    return sorted(out)
a, b = records(sys.argv[1]), records(sys.argv[2])
print(f"windows-smoke: {len(a)} Linux records, {len(b)} Wine records")
sys.exit(0 if a and a == b else 1)
PY

# Debrief: both builds read the same result files (Linux's and Wine's together).
step "debrief and exports"
rm -rf "$smoke/both"  # a folder kept from an earlier run would mix in logs of older scenario versions
mkdir -p "$smoke/both"
cp "$smoke/native/results/"*.sigap.jsonl "$app/results/"*.sigap.jsonl "$smoke/both/"
"$native" debrief "$smoke/both" --csv "$smoke/native/report.csv" --html "$smoke/native/report.html" --xapi "$smoke/native/xapi.json" \
  >"$smoke/native/debrief.txt" 2>&1 || true
cp -r "$smoke/both" "$app/kumpulan hasil — ñ"
(cd "$app" && wine sigap.com debrief "kumpulan hasil — ñ" --csv "laporan — é.csv" --html "laporan — é.html" --xapi "xapi — é.json" \
  >"$smoke/wine/debrief.txt" 2>&1) && rc=0 || rc=$?
check "debrief under Wine: exit 0, exports written under non-ASCII names" \
  bash -c "[[ $rc -eq 0 ]] && test -s '$app/laporan — é.csv' && test -s '$app/laporan — é.html' && test -s '$app/xapi — é.json'"
check "debrief: the CSV export is byte-identical to Linux's" cmp "$smoke/native/report.csv" "$app/laporan — é.csv"
check "debrief: the xAPI export is byte-identical to Linux's" cmp "$smoke/native/xapi.json" "$app/xapi — é.json"
if cmp -s "$smoke/native/report.html" "$app/laporan — é.html"; then pass "debrief: the HTML report is byte-identical too"
else echo "windows-smoke: note  the HTML reports differ (see $smoke)"; fi

# ---- 3b. The live room between Windows and Linux, on loopback ------------------------------------
# Everything binds to 127.0.0.1 and announces to 127.255.255.255 on discovery ports of its own.
step "live room: Wine against Linux, both ways (loopback)"
plan_choices=$(python3 -c 'import json,sys; print(",".join(json.load(open(sys.argv[1]))["choices"]))' \
  "$root/tests/golden/plans/desa-pariaman-best.json")
rm -rf "$smoke/room-linux" "$smoke/room-wine" "$smoke/team-wine" "$smoke/team-linux"
"$native" room --results "$smoke/room-linux" --bind 127.0.0.1 --port 0 --code K7QX2MPA --name "Ruang Linux" \
  --discovery-port 18966 --for 120 >"$smoke/room-linux.out" 2>&1 &
room_job=$!
for _ in $(seq 1 100); do grep -q '^Hasil' "$smoke/room-linux.out" 2>/dev/null && break; sleep 0.1; done
room_port=$(sed -nE 's|^Alamat / Address: http://127.0.0.1:([0-9]+)$|\1|p' "$smoke/room-linux.out")
(cd "$app" && wine sigap.com rooms --bind 127.0.0.1 --discovery-port 18966 --timeout 2 >"$smoke/wine/rooms.txt" 2>&1) || true
check "Wine: sigap rooms finds the Linux room" grep -q "127.0.0.1:$room_port *Ruang Linux" "$smoke/wine/rooms.txt"
(cd "$app" && wine sigap.com play desa-pariaman --team "Tim Wine" --choices "$plan_choices" \
   --results "$(winepath -w "$smoke/team-wine")" --room "127.0.0.1:$room_port" --code K7QX2MPA --room-wait 30 \
   >"$smoke/wine/room-play.txt" 2>&1) || true
check "Wine: play --room reports every record received by the Linux room" grep -q "semua rekaman diterima" "$smoke/wine/room-play.txt"
kill -TERM "$room_job" 2>/dev/null || true
wait "$room_job" 2>/dev/null || true
check "the Linux room's file is the Windows team's log, byte for byte" \
  bash -c "cmp \"\$(ls '$smoke'/team-wine/*.sigap.jsonl)\" \"\$(ls '$smoke'/room-linux/*.sigap.jsonl)\""
# The Windows room: no signals under Wine, so it closes by --for.
(cd "$app" && wine sigap.com room --results "$(winepath -w "$smoke/room-wine")" --bind 127.0.0.1 --port 18967 \
   --code K7QX2MPA --name "Ruang Windows" --discovery-port 18968 --for 40 >"$smoke/wine/room.txt" 2>&1) &
room_job=$!
for _ in $(seq 1 150); do grep -q '^Hasil' "$smoke/wine/room.txt" 2>/dev/null && break; sleep 0.2; done
"$native" rooms --bind 127.0.0.1 --discovery-port 18968 --timeout 2 >"$smoke/native/rooms.txt" 2>&1 || true
check "Linux: sigap rooms finds the Windows room under Wine" grep -q "127.0.0.1:18967 *Ruang Windows" "$smoke/native/rooms.txt"
"$native" play desa-pariaman --team "Tim Linux" --choices "$plan_choices" --results "$smoke/team-linux" \
  --room 127.0.0.1:18967 --code K7QX2MPA --room-wait 30 >"$smoke/native/room-play.txt" 2>&1 || true
check "Linux: play --room reports every record received by the Windows room" \
  grep -q "semua rekaman diterima" "$smoke/native/room-play.txt"
wait "$room_job" 2>/dev/null || true
check "the Windows room's file is the Linux team's log, byte for byte" \
  bash -c "cmp \"\$(ls '$smoke'/team-linux/*.sigap.jsonl)\" \"\$(ls '$smoke'/room-wine/*.sigap.jsonl)\""

# ---- 4. The GUI, the portable settings, the console -------------------------------------------
step "GUI start screen: Wine against Linux"
"$native" --results "$smoke/native/gui-results" --screenshot "$smoke/native/start.png" >/dev/null 2>&1 || fail "the Linux start screen"
# Both with an empty results folder: the portable one now holds an unfinished session to resume.
(cd "$app" && wine sigap.exe --results "$(winepath -w "$smoke/wine/gui-results")" --screenshot "$(winepath -w "$smoke/wine/start.png")" \
   >"$smoke/wine/gui.txt" 2>&1) || fail "the Wine start screen (see $smoke/wine/gui.txt)"
# Both render with Mesa llvmpipe and the same fonts; stb_truetype compiled by MinGW rounds a few
# anti-aliased glyph edges one level apart (7 of 921,600 pixels, by 1, when this was written).
check "the start screen under Wine matches Linux's (≤ 100 pixels, each ≤ 2 levels apart)" \
  python3 scripts/png_diff.py "$smoke/native/start.png" "$smoke/wine/start.png" 100 2

step "portable settings: the facilitator PIN beside sigap.exe"
(cd "$app" && wine sigap.exe --facilitator --pin 2468 --frames 3 >/dev/null 2>&1) || true
check "portable: settings\\workshop.json beside sigap.exe holds the PIN hash" grep -q pin_sha256 "$app/settings/workshop.json"

step "console output"
# A pty makes Wine's stdout a console: the text goes through WriteConsoleW.
script -qec "cd '$app' && wine sigap.com --help" /dev/null </dev/null >"$smoke/wine/console.txt" 2>&1 || true
# Wine's console writes cursor moves instead of some spaces: drop the escape sequences first.
sed -E 's/\x1b\[[0-9;?]*[A-Za-z]//g' "$smoke/wine/console.txt" >"$smoke/wine/console-text.txt"
check "a console shows the help text (through WriteConsoleW)" grep -q "penanganan" "$smoke/wine/console-text.txt"
check "the em dash on a console is intact, no mojibake" bash -c "grep -q '—' '$smoke/wine/console-text.txt' && ! grep -q 'â€' '$smoke/wine/console-text.txt'"
(cd "$app" && wine cmd /c "sigap validate scenarios" >"$smoke/wine/cmd.txt" 2>&1) && rc=0 || rc=$?
check "cmd: 'sigap validate' finds sigap.com and returns its exit code" bash -c "[[ $rc -eq 0 ]] && grep -q '0 errors' '$smoke/wine/cmd.txt'"
(cd "$app" && wine cmd /c "sigap play no-such-scenario --team x" >/dev/null 2>&1) && rc=0 || rc=$?
check "cmd: a failing subcommand's exit code reaches the shell (1)" test "$rc" -eq 1

step "a live window: idle, input, a second process, a raise request"
# The window holds a session (the screen hook starts it and plays two decisions), then waits for
# input like any participant's: it must draw nothing while nobody touches it (Wine wakes the
# event wait about twice a second with messages no callback sees), draw again on pointer input,
# refuse a second process that resumes the same session (LockFileEx), and come forward when a
# second copy asks (raise-request.txt, as "Tampilkan jendela itu" writes it).
live="$app/sesi langsung"
frames=$smoke/wine/live-frames.txt
rm -rf "$live" "$frames"
(cd "$app" && timeout 120 wine sigap.exe --results "$(winepath -w "$live")" --screen play --scenario desa-pariaman \
   --team "Tim Jendela" --choices b,b --frame-log "$(winepath -w "$frames")" >"$smoke/wine/live.txt" 2>&1) &
live_job=$!
for _ in $(seq 1 300); do grep -q '^first_frame' "$frames" 2>/dev/null && break; sleep 0.2; done
count_frames() { grep -c '^frame' "$frames" 2>/dev/null || echo 0; }
sleep 3
f0=$(count_frames); sleep 8; f1=$(count_frames)
wakes=$(grep -c '^wake none' "$frames" || true)
echo "windows-smoke: idle window: $f0 -> $f1 frames in 8 s; $wakes wakes with no event skipped"
check "an idle window under Wine draws no frame (8 s)" bash -c "[[ $f0 -gt 0 && $f0 -eq $f1 ]]"
wid=$(xdotool search --name '^SIGAP' 2>/dev/null | head -n 1 || true)
if [[ -n "$wid" ]]; then
  xdotool mousemove --window "$wid" 200 200 mousemove --window "$wid" 320 260 2>/dev/null || true
fi
for _ in $(seq 1 50); do [[ $(count_frames) -gt $f1 ]] && break; sleep 0.2; done
f2=$(count_frames)
check "pointer input wakes the window under Wine (frames $f1 -> $f2)" bash -c "[[ -n '$wid' && $f2 -gt $f1 ]]"
log=$(ls "$live"/*.sigap.jsonl 2>/dev/null | head -n 1 || true)
(cd "$app" && wine sigap.com play --resume "$(winepath -w "$log")" --choices b,b,b >"$smoke/wine/second.txt" 2>&1) && rc=0 || rc=$?
check "a second process cannot resume the session the window holds (RES006)" \
  bash -c "[[ -n '$log' && $rc -ne 0 ]] && grep -q RES006 '$smoke/wine/second.txt'"
f3=$(count_frames)
printf '%s' "$(winepath -w "$log")" >"$app/settings/raise-request.txt"
for _ in $(seq 1 50); do [[ ! -e "$app/settings/raise-request.txt" && $(count_frames) -gt $f3 ]] && break; sleep 0.2; done
check "a raise request brings the window forward and it draws (frames $f3 -> $(count_frames))" \
  bash -c "[[ ! -e '$app/settings/raise-request.txt' && $(count_frames) -gt $f3 ]] && grep -q '^wake raise' '$frames'"
check "the window's two decisions are on disk" bash -c "[[ \$(grep -c '\"rec\":\"decision\"' '$log') -eq 2 ]]"
kill "$live_job" 2>/dev/null || true
pkill -f 'sigap\.exe' 2>/dev/null || true
wait "$live_job" 2>/dev/null || true

# ---- 5. The installer ----------------------------------------------------------------------------
step "installer"
target='C:\users\'"$wine_user"'\Pelatihan — Batam\Dédé\SIGAP'
installed="$user_dir/Pelatihan — Batam/Dédé/SIGAP"
rm -rf "$user_dir/Pelatihan — Batam" "$user_dir/AppData/Local/SIGAP" "$user_dir/AppData/Roaming/SIGAP"
# /D= must not be quoted and must come last; through cmd so that the spaces survive, and with
# start /wait because cmd does not wait for a GUI program.
wine cmd /c "start /wait \"\" $(winepath -w "$setup") /S /D=$target" >/dev/null 2>&1 || true
check "the installer put sigap.exe into a non-ASCII folder" test -f "$installed/sigap.exe"
check "no portable marker in the installed copy" test ! -e "$installed/portable"
menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/SIGAP"
check "Start menu: SIGAP and SIGAP — Fasilitator" bash -c "test -f '$menu/SIGAP.lnk' && test -f '$menu/SIGAP — Fasilitator.lnk'"
(cd "$installed" && wine sigap.exe --screenshot "$(winepath -w "$smoke/wine/installed.png")" >/dev/null 2>&1) && rc=0 || rc=$?
check "SIGAP starts from the installed folder" bash -c "[[ $rc -eq 0 ]] && python3 scripts/png_diff.py '$smoke/native/start.png' '$smoke/wine/installed.png' 100 2"
(cd "$installed" && wine sigap.com play yuliana-nunukan --team "Tim Terpasang" --choices b >/dev/null 2>&1) || true
check "installed: results in %LOCALAPPDATA%\\SIGAP\\results" bash -c "ls '$user_dir/AppData/Local/SIGAP/results/'*terpasang*.sigap.jsonl >/dev/null"
(cd "$installed" && wine sigap.exe --facilitator --pin 1357 --frames 3 >/dev/null 2>&1) || true
check "installed: settings in %APPDATA%\\SIGAP" grep -q pin_sha256 "$user_dir/AppData/Roaming/SIGAP/workshop.json"
wine "$(winepath -w "$installed/uninstall.exe")" /S >/dev/null 2>&1 || true
# The uninstaller copies itself to %TEMP% and carries on from there after this returns.
for _ in $(seq 1 120); do [[ -e "$installed" || -e "$menu" ]] || break; sleep 0.5; done
check "the uninstaller removed the program folder and the shortcuts" bash -c "test ! -e '$installed' && test ! -e '$menu'"
check "the uninstaller left the results alone" bash -c "ls '$user_dir/AppData/Local/SIGAP/results/'*.sigap.jsonl >/dev/null"

step "done"
echo "windows-smoke: the Windows part took ${SECONDS}s"
echo "windows-smoke: $passes passed, $failures failed"
[[ $failures -eq 0 ]]
