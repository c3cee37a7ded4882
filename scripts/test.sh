#!/usr/bin/env bash
# The test command (what CI runs). Stages, each stopping the command when it fails:
#   build   scripts/build.sh: the Release build of everything (it installs what is missing first)
#   format  scripts/format_check.sh: every C++ file as .clang-format says
#   tests   ctest in build/: the C++ suite (GoogleTest), the Python suite (pytest), the notebooks
#   slurm   scripts/slurm_stage.sh: the SLURM templates on a local single-node cluster (as root)
#   asan    scripts/asan.sh: the C++ suite again under AddressSanitizer and UBSan (build-asan/)
#   tsan    scripts/tsan.sh: the parallel phases under ThreadSanitizer, clang + libomp (build-tsan/)
#   fuzz    scripts/fuzz.sh: libFuzzer over the scenario loader for 60 s (build-fuzz/)
# It prints which stage failed, or the time of each, and ends with the main suite's ctest summary.
# KYOSEI_TEST_QUICK=1 runs only build and tests; KYOSEI_FUZZ_SECONDS sets the fuzzing time.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${KYOSEI_BUILD_DIR:-$root/build}"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
recap=()
summary_log=""  # the log of the last ctest run, whose summary closes the output

# ctest's closing lines: the pass/fail count, the failed tests, the total time.
print_summary() {
  [[ -n "$summary_log" && -f "$summary_log" ]] || return 0
  echo
  sed -n '/tests passed, .* tests failed out of/,$p' "$summary_log" | grep -vE '^(Errors while running CTest|Output from these tests are in|Use "--rerun-failed)'
}

stage() {
  local name=$1 log=$2
  shift 2
  echo
  echo "=== stage $name: $*"
  local start=$SECONDS rc
  if [[ -n "$log" ]]; then
    "$@" 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    summary_log=$log
  else
    "$@"
    rc=$?
  fi
  local took=$((SECONDS - start))
  if ((rc != 0)); then
    echo
    echo "=== FAILED: stage $name (exit code $rc after $took s); the later stages did not run"
    print_summary
    exit 1
  fi
  recap+=("$name $took s")
  echo "=== stage $name passed in $took s"
}

main_ctest() {
  cd "$build" && ctest --output-on-failure -j"$(nproc)"
}

total_start=$SECONDS
stage build "" "$root/scripts/build.sh"
stage format "" "$root/scripts/format_check.sh"
stage tests "$logs/tests.log" main_ctest
main_log=$summary_log
if [[ "${KYOSEI_TEST_QUICK:-0}" != 1 ]]; then
  stage slurm "" "$root/scripts/slurm_stage.sh" "$build"
  stage asan "$logs/asan.log" "$root/scripts/asan.sh"
  stage tsan "" "$root/scripts/tsan.sh"
  stage fuzz "" "$root/scripts/fuzz.sh"
fi
echo
echo "=== all stages passed in $((SECONDS - total_start)) s: $(IFS=,; echo "${recap[*]}" | sed 's/,/, /g')"
summary_log=$main_log
print_summary
