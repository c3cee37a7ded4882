#!/usr/bin/env bash
# Builds the C++ suite with AddressSanitizer and UndefinedBehaviorSanitizer (-DKYOSEI_SANITIZE=ON;
# GCC, like the main build; -O1 with line tables, assertions on; Python, benchmarks and MPI off)
# in build-asan/ or $KYOSEI_ASAN_BUILD_DIR and runs it through ctest. Any sanitizer report fails
# the test that triggered it (leaks included: LeakSanitizer runs at exit). Extra arguments go to
# ctest (e.g. -R Cli).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${KYOSEI_ASAN_BUILD_DIR:-$root/build-asan}"
"$root/scripts/setup.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1" \
  -DKYOSEI_SANITIZE=ON -DKYOSEI_BUILD_PYTHON=OFF -DKYOSEI_BUILD_BENCHMARKS=OFF -DKYOSEI_MPI=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target kyosei_tests
export ASAN_OPTIONS="detect_leaks=1:detect_stack_use_after_return=1:strict_init_order=1:check_initialization_order=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
cd "$build"
ctest --output-on-failure -j"$(nproc)" "$@"
