#!/usr/bin/env bash
# Builds the packages that go on the team laptops, on Debian 12, from this source tree:
#   out/sigap-<version>-windows-x64.zip   portable folder for Windows 10/11 (USB stick, Downloads)
#   out/sigap-<version>-setup.exe         per-user Windows installer (NSIS; no admin rights)
#   out/sigap_<version>_amd64.deb         the Debian/Ubuntu package
# Only Debian packages and Debian *source* packages are used: imgui and glfw3 come through a
# private apt configuration under build-windows/apt, never the system's; cpp-httplib's single
# header (the live room) through scripts/fetch-httplib.sh, with the local patch, in build-deps/. GLFW and SIGAP are cross-built
# statically with MinGW-w64, so sigap.exe imports only Windows system DLLs.
#   bash scripts/package.sh [--out DIR] [--no-deb] [--tests]
#     --out DIR   where the packages go (default: out/)
#     --no-deb    skip the .deb (the Windows packages only)
#     --tests     also cross-build the engine test suites (scripts/windows-smoke.sh runs them)
# Everything else is kept in build-windows/ between runs: a second run rebuilds only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=$root/out
deb=1
tests=OFF
while [[ $# -gt 0 ]]; do
  case $1 in
    --out) out=$(realpath -m "$2"); shift 2 ;;
    --no-deb) deb=0; shift ;;
    --tests) tests=ON; shift ;;
    *) echo "package.sh: unknown option '$1'; see the comment at the top of scripts/package.sh" >&2; exit 2 ;;
  esac
done
version=$(sed -nE 's/^project\(sigap VERSION ([0-9.]+).*/\1/p' CMakeLists.txt)
[[ -n "$version" ]] || { echo "package.sh: cannot read the version from CMakeLists.txt" >&2; exit 2; }
work=$root/build-windows
mkdir -p "$work" "$out"
step() { echo "== package: $*"; }
SECONDS=0

step "dependencies"
bash scripts/install-deps.sh --windows

# ---- Debian source packages, through a private apt configuration ---------------------------
step "Debian sources (imgui, glfw3; cpp-httplib)"
mkdir -p "$work/src"
source "$root/scripts/debian-source-apt.sh"
private_source_apt "$work/apt"
unpacked() { compgen -G "$work/src/$1-*/" >/dev/null; }
if ! unpacked imgui || ! unpacked glfw3; then
  apt-get "${apt_opts[@]}" update
  (cd "$work/src" && apt-get "${apt_opts[@]}" source --download-only imgui glfw3)
  for dsc in "$work"/src/*.dsc; do (cd "$work/src" && dpkg-source -q -x --skip-patches "$dsc" >/dev/null 2>&1 || dpkg-source -q -x "$dsc" >/dev/null); done
fi
imgui_src=$(compgen -G "$work/src/imgui-*/" | head -n 1)
glfw_src=$(compgen -G "$work/src/glfw3-*/" | head -n 1)
bash scripts/fetch-httplib.sh "$root/build-deps/cpp-httplib"
echo "package: $(basename "$imgui_src"), $(basename "$glfw_src"), cpp-httplib 0.11.4+ds-1+deb12u1 (patched)"

# ---- GLFW, cross-built once -------------------------------------------------------------------
toolchain=$root/third_party/mingw-w64-x86_64.cmake
deps=$work/win64
if [[ ! -f "$deps/lib/libglfw3.a" ]]; then
  step "GLFW (MinGW-w64, static)"
  cmake -S "$glfw_src" -B "$work/glfw-build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=Release \
    -DBUILD_SHARED_LIBS=OFF -DGLFW_BUILD_EXAMPLES=OFF -DGLFW_BUILD_TESTS=OFF -DGLFW_BUILD_DOCS=OFF \
    -DCMAKE_INSTALL_PREFIX="$deps" >/dev/null
  cmake --build "$work/glfw-build" -j2 >/dev/null
  cmake --install "$work/glfw-build" >/dev/null
fi

