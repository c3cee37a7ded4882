#!/usr/bin/env bash
# Fuzzes the scenario loader (tests/fuzz/fuzz_scenario.cpp) with libFuzzer under AddressSanitizer
# and UndefinedBehaviorSanitizer for KYOSEI_FUZZ_SECONDS (default 60), starting from the repository
# scenarios and the malformed catalogue. Any crash, leak, hang (5 s per input), memory blow-up
# (2 GiB) or sanitizer report fails it, leaving the input in $build/artifacts with the command
# that replays it. Built with clang in build-fuzz/ or $KYOSEI_FUZZ_BUILD_DIR; new interesting
# inputs accumulate in $build/corpus between runs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${KYOSEI_FUZZ_BUILD_DIR:-$root/build-fuzz}"
seconds="${KYOSEI_FUZZ_SECONDS:-60}"
"$root/scripts/setup.sh"
cmake -S "$root/tests/fuzz" -B "$build" -DCMAKE_CXX_COMPILER=clang++ >/dev/null
cmake --build "$build" -j"$(nproc)"
mkdir -p "$build/corpus" "$build/artifacts"
rm -f "$build"/artifacts/*
log="$build/fuzz.log"
echo "fuzzing the scenario loader for ${seconds} s (log: $log)"
# -timeout flags an input that hangs the loader; an input takes milliseconds, so 30 s is a hang
# also on a machine loaded many times over (5 s was not, at a load of 15 on 2 cores under ASan).
if ! "$build/fuzz_scenario" "$build/corpus" "$root/scenarios" "$root/tests/data/bad" \
    -max_total_time="$seconds" -max_len=16384 -timeout=30 -rss_limit_mb=2048 \
    -artifact_prefix="$build/artifacts/" -print_final_stats=1 >"$log" 2>&1; then
  tail -n 80 "$log"
  echo "fuzz: FAILED; the input that failed is in $build/artifacts:"
  for a in "$build"/artifacts/*; do [[ -e "$a" ]] && echo "  replay with: $build/fuzz_scenario $a"; done
  exit 1
fi
grep -E "^(Done|stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb)" "$log" || true
grep -oE "cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*" "$log" | tail -n 1 | sed 's/^/final coverage: /' || true
echo "fuzz: no crash, leak, hang or sanitizer report"
