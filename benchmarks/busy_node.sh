#!/usr/bin/env bash
# Whole runs on a busy machine (docs/performance.md "A busy machine"): `kyosei run` of a scenario
# at each size, on 1 and 2 threads, while 0, 1 and 2 processes of our own keep cores busy (a
# tight shell loop each, started here and killed on exit), with the thread count adapting to the
# load (the default) and, with ADAPT="1 0", also kept fixed (KYOSEI_ADAPT_THREADS=0, the
# behaviour before the governor). Prints the host, a table with the best and median seconds and
# the 2-thread/1-thread ratios under each load, and appends one CSV row per run.
#
#   benchmarks/busy_node.sh [BUILD_DIR] [CSV]
#   environment: RESIDENTS="100000 1000000"  LOADS="0 1 2"  THREADS="1 2"  ADAPT="1"  REPEATS=1
#                SCENARIO=scenarios/silo.yaml  NOTE="free text for the CSV (the machine's state)"
#
# "0 busy processes" is idle only if nothing else runs: the load average before each run goes into
# the CSV, so rows taken on a shared machine say so.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
csv=${2:-$root/benchmarks/results/busy_node.csv}
scenario=${SCENARIO:-$root/scenarios/silo.yaml}
read -r -a sizes <<<"${RESIDENTS:-100000 1000000}"
read -r -a loads <<<"${LOADS:-0 1 2}"
read -r -a thread_counts <<<"${THREADS:-1 2}"
read -r -a adapts <<<"${ADAPT:-1}"
repeats=${REPEATS:-1}
note=${NOTE:-}
kyosei="$build/kyosei"
[[ -x "$kyosei" ]] || { echo "busy_node.sh: no $kyosei (build the kyosei target first)" >&2; exit 2; }

scratch=$(mktemp -d)
busy=()
stop_load() {
  for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${busy[@]}"; do wait "$pid" 2>/dev/null || true; done
  busy=()
}
trap 'stop_load; rm -rf "$scratch"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# n processes that each keep a core busy; `timeout` ends them even if this script is killed hard.
start_load() {
  local i
  for ((i = 0; i < $1; ++i)); do
    timeout 3600 sh -c 'while :; do :; done' &
    busy+=($!)
  done
}

commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
cores=$(nproc)
echo "host: $(hostname), $cpu, $cores cores available ($(grep -c ^processor /proc/cpuinfo) online)," \
  "$(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), kernel $(uname -r)"
echo "load average now: $(cut -d' ' -f1-3 /proc/loadavg); OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-unset}," \
  "GOMP_SPINCOUNT=${GOMP_SPINCOUNT:-unset}; commit $commit; scenario $(basename "$scenario")"
[[ -s "$csv" ]] || echo "commit,scenario,residents,threads,busy_processes,adapt_threads,seconds,load_before,cpu,cores,omp_wait_policy,note" >"$csv"

# The runs compared (1 and 2 threads, adapting and fixed) alternate within each repeat, so a
# change in the machine's background load falls on all of them alike.
declare -A times
for load in "${loads[@]}"; do
  start_load "$load"
  for n in "${sizes[@]}"; do
    for ((rep = 0; rep < repeats; ++rep)); do
      for adapt in "${adapts[@]}"; do
        for t in "${thread_counts[@]}"; do
          before=$(cut -d' ' -f1 /proc/loadavg)
          start=$(date +%s.%N)
          KYOSEI_ADAPT_THREADS=$adapt "$kyosei" run "$scenario" --set "population.residents=$n" --threads "$t" \
            -o "$scratch/out.h5" --force >/dev/null 2>"$scratch/stderr" || { cat "$scratch/stderr" >&2; exit 1; }
          seconds=$(printf '%.3f' "$(echo "$(date +%s.%N) - $start" | bc)")
          echo "$commit,$(basename "$scenario" .yaml),$n,$t,$load,$adapt,$seconds,$before,\"$cpu\",$cores,${OMP_WAIT_POLICY:-default},\"$note\"" >>"$csv"
          times[$n,$load,$adapt,$t]+="$seconds "
        done
      done
    done
  done
  stop_load
done

# best and median of a list of seconds
best_of() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | head -1; }
median_of() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{v[NR] = $1} END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo
printf '%-10s %-6s %-6s' residents busy adapt
for t in "${thread_counts[@]}"; do printf ' %16s' "${t} thr best/med"; done
printf ' %s\n' "last/first: best, median"
for n in "${sizes[@]}"; do
  for load in "${loads[@]}"; do
    for adapt in "${adapts[@]}"; do
      printf '%-10s %-6s %-6s' "$n" "$load" "$adapt"
      for t in "${thread_counts[@]}"; do
        printf ' %7.2f /%7.2f' "$(best_of "${times[$n,$load,$adapt,$t]}")" "$(median_of "${times[$n,$load,$adapt,$t]}")"
      done
      first=${times[$n,$load,$adapt,${thread_counts[0]}]}
      last=${times[$n,$load,$adapt,${thread_counts[-1]}]}
      printf ' %.2f, %.2f\n' "$(echo "$(best_of "$last") / $(best_of "$first")" | bc -l)" \
        "$(echo "$(median_of "$last") / $(median_of "$first")" | bc -l)"
    done
  done
done
echo "(best and median of $repeats, in seconds; rows appended to $csv)"
