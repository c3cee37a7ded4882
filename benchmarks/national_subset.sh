#!/usr/bin/env bash
# Checks the national estimate on a sample: every STEP-th municipality of the synthetic national
# distribution (by size, so the sample spans it), run as a region exactly as
# scenarios/regions/japan_synthetic.yaml runs them (one thread each, one run at a time), and the
# measured wall time of each run appended to a CSV that benchmarks/national_estimate.py --check
# compares with its prediction.
#
#   benchmarks/national_subset.sh [BUILD_DIR] [CSV] [STEP]        (STEP=50: 35 municipalities)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
csv=${2:-$root/benchmarks/results/national_subset.csv}
step=${3:-50}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
grep -v '^#' "$root/scenarios/regions/japan_synthetic.csv" | {
  read -r header
  echo "$header"
  sort -t, -k2,2n | awk -v s="$step" 'NR % s == 1'
} > "$scratch/subset.csv"
sed -e "s|^scenario: .*|scenario: $root/scenarios/full_juso.yaml|" -e "s|^municipalities: .*|municipalities: $scratch/subset.csv|" \
  "$root/scenarios/regions/japan_synthetic.yaml" > "$scratch/subset.yaml"
start=$(date +%s.%N)
"$build/kyosei" region "$scratch/subset.yaml" -o "$scratch/out" --jobs 1 >/dev/null 2>&1
end=$(date +%s.%N)
commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
load=$(cut -d' ' -f1 /proc/loadavg)
[[ -s "$csv" ]] || echo "commit,municipality,residents,wall_s,load" > "$csv"
# summary.csv: run_id,variant,municipality,residents,...; manifest: index,run_id,...,wall_s (6th)
awk -F, 'NR == FNR { if (FNR > 1) wall[$2] = $6; next } FNR > 1 { print $3 "," $4 "," wall[$1] }' \
  "$scratch/out/manifest.csv" "$scratch/out/summary.csv" | sed "s/^/$commit,/; s/$/,$load/" >> "$csv"
awk -v a="$start" -v b="$end" -v n="$(($(wc -l < "$scratch/subset.csv") - 1))" \
  'BEGIN { printf "%d municipalities in %.1f s\n", n, b - a }' >&2
