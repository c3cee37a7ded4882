#!/usr/bin/env bash
# Builds kyosei and runs every test through ctest: the C++ suite (GoogleTest), the Python suite
# (pytest) and the notebooks. Exits non-zero if anything fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${KYOSEI_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh"
cd "$build"
ctest --output-on-failure -j"$(nproc)"
