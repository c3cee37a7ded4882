#!/usr/bin/env bash
# Issue 19's phase-by-phase A/B (docs/performance.md, "Speed and memory of the living society"):
# the full regime with --profile at one thread, a base build and this one run alternately, so
# that both see the same load on a shared machine. Prints one CSV row per phase and run:
# build, repeat, phase, ms a simulated day, events a day (the row "all phases" is their sum).
# With PHASE_CLOCK=thread a phase's time is the CPU time of the thread that ran it (the shim
# benchmarks/thread_cpu_clock.c, built here with cc), not the wall time: the minutes a run waited
# for a core on a shared machine leave it, not the other sessions' use of the caches.
# Usage: [PHASE_CLOCK=thread] benchmarks/issue19_phase_ab.sh BASE_KYOSEI NEW_KYOSEI [residents] [repeats]
set -euo pipefail
base=$1 new=$2 residents=${3:-300000} repeats=${4:-3}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
preload=
if [ "${PHASE_CLOCK:-wall}" = thread ]; then
  cc -O2 -shared -fPIC -o "$out/thread_cpu_clock.so" "$root/benchmarks/thread_cpu_clock.c" -ldl
  preload=$out/thread_cpu_clock.so
fi
echo "build,repeat,phase,ms_per_day,events_per_day"
for ((i = 1; i <= repeats; i++)); do
  for build in base new; do
    bin=$base
    [ "$build" = new ] && bin=$new
    KYOSEI_ADAPT_THREADS=0 LD_PRELOAD=$preload "$bin" run "$root/scenarios/full_juso.yaml" --set population.residents="$residents" \
      --threads 1 --profile --force -o "$out/run.h5" >"$out/profile.txt" 2>&1
    # The profile's table: phase, seconds, share, ms/day, events/day ("all phases" has no share).
    awk -v b="$build" -v i="$i" '/^phase /{on=1; next} on && /^all phases/{print b "," i ",all phases," $4 ","; exit}
      on {print b "," i "," $1 "," $4 "," $5}' "$out/profile.txt"
  done
done
