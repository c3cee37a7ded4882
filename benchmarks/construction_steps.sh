#!/usr/bin/env bash
# Construction step by step (docs/performance.md "Construction step by step"): runs the build/
# entries of kyosei_bench_phases (each step on fresh memory, the population and ties together, the
# whole initialisation; 1 and 2 threads, mean of 3) and appends one row per entry to the CSV, with
# the commit, the machine and its load.
#
#   benchmarks/construction_steps.sh [BUILD_DIR] [CSV] [RESIDENTS]     (default 1,000,000 residents)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${1:-$root/build}
csv=${2:-$root/benchmarks/results/construction_steps.csv}
residents=${3:-1000000}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

load=$(cut -d' ' -f1 /proc/loadavg)
KYOSEI_BENCH_RESIDENTS=$residents "$build/benchmarks/kyosei_bench_phases" --benchmark_filter='^build/' \
  --benchmark_out="$scratch/steps.json" --benchmark_out_format=json >/dev/null

commit=$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
[[ -s "$csv" ]] || echo "commit,step,residents,threads,iterations,mean_s,cpu,cores,load" > "$csv"
/usr/bin/python3 - "$scratch/steps.json" "$commit" "$cpu" "$(nproc)" "$load" >> "$csv" <<'EOF'
import json, sys
path, commit, cpu, cores, load = sys.argv[1:]
scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}
for b in json.load(open(path))["benchmarks"]:
    # "build/ties/threads:2/iterations:3/manual_time"
    parts = b["name"].split("/")
    threads = next(p.split(":")[1] for p in parts if p.startswith("threads:"))
    print(f'{commit},{parts[1]},{int(b["residents"])},{threads},{b["iterations"]},'
          f'{b["real_time"] * scale[b["time_unit"]]:.4f},"{cpu}",{cores},{load}')
EOF
echo "appended to $csv"
