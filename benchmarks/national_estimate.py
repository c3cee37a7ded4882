#!/usr/bin/env python3
"""What a national run of scenarios/regions/japan_synthetic.yaml would take (docs/cluster.md).

Reads the measured cost of one municipality by size (benchmarks/region_cost.sh's CSV: the fastest
row of each size among those of the newest commit in it), interpolates it log-log between the measured sizes (extrapolating the last
segment above the largest), sums it over the 1,741 synthetic municipalities, and schedules them
largest first on P workers (the executors' order: each free worker takes the largest run left),
for the wall time on P cores and the balance: how many municipalities each worker runs and how
long it is busy. Memory: the peak of the largest municipality, per worker.

    benchmarks/national_estimate.py [benchmarks/results/region_cost.csv] [scenarios/regions/japan_synthetic.csv]
    benchmarks/national_estimate.py --check benchmarks/results/national_subset.csv

With --check, compares the measured runs of a sample (benchmarks/national_subset.sh; the rows of
the newest commit in the file) with what the model predicts for their sizes.
"""
import bisect
import csv
import heapq
import math
import sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent
args = sys.argv[1:]
check = None
if args[:1] == ["--check"]:
    check = Path(args[1])
    args = args[2:]
cost_csv = Path(args[0]) if len(args) > 0 else root / "benchmarks/results/region_cost.csv"
sizes_csv = Path(args[1]) if len(args) > 1 else root / "scenarios/regions/japan_synthetic.csv"

best = {}
cost_rows = list(csv.DictReader(open(cost_csv)))
newest = cost_rows[-1]["commit"]  # the model changes between commits: only the newest measurement counts
for row in cost_rows:
    if row["commit"] != newest:
        continue
    n = int(row["residents"])
    wall, rss = float(row["wall_s"]), float(row["peak_rss_bytes"])
    if n not in best or wall < best[n][0]:
        best[n] = (wall, rss)
xs = sorted(best)
if len(xs) < 2:
    sys.exit("need at least two sizes in " + str(cost_csv))


def interpolate(n, column):
    lx = [math.log(x) for x in xs]
    ly = [math.log(max(best[x][column], 1e-6)) for x in xs]
    t = math.log(n)
    i = min(max(bisect.bisect_left(lx, t), 1), len(lx) - 1)
    if t < lx[0]:
        return math.exp(ly[0])  # below the smallest measured size: its cost (a floor)
    slope = (ly[i] - ly[i - 1]) / (lx[i] - lx[i - 1])
    return math.exp(ly[i - 1] + slope * (t - lx[i - 1]))


if check is not None:
    rows = list(csv.DictReader(open(check)))
    rows = [r for r in rows if r["commit"] == rows[-1]["commit"]]  # the newest sample only
    measured = sum(float(r["wall_s"]) for r in rows)
    predicted = sum(interpolate(int(r["residents"]), 0) for r in rows)
    print(f"sample of {len(rows)} municipalities ({sum(int(r['residents']) for r in rows):,} residents): "
          f"measured {measured:.1f} s, predicted {predicted:.1f} s ({measured / predicted:.2f} x)")
    sys.exit(0)

sizes = [int(r["population"]) for r in csv.DictReader(line for line in open(sizes_csv) if not line.startswith("#"))]
costs = sorted((interpolate(n, 0) for n in sizes), reverse=True)
total = sum(costs)
largest = max(sizes)
print(f"{len(sizes)} municipalities, {sum(sizes):,} residents; measured sizes {xs[0]:,} to {xs[-1]:,} (commit {newest})")
print(f"one core: {total:,.0f} s ({total / 3600:.2f} h); the largest municipality ({largest:,}) alone {costs[0]:.0f} s, "
      f"peak {interpolate(largest, 1) / 2**30:.2f} GiB")
print("workers  wall_s  efficiency  municipalities per worker  busy time per worker")
rows = []
for p in (1, 2, 4, 16, 32, 64, 128, 256, 1024):
    loads = [(0.0, w, 0) for w in range(p)]  # (busy seconds, worker, municipalities)
    heapq.heapify(loads)
    for c in costs:  # largest first, each to the worker that frees first
        busy, w, runs = loads[0]
        heapq.heapreplace(loads, (busy + c, w, runs + 1))
    wall = max(busy for busy, _, _ in loads)
    runs = [r for _, _, r in loads]
    idle = min(busy for busy, _, _ in loads)
    rows.append((p, wall, total / (p * wall), min(runs), max(runs), idle))
    print(f"{p:7d}  {wall:6.0f}  {total / (p * wall):10.2f}  {min(runs):11d} to {max(runs):<11d}  {idle:6.0f} to {wall:.0f} s")
out = root / "benchmarks/results/national_estimate.csv"
with open(out, "w") as f:
    f.write("workers,wall_s,efficiency,cpu_s_total,largest_s,largest_peak_bytes,runs_min,runs_max,busy_min_s\n")
    for p, wall, eff, runs_min, runs_max, busy_min in rows:
        f.write(f"{p},{wall:.1f},{eff:.3f},{total:.1f},{costs[0]:.1f},{interpolate(largest, 1):.0f},"
                f"{runs_min},{runs_max},{busy_min:.1f}\n")
print(f"wrote {out}")
