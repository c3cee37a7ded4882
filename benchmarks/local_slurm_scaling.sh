#!/usr/bin/env bash
# Strong and weak scaling of kyosei-mpi through SLURM on this machine: starts the single-node
# cluster of the slurm test stage (tests/slurm/cluster.sh; as root, slurm-wlm and munge
# installed), submits benchmarks/slurm/scaling.sbatch unchanged on one node of RANKS tasks (the
# node claims RANKS CPUs, so more ranks than cores run oversubscribed), waits for it and stops
# the cluster. scaling.sbatch appends to benchmarks/results/mpi_scaling_cluster.csv.
#
#   benchmarks/local_slurm_scaling.sh [BUILD_DIR] [RANKS]        (RANKS: 4 by default: 1, 2, 4)
#   RUNS=16 RUNS_PER_RANK=4 RESIDENTS=20000 (the defaults here) size the sweeps.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
ranks=${2:-4}
source "$root/tests/slurm/cluster.sh"
work=$(mktemp -d /tmp/kyosei-scaling.XXXXXX)
trap 'slurm_cluster_stop; rm -rf "$work"' EXIT
KYOSEI_SLURM_CPUS=$ranks slurm_cluster_start "$work/cluster"
cd "$root"  # scaling.sbatch runs in the submit directory
job=$(RUNS=${RUNS:-16} RUNS_PER_RANK=${RUNS_PER_RANK:-4} RESIDENTS=${RESIDENTS:-20000} KYOSEI_BUILD="$build" \
  sbatch --parsable --nodes=1 --ntasks-per-node="$ranks" --output="$work/scaling-%j.out" benchmarks/slurm/scaling.sbatch)
slurm_wait_gone "$job" "${KYOSEI_SLURM_TIMEOUT:-1800}"
cat "$work/scaling-$job.out"
state=$(slurm_job_state "$job")
[[ "$state" == COMPLETED ]] || { echo "scaling job $job ended $state" >&2; exit 1; }