# ---- SIGAP for Windows ------------------------------------------------------------------------
step "SIGAP for Windows (MinGW-w64, static, Release)"
build=$work/sigap
cmake -S "$root" -B "$build" -DCMAKE_TOOLCHAIN_FILE="$toolchain" -DCMAKE_BUILD_TYPE=Release \
  -DSIGAP_IMGUI_SOURCE_DIR="$imgui_src" -DSIGAP_WINDOWS_DEPS="$deps" -DSIGAP_HTTPLIB_DIR="$root/build-deps/cpp-httplib" \
  -DSIGAP_BUILD_TESTS=$tests -DSIGAP_BUILD_BENCH=OFF -DSIGAP_BUILD_ROOM=ON >/dev/null  # ON: a cache from before the room was in the Windows build said OFF
targets=(sigap sigap_console)
[[ $tests == ON ]] && targets+=(test_platform platform_lock_probe test_engine test_fault)
cmake --build "$build" -j2 --target "${targets[@]}"

# ---- The portable folder, the zip and the installer ------------------------------------------
step "portable folder"
name=sigap-$version-windows-x64
stage=$work/stage/$name
rm -rf "$work/stage"
mkdir -p "$stage/fonts"
x86_64-w64-mingw32-strip -o "$stage/sigap.exe" "$build/sigap.exe"
x86_64-w64-mingw32-strip -o "$stage/sigap.com" "$build/sigap.com"
cp -r scenarios assets "$stage/"
noto=/usr/share/fonts/truetype/noto
cp "$noto/NotoSans-Regular.ttf" "$noto/NotoSans-Bold.ttf" "$noto/NotoSansSymbols2-Regular.ttf" "$noto/NotoSansSymbols-Regular.ttf" "$stage/fonts/"
cp /usr/share/doc/fonts-noto-core/copyright "$stage/fonts/LICENSE-Noto.txt"
cp packaging/windows/SIGAP-Fasilitator.cmd "$stage/"
sed "s/@VERSION@/$version/g" packaging/windows/BACA-SAYA.txt >"$stage/BACA-SAYA.txt"
sed "s/@VERSION@/$version/g" packaging/windows/README.txt >"$stage/README.txt"
# Licences of what sigap.exe is built from (MIT, zlib, public domain; the GCC runtime exception).
{
  echo "SIGAP $version for Windows is built from these Debian packages and their sources."
  for pkg in imgui glfw3 cpp-httplib nlohmann-json3-dev libstb0 gcc-mingw-w64-base mingw-w64-common; do
    for f in "$work/src/$pkg"-*/debian/copyright "$root/build-deps/src/$pkg"-*/debian/copyright \
             /usr/share/doc/"$pkg"/copyright; do
      [[ -f "$f" ]] || continue
      printf '\n==== %s ====\n\n' "$pkg"
      cat "$f"
      break
    done
  done
} >"$stage/THIRD-PARTY-LICENCES.txt"
# The zip is portable: results and settings stay beside sigap.exe. The installer leaves this out.
printf 'SIGAP portable: results and settings are kept in this folder (results\\, settings\\).\r\n' >"$stage/portable"
# Windows users open these in Notepad: CRLF line ends.
for f in "$stage"/BACA-SAYA.txt "$stage"/README.txt "$stage"/THIRD-PARTY-LICENCES.txt; do sed -i 's/\r*$/\r/' "$f"; done

step "zip"
rm -f "$out/$name.zip"
(cd "$work/stage" && zip -q -r -X -9 "$out/$name.zip" "$name")

step "installer (NSIS)"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSTAGE="$stage" -DOUTFILE="$out/sigap-$version-setup.exe" packaging/windows/installer.nsi

# ---- The Debian package -----------------------------------------------------------------------
if [[ $deb -eq 1 ]]; then
  step ".deb (native Release build)"
  bash scripts/install-deps.sh >/dev/null
  cmake --preset release >/dev/null
  cmake --build --preset release --target sigap
  (cd build-release && cpack -G DEB >/dev/null)
  cp build-release/sigap_*_amd64.deb "$out/"
fi

step "done in ${SECONDS}s"
ls -l "$out"
