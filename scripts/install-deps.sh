#!/usr/bin/env bash
# Installs the Debian packages SIGAP needs to build, run and test, then fetches cpp-httplib's
# single header from Debian's source package for the live room (scripts/fetch-httplib.sh).
# Idempotent: installs and fetches only what is missing, and says what. Uses sudo only when not root.
#   scripts/install-deps.sh            build + run + test packages
#   scripts/install-deps.sh --fuzz     also clang and its sanitizer/fuzzer runtime
#   scripts/install-deps.sh --dev      also clang-format-14, for `git clang-format` (not used by CI)
#   scripts/install-deps.sh --windows  also the Windows cross build and its tests: MinGW-w64 (posix
#                                      threads), Wine (64-bit only), NSIS, zip (scripts/package.sh),
#                                      xdotool (the live-window check under Wine)
set -euo pipefail

packages=(
  # toolchain
  cmake g++ make pkgconf dpkg-dev
  # libraries (see third_party/README.md for versions and why)
  libimgui-dev libglfw3-dev libstb-dev nlohmann-json3-dev doctest-dev python3-glad libcpp-httplib-dev
  # scripts/fetch-httplib.sh: unpacking (dpkg-dev) and patching Debian's cpp-httplib source package
  patch xz-utils
  # run time: a clear TTF font and an OpenGL driver (Mesa software rendering works)
  fonts-noto-core libgl1-mesa-dri libgl1
  # GUI tests: a virtual X server
  xvfb xauth
  # the Linux launchers (packaging/linux/*.desktop) are checked by test_foundation
  desktop-file-utils
)
for option in "$@"; do
  case $option in
    --fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;
    --dev) packages+=(clang-format-14) ;;
    # Only the -posix compiler (std::thread, std::mutex), not the mingw-w64 metapackage (i686 too);
    # wine without recommends (24 packages rather than 93). fonts-noto-core is shipped in the zip.
    --windows) packages+=(g++-mingw-w64-x86-64-posix wine64 wine nsis zip unzip xdotool) ;;
    *) echo "install-deps: unknown option '$option' (--fuzz, --dev, --windows)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install-deps: all ${#packages[@]} packages already installed."
else
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "install-deps: done."
fi
# The live room's HTTP library: Debian's source package plus the local patch, in build-deps/.
bash "$(dirname "$0")/fetch-httplib.sh"
