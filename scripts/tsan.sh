#!/usr/bin/env bash
# ThreadSanitizer check of the parallel phases. GCC's libgomp is not TSan-instrumented, so TSan
# would report its internals or miss its synchronisation; this builds with clang and LLVM's libomp
# instead, and loads libomp's Archer tool, which tells TSan what OpenMP's barriers and tasks
# order. Build: build-tsan/ or $KYOSEI_TSAN_BUILD_DIR (-DKYOSEI_SANITIZE_THREAD=ON, only the TSan
# test executable). First a canary with a deliberate race in an OpenMP loop must be reported (the
# check is not blind), then the tests of the parallel phases must run without a report. The tests
# run with 4 OpenMP threads whatever the core count; KYOSEI_TSAN_FILTER changes the selection.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${KYOSEI_TSAN_BUILD_DIR:-$root/build-tsan}"
filter="${KYOSEI_TSAN_FILTER:-Simulation.ResultsDoNotDependOnThreadCount:Ties.*}"
"$root/scripts/setup.sh"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DKYOSEI_SANITIZE_THREAD=ON -DKYOSEI_BUILD_PYTHON=OFF -DKYOSEI_BUILD_BENCHMARKS=OFF -DKYOSEI_MPI=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target kyosei_tsan_tests kyosei_tsan_canary

archer="$(dirname "$(readlink -f "$(command -v clang++)")")/../lib/libarcher.so"
[[ -f "$archer" ]] || { echo "tsan: libarcher.so not found beside clang ($archer): install libomp-14-dev"; exit 1; }
export OMP_TOOL_LIBRARIES="$archer" OMP_NUM_THREADS=4
export TSAN_OPTIONS="halt_on_error=1 exitcode=66 ignore_noninstrumented_modules=1 second_deadlock_stack=1"
# Without address-space randomisation: clang 14's TSan cannot map its shadow under the larger
# randomisation of recent kernels ("unexpected memory mapping").
run=()
if setarch "$(uname -m)" -R true 2>/dev/null; then run=(setarch "$(uname -m)" -R); fi

if "${run[@]}" "$build/tests/kyosei_tsan_canary" >/dev/null 2>"$build/canary.log"; then
  echo "tsan: the canary's deliberate race went unreported: this ThreadSanitizer setup is blind"; exit 1
fi
if ! grep -q "WARNING: ThreadSanitizer: data race" "$build/canary.log"; then
  cat "$build/canary.log"; echo "tsan: the canary failed without a data race report"; exit 1
fi
echo "tsan: the canary's deliberate race was reported, as it must be"
"${run[@]}" "$build/tests/kyosei_tsan_tests" --gtest_filter="$filter" --gtest_brief=1
echo "tsan: no data race in $filter"
