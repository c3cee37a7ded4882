#!/usr/bin/env bash
# Strong and weak scaling of the MPI executor (kyosei-mpi sweep), written as CSV.
#   strong: a fixed sweep of RUNS runs, on each rank count: speedup T(1) / T(R), efficiency
#           T(1) / (R T(R));
#   weak:   RUNS_PER_RANK x R runs on R ranks: efficiency T(1) / T(R).
# Every run is one municipality of RESIDENTS residents over 12 simulated years (full_juso.yaml);
# rank 0 manages and runs too (one run at a time on a thread of its own), so R ranks are R cores.
#
#   benchmarks/mpi_scaling.sh [BUILD_DIR] [CSV] [RANKS...]            (here: 1 2)
#   RUNS=64 RUNS_PER_RANK=4 RESIDENTS=50000 MPIRUN="srun" benchmarks/mpi_scaling.sh build scaling.csv 1 2 4 8 16 32 64
#
# MPIRUN is the launcher and its options (default: mpirun, with --oversubscribe when the ranks
# exceed the cores, and --allow-run-as-root's variables when run as root); it gets "-n R".
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
csv=${2:-$root/benchmarks/results/mpi_scaling.csv}
shift $(( $# >= 2 ? 2 : $# ))
ranks=("$@")
((${#ranks[@]})) || ranks=(1 2)
runs=${RUNS:-8}
per_rank=${RUNS_PER_RANK:-4}
residents=${RESIDENTS:-20000}
cores=$(nproc)
if [[ $(id -u) -eq 0 ]]; then export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1; fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

sweep() {  # sweep file of $1 runs
  printf 'name: scaling\nbase: %s\nset: {population.residents: %d}\nreplicates: %d\nseed: 1\n' \
    "$root/scenarios/full_juso.yaml" "$residents" "$1" > "$scratch/sweep_$1.yaml"
  echo "$scratch/sweep_$1.yaml"
}

launch() {  # ranks, sweep file, output directory
  local r=$1
  if [[ -n "${MPIRUN:-}" ]]; then
    $MPIRUN -n "$r" "$build/kyosei-mpi" sweep "$2" -o "$3" >/dev/null 2>&1
  else
    local extra=()
    (( r > cores )) && extra=(--oversubscribe)
    mpirun -n "$r" "${extra[@]}" "$build/kyosei-mpi" sweep "$2" -o "$3" >/dev/null 2>&1
  fi
}

timed() {  # prints the wall seconds of launch "$@"
  local start end
  start=$(date +%s.%N)
  launch "$@"
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }'
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
[[ -s "$csv" ]] || echo "commit,kind,ranks,runs,residents,wall_s,speedup,efficiency,cpu,cores,load" > "$csv"
for kind in strong weak; do
  t1=""
  for r in "${ranks[@]}"; do
    n=$runs
    [[ $kind == weak ]] && n=$((per_rank * r))
    file=$(sweep "$n")
    load=$(cut -d' ' -f1 /proc/loadavg)
    wall=$(timed "$r" "$file" "$scratch/out_${kind}_$r")
    [[ -n "$t1" ]] || t1=$(awk -v w="$wall" -v r="$r" -v k="$kind" 'BEGIN { print (k == "strong" ? w * r : w) }')
    awk -v c="$commit" -v k="$kind" -v r="$r" -v n="$n" -v res="$residents" -v w="$wall" -v t1="$t1" \
        -v cpu="$cpu" -v cores="$cores" -v load="$load" 'BEGIN {
      speedup = (k == "strong") ? t1 / w : r * t1 / w
      eff = (k == "strong") ? t1 / (r * w) : t1 / w
      printf "%s,%s,%d,%d,%d,%.3f,%.3f,%.3f,\"%s\",%d,%s\n", c, k, r, n, res, w, speedup, eff, cpu, cores, load }' >> "$csv"
    echo "$kind scaling: $r ranks, $n runs: $wall s" >&2
  done
done
