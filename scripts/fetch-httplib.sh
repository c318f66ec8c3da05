#!/usr/bin/env bash
# Fetches cpp-httplib's single header from Debian 12's *source* package (the Debian package
# itself ships a compiled library with a split header) and applies SIGAP's local patch,
# third_party/cpp-httplib-0.11.4-limits.patch (line-length cap, body limit for chunked and
# length-less bodies, a per-request read deadline). The result, DIR/httplib.h, is what the live
# room is built with on Linux and Windows (third_party/CMakeLists.txt looks in
# build-deps/cpp-httplib). The private apt configuration lives in DIR/../apt: the system's
# sources are left untouched and nothing fetched is committed.
#   bash scripts/fetch-httplib.sh [DIR]      (default: build-deps/cpp-httplib)
# Idempotent: does nothing when DIR/httplib.h was made with the current patch.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dest=$(realpath -m "${1:-$root/build-deps/cpp-httplib}")
patch_file=$root/third_party/cpp-httplib-0.11.4-limits.patch
stamp=$(sha256sum "$patch_file" | cut -d' ' -f1)
if [[ -f "$dest/httplib.h" && "$(cat "$dest/patch.sha256" 2>/dev/null)" == "$stamp" ]]; then exit 0; fi
work=$(dirname "$dest")
src=$work/src
mkdir -p "$src" "$dest"
source "$root/scripts/debian-source-apt.sh"
private_source_apt "$work/apt"
if ! compgen -G "$src/cpp-httplib_0.11.4*.dsc" >/dev/null; then
  apt-get "${apt_opts[@]}" update
  (cd "$src" && apt-get "${apt_opts[@]}" source --download-only cpp-httplib=0.11.4+ds-1+deb12u1)
fi
rm -rf "$src/cpp-httplib-0.11.4+ds"
# Debian's own patches (CVE-2023-26130) are applied by the unpacking; ours comes after them.
(cd "$src" && dpkg-source -q -x cpp-httplib_0.11.4+ds-1+deb12u1.dsc >/dev/null 2>&1)
patch -s -p1 -d "$src/cpp-httplib-0.11.4+ds" <"$patch_file"
cp "$src/cpp-httplib-0.11.4+ds/httplib.h" "$dest/httplib.h"
cp "$src/cpp-httplib-0.11.4+ds/LICENSE" "$dest/LICENSE" 2>/dev/null || true
echo "$stamp" >"$dest/patch.sha256"
echo "fetch-httplib: $dest/httplib.h (cpp-httplib 0.11.4+ds-1+deb12u1 with the local patch)"
