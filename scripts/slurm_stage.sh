#!/usr/bin/env bash
# The slurm stage of scripts/test.sh: the templates of benchmarks/slurm, unchanged, submitted to a
# real SLURM. It starts a single-node cluster on this machine (tests/slurm/cluster.sh: munged,
# slurmctld and slurmd from Debian's slurm-wlm and munge, a generated slurm.conf in a temporary
# directory, stopped on exit), submits
#   - the sweep tests/slurm/sweep.yaml as a job array of 2 shards with its collecting job
#     (benchmarks/slurm/submit_array.sh: sweep_array.sbatch, then sweep_collect.sbatch afterany),
#   - the same sweep under MPI (sweep_mpi.sbatch, 3 ranks),
#   - the region tests/slurm/region.yaml under MPI (region_mpi.sbatch, 3 ranks),
#   - the long run tests/slurm/long_run.yaml (long_run_checkpoint.sbatch): once its first
#     checkpoint exists it is sent SIGTERM as SLURM does before the time limit, requeues itself,
#     and resumes from the checkpoint; submitted again once finished, it does nothing,
# waits for each (a state: the job gone from squeue, at most KYOSEI_SLURM_TIMEOUT s, default 300),
# and checks that every summary equals that of the same sweep and region run locally, byte for byte,
# and that the resumed run's results equal those of one uninterrupted run.
# The templates take only environment variables and sbatch options (fewer ranks, one node).
# Skips, saying why, when not root or when slurm-wlm and munge are not installed
# (scripts/setup.sh installs them).
#   scripts/slurm_stage.sh [BUILD_DIR]
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-${KYOSEI_BUILD_DIR:-$root/build}}" && pwd) || exit 1
timeout=${KYOSEI_SLURM_TIMEOUT:-300}
slurm="$root/benchmarks/slurm"

skip() { echo "slurm stage skipped: $*"; exit 0; }
fail() { echo "slurm stage FAILED: $*" >&2; exit 1; }

(($(id -u) == 0)) || skip "it runs munged, slurmctld and slurmd as root; run it as root (or in CI)"
for tool in munged slurmctld slurmd sbatch squeue scontrol; do
  command -v "$tool" >/dev/null || skip "$tool not found: install slurm-wlm and munge (scripts/setup.sh)"
done
[[ -x "$build/kyosei" ]] || fail "$build/kyosei not built"
mpi=1
[[ -x "$build/kyosei-mpi" ]] || { mpi=0; echo "slurm stage: $build/kyosei-mpi not built (no MPI): the MPI templates are left out"; }

work=$(mktemp -d /tmp/kyosei-slurm.XXXXXX)
source "$root/tests/slurm/cluster.sh"
finish() {
  slurm_cluster_stop
  if [[ "${keep:-0}" == 1 ]]; then echo "slurm stage: files kept in $work"; else rm -rf "$work"; fi
}
trap finish EXIT
trap 'exit 130' INT TERM
keep=1  # until every check has passed
slurm_cluster_start "$work/cluster" || fail "the cluster did not start (logs in $work/cluster/log)"
echo "slurm stage: SLURM $(sinfo -V | cut -d' ' -f2) on $(hostname -s), $(sinfo -h -o '%c') CPUs; srun --mpi=list: $(srun --mpi=list 2>&1 | sed -n 's/^\t//p' | tr '\n' ' ')"

export KYOSEI_BUILD="$build" OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1  # 3 ranks on a 2-core machine
sweep="$root/tests/slurm/sweep.yaml"
region="$root/tests/slurm/region.yaml"
cd "$work" || exit 1  # SLURM_SUBMIT_DIR: the jobs' logs and outputs go here

# Submissions, all at once; the scheduler runs them as the 4 CPUs allow.
submitted=$("$slurm/submit_array.sh" "$sweep" "$work/array" 2) || fail "submit_array.sh: $submitted"
collect=$(echo "$submitted" | sed -n 's/^Submitted batch job \([0-9]*\)$/\1/p' | tail -1)
[[ -n "$collect" ]] || fail "no collecting job id in submit_array.sh's output: $submitted"
jobs=("$collect")
if ((mpi)); then
  mpi_sweep=$(sbatch --parsable --nodes=1 --ntasks-per-node=3 "--export=ALL,SWEEP=$sweep,OUT=$work/mpi_sweep" \
    "$slurm/sweep_mpi.sbatch") || fail "sbatch sweep_mpi.sbatch"
  mpi_region=$(sbatch --parsable --ntasks=3 "--export=ALL,REGION=$region,OUT=$work/mpi_region" \
    "$slurm/region_mpi.sbatch") || fail "sbatch region_mpi.sbatch"
  jobs+=("$mpi_sweep" "$mpi_region")
fi
long=$(sbatch --parsable --cpus-per-task=1 \
  "--export=ALL,SCENARIO=$root/tests/slurm/long_run.yaml,OUTPUT=$work/long.h5,CHECKPOINT_EVERY=1825" \
  "$slurm/long_run_checkpoint.sbatch") || fail "sbatch long_run_checkpoint.sbatch"
jobs+=("$long")

# Meanwhile, the same work without SLURM.
"$build/kyosei" sweep "$sweep" -o "$work/local_sweep" --jobs 2 >/dev/null 2>&1 || fail "local sweep"
"$build/kyosei" region "$region" -o "$work/local_region" --jobs 2 >/dev/null 2>&1 || fail "local region"

