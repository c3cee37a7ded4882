#!/usr/bin/env bash
# Submits a sweep as a job array of SHARDS tasks and the collecting job that runs after them.
#   benchmarks/slurm/submit_array.sh SWEEP.yaml OUT_DIR [SHARDS]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
sweep=${1:?sweep file}
out=${2:?output directory}
shards=${3:-16}
array=$(sbatch --parsable --array=0-$((shards - 1)) --export=ALL,SWEEP="$sweep",OUT="$out" "$here/sweep_array.sbatch")
sbatch --dependency=afterany:"${array%%;*}" --export=ALL,SWEEP="$sweep",OUT="$out" "$here/sweep_collect.sbatch"
