# shellcheck shell=bash
# A throwaway single-node SLURM cluster on this machine, for scripts/slurm_stage.sh (sourced).
# munged, slurmctld and slurmd run as root from Debian's packages (slurm-wlm, munge) with a
# generated key and slurm.conf in one temporary directory, on ports chosen at random, so nothing
# of the host's own configuration (/etc/slurm, /etc/munge, systemd, cgroups) is used or changed.
# Memory is not a consumable (CR_CPU) and the node claims a terabyte, so the templates' --mem
# requests pass unchanged. The node declares KYOSEI_SLURM_CPUS CPUs (default 4) whatever the machine has
# (SlurmdParameters=config_overrides), so that 4 ranks fit on a 2-core machine, oversubscribed.
#
#   slurm_cluster_start DIR     starts it; exports SLURM_CONF, so sbatch, squeue, ... use it
#   slurm_cluster_stop          cancels its jobs left, stops the daemons it started (pid files)
#   slurm_wait_gone JOBID... T  waits until squeue no longer lists the jobs, at most T seconds
#   slurm_job_state JOBID       the job's state (COMPLETED, FAILED, ...) from scontrol
#   slurm_job_log JOBID         the last lines slurmctld and slurmd logged of the job (for failures)

slurm_cluster_dir=""

slurm_cluster_start() {
  local dir=$1 host cpus=${KYOSEI_SLURM_CPUS:-4} port
  slurm_cluster_dir=$dir
  host=$(hostname -s)
  port=$((20000 + RANDOM % 20000))
  mkdir -p "$dir"/{state,spool,log,munge}
  chmod 700 "$dir/munge"
  # munged insists on a key readable by its user only and, as root, on --force.
  dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$dir/munge/munge.key"
  munged --force --key-file="$dir/munge/munge.key" --socket="$dir/munge/munge.sock" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/seed" || return 1
  cat > "$dir/slurm.conf" <<EOF
ClusterName=kyosei-test
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$dir/munge/munge.sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SlurmdParameters=config_overrides
MpiDefault=none
ReturnToService=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
MinJobAge=600
KillWait=10
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=1000000 State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -i -f "$SLURM_CONF" || return 1
  slurmd -f "$SLURM_CONF" -N "$host" || return 1
  # Up when the node accepts jobs: sinfo reports it idle.
  local tries=0
  until sinfo -h -N -o '%T' 2>/dev/null | grep -qx idle; do
    ((++tries > 120)) && { echo "slurm: the node did not come up within 60 s; logs in $dir/log" >&2; return 1; }
    sleep 0.5
  done
}

slurm_cluster_stop() {
  [[ -n "$slurm_cluster_dir" ]] || return 0
  local pidfile pid left
  # Jobs still queued or running (a stage that failed or was interrupted) go first, so that no job
  # outlives the cluster.
  left=$(squeue -h -o '%A' 2>/dev/null)
  if [[ -n "$left" ]]; then
    scancel $left 2>/dev/null
    slurm_wait_gone $left 60 2>/dev/null
  fi
  for pidfile in "$slurm_cluster_dir/slurmd.pid" "$slurm_cluster_dir/slurmctld.pid" "$slurm_cluster_dir/munge/munged.pid"; do
    [[ -s "$pidfile" ]] || continue
    pid=$(<"$pidfile")
    kill "$pid" 2>/dev/null || continue
    # Polls for the daemon's exit; one that ignores SIGTERM is killed, so none outlives the stage.
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
  done
  slurm_cluster_dir=""
}

slurm_wait_gone() {
  local limit=${*: -1} start=$SECONDS jobs=("${@:1:$#-1}")
  while squeue -h -j "$(IFS=,; echo "${jobs[*]}")" -o '%i' 2>/dev/null | grep -q .; do
    if ((SECONDS - start > limit)); then
      echo "slurm: jobs ${jobs[*]} still queued or running after $limit s:" >&2
      squeue >&2
      return 1
    fi
    sleep 1
  done
}

slurm_job_state() {
  scontrol show job "$1" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' | head -1
}

slurm_job_log() {
  grep -h -E "(JobId=|job |Job |\[)$1([^0-9]|$)" "$slurm_cluster_dir"/log/slurmctld.log "$slurm_cluster_dir"/log/slurmd.log 2>/dev/null | tail -20
}
