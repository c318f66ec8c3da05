#!/usr/bin/env bash
# Sets everything up on a fresh Debian machine and opens SIGAP with the bundled scenarios.
#   bash scripts/run.sh [sigap options…]      e.g. --lang en, --facilitator
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
exec ./build-release/sigap "$@"