# The time limit's warning: SIGTERM to the batch script, as --signal=B:TERM@300 sends, once the
# run has saved its first checkpoint (a state; the run goes on for seconds after it).
start=$SECONDS
until [[ -f "$work/long.checkpoint.h5" ]]; do
  state=$(slurm_job_state "$long")
  [[ "$state" == PENDING || "$state" == RUNNING ]] || fail "the long run ended ($state) before its first checkpoint: $(cat kyosei-long-run-"$long".out)"
  ((SECONDS - start < timeout)) || fail "no checkpoint of the long run after $timeout s"
  sleep 0.2
done
scancel --signal=TERM --batch "$long" || fail "scancel --signal=TERM --batch $long"
# The job requeues itself once kyosei has saved its checkpoint. SLURM then holds it a while
# (Reason=BeginTime: about 2.5 minutes here) before it may start again; the stage makes it
# eligible at once, as a user in a hurry would (scontrol update StartTime=now).
start=$SECONDS
until scontrol show job "$long" | grep -q 'Restarts=[1-9]'; do
  state=$(slurm_job_state "$long")
  [[ "$state" == RUNNING || "$state" == COMPLETING ]] || fail "the long run ended ($state) without requeueing itself: $(cat kyosei-long-run-"$long".out)
what SLURM logged of it: $(slurm_job_log "$long")"
  ((SECONDS - start < timeout)) || fail "the long run did not requeue itself within $timeout s"
  sleep 0.2
done
# Not before the old run has ended on the node, though: a new run launched while the old one is still
# ending there, or within the second in which SLURM revoked the old run's credential (slurmd compares
# whole seconds: "already killed, do not launch batch job"), ends FAILED. So the stage waits for the
# old run to be gone (the job PENDING, no slurmstepd of it left) and allows the start from the next
# second on.
start=$SECONDS
until [[ "$(slurm_job_state "$long")" == PENDING ]] && ! pgrep -f "^slurmstepd: \[$long\.batch\]" >/dev/null; do
  ((SECONDS - start < timeout)) || fail "the long run's first job did not end within $timeout s"
  sleep 0.2
done
if scontrol show job "$long" | grep -q 'Reason=BeginTime'; then
  scontrol update JobId="$long" StartTime="$(date -d '+2 seconds' +%Y-%m-%dT%H:%M:%S)"
fi
"$build/kyosei" run "$root/tests/slurm/long_run.yaml" -o "$work/long_reference.h5" --threads 1 >/dev/null 2>&1 || fail "local long run"

slurm_wait_gone "${jobs[@]}" "$timeout" || fail "jobs did not finish in time"
for j in "${jobs[@]}"; do
  state=$(slurm_job_state "$j")
  [[ "$state" == COMPLETED ]] || fail "job $j ended $state; its log: $(cat ./*-"$j".out 2>/dev/null)
what SLURM logged of it: $(slurm_job_log "$j")"
done

status=0
same() {  # what, file, reference
  if cmp -s "$2" "$3"; then echo "slurm stage: $1: identical to the local run"
  else echo "slurm stage FAILED: $1: $2 differs from $3" >&2; status=1; fi
}
same "job array sweep, summary.csv" "$work/array/summary.csv" "$work/local_sweep/summary.csv"
if ((mpi)); then
  same "MPI sweep, summary.csv" "$work/mpi_sweep/summary.csv" "$work/local_sweep/summary.csv"
  same "MPI region, summary.csv" "$work/mpi_region/summary.csv" "$work/local_region/summary.csv"
  same "MPI region, total.csv" "$work/mpi_region/total.csv" "$work/local_region/total.csv"
fi
if ! grep -q "requeueing job $long" "kyosei-long-run-$long.out" || ! grep -q "resumes $work/long.checkpoint.h5" "kyosei-long-run-$long.out"; then
  echo "slurm stage FAILED: the long run was not requeued and resumed: $(cat "kyosei-long-run-$long.out")" >&2
  status=1
fi
if /usr/bin/python3 "$root/tests/slurm/same_results.py" "$work/long.h5" "$work/long_reference.h5"; then
  echo "slurm stage: checkpointed, requeued and resumed run: the same results as one uninterrupted run"
else
  status=1
fi
# Submitted again after it finished (a resubmission that came too late), the long run does nothing.
[[ -f "$work/long.checkpoint.h5" || -f "$work/long.incomplete.h5" ]] &&
  { echo "slurm stage FAILED: the finished long run left its checkpoint or incomplete file" >&2; status=1; }
again=$(sbatch --parsable --cpus-per-task=1 "--export=ALL,SCENARIO=$root/tests/slurm/long_run.yaml,OUTPUT=$work/long.h5" \
  "$slurm/long_run_checkpoint.sbatch") || fail "sbatch long_run_checkpoint.sbatch (again)"
slurm_wait_gone "$again" "$timeout" || fail "the resubmitted long run did not finish in time"
if [[ "$(slurm_job_state "$again")" == COMPLETED ]] && grep -q "long.h5 is written; nothing to do" "kyosei-long-run-$again.out"; then
  echo "slurm stage: the long run submitted again after it finished: nothing to do"
else
  echo "slurm stage FAILED: the long run submitted again: $(cat "kyosei-long-run-$again.out")" >&2
  status=1
fi
((status == 0)) && keep=0
exit "$status"
