#!/usr/bin/env bash
# Issue 19's speed and memory figures (docs/performance.md, "Speed and memory of issue 19"): the full
# regime at 1,000,000 residents, 730-day burn-in plus 10 years, construction included, with a base
# build and this one run alternately in the same minutes, at 1 and 2 threads. Prints one CSV row per
# run: build, threads, wall seconds, user seconds, peak resident set (kB), bytes a resident.
# Usage: benchmarks/issue19_ab.sh BASE_KYOSEI NEW_KYOSEI [residents]
set -euo pipefail
base=$1 new=$2 residents=${3:-1000000}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "build,threads,wall_s,user_s,peak_kb,bytes_per_resident"
for threads in 1 2; do
  for build in base new; do
    bin=$base
    [ "$build" = new ] && bin=$new
    KYOSEI_ADAPT_THREADS=0 /usr/bin/time -f "%e %U %M" -o "$out/time" "$bin" run "$root/scenarios/full_juso.yaml" \
      --set population.residents="$residents" --threads "$threads" --force -o "$out/run.h5" >/dev/null 2>&1
    read -r wall user peak <"$out/time"
    echo "$build,$threads,$wall,$user,$peak,$((peak * 1024 / residents))"
  done
done
