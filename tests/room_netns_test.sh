#!/usr/bin/env bash
# The live room between two "laptops": two network namespaces joined by a veth pair, with
# addresses (10.213.0.0/24) that exist only inside them. The facilitator's namespace runs
# `sigap room` with its default addresses; the team's namespace finds it with `sigap rooms`
# and plays a whole session with `sigap play --room auto`. Nothing reaches a real network:
# each namespace holds only its loopback and its end of the veth pair.
# Creating namespaces needs root (CAP_SYS_ADMIN and CAP_NET_ADMIN): without it the test is
# skipped (exit 77, which CTest reports as skipped, not passed); test_room_discovery covers the
# same code on loopback.
#   bash tests/room_netns_test.sh SIGAP_BINARY SOURCE_DIR
set -euo pipefail
sigap=$1
source_dir=$2
ns_a=sigap-room-$$-a
ns_b=sigap-room-$$-b
tmp=$(mktemp -d)
room_pid=
cleanup() {
  [[ -n "$room_pid" ]] && kill "$room_pid" 2>/dev/null && wait "$room_pid" 2>/dev/null
  ip netns del "$ns_a" 2>/dev/null || true
  ip netns del "$ns_b" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
if ! ip netns add "$ns_a" 2>"$tmp/why"; then
  echo "room_netns_test: skipped: cannot create a network namespace ($(cat "$tmp/why")); needs root"
  exit 77
fi
ip netns add "$ns_b"
ip link add vA netns "$ns_a" type veth peer name vB netns "$ns_b"
ip -n "$ns_a" addr add 10.213.0.1/24 dev vA
ip -n "$ns_b" addr add 10.213.0.2/24 dev vB
for ns in "$ns_a" "$ns_b"; do ip -n "$ns" link set lo up; done
ip -n "$ns_a" link set vA up
ip -n "$ns_b" link set vB up
failures=0
check() { local what=$1; shift; if "$@"; then echo "room_netns_test: ok    $what"; else echo "room_netns_test: FAIL  $what"; failures=$((failures + 1)); fi; }

ip netns exec "$ns_a" "$sigap" room --results "$tmp/room" --code K7QX2MPA --name "Bimtek Batam" --for 120 \
  >"$tmp/room.out" 2>"$tmp/room.err" &
room_pid=$!
for _ in $(seq 1 100); do grep -q '^Hasil' "$tmp/room.out" 2>/dev/null && break; sleep 0.1; done
cat "$tmp/room.out"
check "the room listens on the private network and loopback, by default" \
  grep -q '^Mendengar di / Listening on: 10.213.0.1, 127.0.0.1 (jaringan lokal' "$tmp/room.out"
check "the projector shows the network address" grep -q '^Alamat / Address: http://10.213.0.1:8765$' "$tmp/room.out"

ip netns exec "$ns_b" "$sigap" rooms --timeout 2 >"$tmp/rooms.out" 2>"$tmp/rooms.err" && rc=0 || rc=$?
cat "$tmp/rooms.out"
check "the team's laptop finds the room on the other host" \
  bash -c "[[ $rc -eq 0 ]] && grep -qx '10.213.0.1:8765 *Bimtek Batam' '$tmp/rooms.out'"

plan=$source_dir/tests/golden/plans/desa-pariaman-best.json
read -r scenario choices < <(python3 -c 'import json,sys; p=json.load(open(sys.argv[1])); print(p["scenario"], ",".join(p["choices"]))' "$plan")
ip netns exec "$ns_b" "$sigap" play "$scenario" --team "Tim Jaringan" --choices "$choices" --results "$tmp/team" \
  --room auto --code K7QX2MPA --room-wait 20 >"$tmp/play.out" 2>"$tmp/play.err" && rc=0 || rc=$?
cat "$tmp/play.err"
check "play --room auto finds the room and it receives every record" \
  bash -c "[[ $rc -eq 0 ]] && grep -q 'Ruang ditemukan / Room found: Bimtek Batam (10.213.0.1:8765)' '$tmp/play.err' && grep -q 'semua rekaman diterima' '$tmp/play.err'"
team_log=$(ls "$tmp"/team/*.sigap.jsonl)
room_log=$(ls "$tmp"/room/*.sigap.jsonl)
check "the room's file is the team's log, byte for byte" cmp "$team_log" "$room_log"

# The root namespace (this machine's real network) hears nothing of it. Other room tests running
# at the same time may announce their own rooms on loopback: only this room must stay unheard.
"$sigap" rooms --bind 127.0.0.1 --timeout 1 >"$tmp/root.out" 2>&1 && rc=0 || rc=$?
check "nothing is heard outside the namespaces" \
  bash -c "[[ $rc -eq 0 || $rc -eq 1 ]] && ! grep -q '10\.213\.' '$tmp/root.out'"


kill -TERM "$room_pid"
wait "$room_pid" && rc=0 || rc=$?
room_pid=
cat "$tmp/room.out" | tail -n 3
check "the room closes cleanly and answered the laptops' queries" \
  bash -c "[[ $rc -eq 0 ]] && grep -qE 'Penemuan / Discovery: [1-9][0-9]* pengumuman/announcements, [1-9][0-9]* jawaban/answers' '$tmp/room.out'"
echo "room_netns_test: $failures failed"
[[ $failures -eq 0 ]]
