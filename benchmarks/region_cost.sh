#!/usr/bin/env bash
# Cost of one municipality of a region run, by size (docs/cluster.md "A national run"). Each size
# runs as a municipality of scenarios/regions/japan_synthetic.yaml does: scenarios/full_juso.yaml,
# 12 simulated years with the burn-in, outreach workers and participation slots scaled per
# 100,000 residents, one thread, its HDF5 file written. Wall time comes from `kyosei region`'s
# manifest (the minimum over REPEAT replicates, so that a busy machine inflates it least); peak
# memory from a separate `kyosei run` of each size. Appends one row per size to the CSV, which
# benchmarks/national_estimate.py turns into the cost of the national example.
#
#   benchmarks/region_cost.sh [BUILD_DIR] [CSV] [SIZES...]      (REPEAT=3 by default)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
csv=${2:-$root/benchmarks/results/region_cost.csv}
shift $(( $# >= 2 ? 2 : $# ))
sizes=("$@")
((${#sizes[@]})) || sizes=(300 1000 3000 10000 30000 100000 300000 1000000)
repeat=${REPEAT:-3}
kyosei="$build/kyosei"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

{
  echo "name: region_cost"
  echo "scenario: $root/scenarios/full_juso.yaml"
  echo "set: {population.district_residents: 20000}"
  echo "scale: {reference_residents: 100000, keys: [outreach.workers, participation.slots]}"
  echo "replicates: $repeat"
  echo "municipalities:"
  for n in "${sizes[@]}"; do echo "  - {name: n$n, population: $n}"; done
} > "$scratch/region.yaml"
"$kyosei" region "$scratch/region.yaml" -o "$scratch/out" --jobs 1 >/dev/null

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
cores=$(nproc)
load=$(cut -d' ' -f1 /proc/loadavg)
commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
[[ -s "$csv" ]] || echo "commit,scenario,residents,days,wall_s,peak_rss_bytes,us_per_resident,cpu,cores,load" > "$csv"
for n in "${sizes[@]}"; do
  # manifest: index,run_id,fingerprint,seed,replicate,wall_s,...; run ids m<k>-n<size>_r<rep>
  wall=$(awk -F, -v id="-n${n}_r" 'index($2, id) { if (min == "" || $6 < min) min = $6 } END { print min }' "$scratch/out/manifest.csv")
  blocks=$(( n < 450 ? n / 3 : 150 ))
  /usr/bin/time -f "%M" -o "$scratch/rss" "$kyosei" run "$root/scenarios/full_juso.yaml" --threads 1 \
    --set population.residents="$n" --set population.block_households="$blocks" \
    --set outreach.workers="$(awk -v n="$n" 'BEGIN { printf "%.6g", 2 * n / 100000 }')" \
    --set participation.slots="$(awk -v n="$n" 'BEGIN { printf "%.6g", 40 * n / 100000 }')" \
    -o "$scratch/run.h5" --force >/dev/null 2>&1
  rss_kib=$(cat "$scratch/rss")
  awk -v c="$commit" -v n="$n" -v w="$wall" -v r="$rss_kib" -v cpu="$cpu" -v cores="$cores" -v load="$load" \
    'BEGIN { printf "%s,full_juso,%d,4380,%.4f,%d,%.4g,\"%s\",%d,%s\n", c, n, w, r * 1024, w / n * 1e6, cpu, cores, load }' >> "$csv"
  echo "residents $n: $wall s (min of $repeat), peak $((rss_kib / 1024)) MiB" >&2
done
