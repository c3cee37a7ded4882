#!/usr/bin/env bash
# A host's memory beside a run's 2-thread speedup (docs/performance.md "Why the 2-thread gain
# differs between hosts"): the latency of a random load, the random lines a second that 1 and 2
# cores fetch, STREAM triad on 1 and 2 cores, the clock the kernel reports, and `kyosei run` on 1
# and 2 threads with the threads fixed (KYOSEI_ADAPT_THREADS=0, so that the gain of the second
# thread is measured, not the governor's choice). Prints one block and appends one CSV row.
#
#   benchmarks/host_profile.sh [BUILD_DIR] [CSV]
#   environment: RESIDENTS=1000000  SCENARIO=scenarios/full_juso.yaml  REPEATS=3  NOTE="..."
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
csv=${2:-$root/benchmarks/results/host_profile.csv}
residents=${RESIDENTS:-1000000}
scenario=${SCENARIO:-$root/scenarios/full_juso.yaml}
repeats=${REPEATS:-3}
for exe in kyosei benchmarks/kyosei_bench_stream; do
  [[ -x "$build/$exe" ]] || { echo "host_profile.sh: no $build/$exe (build it first)" >&2; exit 2; }
done
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

load_before=$(cut -d' ' -f1 /proc/loadavg)
"$build/benchmarks/kyosei_bench_stream" --benchmark_filter='BM_(arithmetic|latency|random_lines|triad)' \
  --benchmark_repetitions="$repeats" --benchmark_report_aggregates_only=true \
  --benchmark_out="$scratch/memory.json" --benchmark_out_format=json >/dev/null 2>&1

best_run() {  # seconds of the fastest of $repeats runs on $1 threads
  local best="" start seconds
  for ((i = 0; i < repeats; ++i)); do
    start=$(date +%s.%N)
    KYOSEI_ADAPT_THREADS=0 "$build/kyosei" run "$scenario" --set "population.residents=$residents" --threads "$1" \
      -o "$scratch/out.h5" --force >/dev/null 2>"$scratch/stderr" || { cat "$scratch/stderr" >&2; exit 1; }
    seconds=$(printf '%.3f' "$(echo "$(date +%s.%N) - $start" | bc)")
    if [[ -z "$best" ]] || (($(echo "$seconds < $best" | bc))); then best=$seconds; fi
  done
  echo "$best"
}
steal_before=$(awk '/^cpu / {print $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
one=$(best_run 1)
two=$(best_run 2)
steal_after=$(awk '/^cpu / {print $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat)
steal=$(echo "$steal_before $steal_after" | awk '{share = $4 > $2 ? 100 * ($3 - $1) / ($4 - $2) : 0; printf "%.1f", share}')
threads_per_core=$(lscpu 2>/dev/null | awk -F: '/^Thread\(s\) per core/ {gsub(/ /, "", $2); print $2}')
load_after=$(cut -d' ' -f1 /proc/loadavg)

commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
/usr/bin/python3 - "$scratch/memory.json" "$csv" "$commit" "$(basename "$scenario" .yaml)" "$residents" "$one" "$two" \
  "$load_before" "$load_after" "$steal" "${threads_per_core:-unknown}" "${NOTE:-}" <<'EOF'
import csv, json, os, platform, sys
memory, out, commit, scenario, residents, one, two, load_before, load_after, steal, threads_per_core, note = sys.argv[1:]
best = {}  # the mean of the repetitions, by benchmark
for b in json.load(open(memory))["benchmarks"]:
    if b.get("aggregate_name") in ("mean", None):
        best[b["run_name"]] = b
def counter(name, key):
    return best[name][key] if name in best else float("nan")
cpuinfo = open("/proc/cpuinfo").read().splitlines()
model = next((l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("model name")), "unknown")
mhz = next((l.split(":", 1)[1].strip() for l in cpuinfo if l.startswith("cpu MHz")), "unknown")
row = {
    "commit": commit, "host": platform.node(), "cpu": model, "cpu_mhz": mhz, "cores": os.cpu_count(),
    "threads_per_core": threads_per_core,
    "arithmetic_1t_per_s": counter("BM_arithmetic/threads:1/real_time", "items_per_second"),
    "arithmetic_2t_per_s": counter("BM_arithmetic/threads:2/real_time", "items_per_second"),
    "latency_ns": counter("BM_latency", "seconds_per_load") * 1e9,
    "random_lines_1t_per_s": counter("BM_random_lines/threads:1/real_time", "lines_per_second"),
    "random_lines_2t_per_s": counter("BM_random_lines/threads:2/real_time", "lines_per_second"),
    "triad_1t_gb_s": counter("BM_triad/threads:1/real_time", "bytes_per_second") / 1e9,
    "triad_2t_gb_s": counter("BM_triad/threads:2/real_time", "bytes_per_second") / 1e9,
    "scenario": scenario, "residents": residents, "run_1t_s": float(one), "run_2t_s": float(two),
    "speedup_2t": float(one) / float(two), "steal_percent": steal, "load_before": load_before,
    "load_after": load_after, "note": note,
}
print(f"host {row['host']}: {model}, {row['cores']} logical CPUs, {threads_per_core} thread(s) per core, {mhz} MHz (as the kernel reports it)")
print(f"  arithmetic          {row['arithmetic_1t_per_s'] / 1e6:7.1f} M logarithms/s on 1 thread, "
      f"{row['arithmetic_2t_per_s'] / 1e6:.1f} M/s on 2 ({row['arithmetic_2t_per_s'] / row['arithmetic_1t_per_s']:.2f}x: "
      f"about 2 for two cores, much less for two hyperthreads of one)")
print(f"  memory latency      {row['latency_ns']:7.1f} ns a random load (pointer chase, 256 MiB)")
print(f"  random lines        {row['random_lines_1t_per_s'] / 1e6:7.1f} M/s on 1 core, {row['random_lines_2t_per_s'] / 1e6:.1f} M/s on 2")
print(f"  STREAM triad        {row['triad_1t_gb_s']:7.1f} GB/s on 1 core, {row['triad_2t_gb_s']:.1f} GB/s on 2")
print(f"  {scenario} at {residents} residents: {row['run_1t_s']:.2f} s on 1 thread, {row['run_2t_s']:.2f} s on 2: "
      f"{row['speedup_2t']:.2f}x (load average {load_before} before, {load_after} after; "
      f"{steal}% of the CPU time stolen by the hypervisor meanwhile)")
new = not os.path.exists(out) or os.path.getsize(out) == 0
with open(out, "a", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(row))
    if new:
        w.writeheader()
    w.writerow(row)
EOF
