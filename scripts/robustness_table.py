#!/usr/bin/env python3
"""The robustness tables of docs/calibration.md ("Robustness to the frictions and to what people
expect") from the two Latin-hypercube studies that share their seed:

    build/kyosei sensitivity scenarios/sensitivity/lhs_frictions_silo.yaml -o SILO_DIR
    build/kyosei sensitivity scenarios/sensitivity/lhs_frictions_full_juso.yaml -o FULL_DIR
    /usr/bin/python3 scripts/robustness_table.py SILO_DIR FULL_DIR

Each point runs with the same residents under both regimes: the difference full - silo is taken
per point and replicate and averaged over the replicates; then its spread over the points, and
for each assumption the mean difference over the points in the lowest and in the highest quarter
of its sampled values (largest swing of detection first). Prints Markdown tables.
"""
import sys

import pandas as pd

ASSUMPTIONS = ["intake.staff_knowledge", "detection.window_knowledge", "intake.cold_arrival",
               "intake.withdrawn_arrival_factor", "intake.self_reliance_gap_acceptance",
               "awareness.silo_gap_belief", "awareness.silo_gap_referral_belief"]
OUTCOMES = {"`detection_365`, full - silo": "overall.detection_365",
            "`crisis_365`, full - silo": "overall.crisis_365",
            "gap needs' `detection_365`, full - silo": "by_field.gap.detection_365",
            "8050 needs' `detection_365`, full - silo": "by_compound.8050.detection_365",
            "`engagement_365`, full - silo": "overall.engagement_365"}

silo = pd.read_csv(f"{sys.argv[1]}/summary.csv")
full = pd.read_csv(f"{sys.argv[2]}/summary.csv")
runs = silo.merge(full, on=["variant", "replicate"], suffixes=("_silo", "_full"))
for name in ASSUMPTIONS:
    if not (runs[f"{name}_silo"] - runs[f"{name}_full"]).abs().lt(1e-12).all():
        sys.exit(f"the two studies do not share their points ({name} differs): give them the same seed and design")
points = runs.groupby("variant")
values = pd.DataFrame({name: points[f"{name}_silo"].first() for name in ASSUMPTIONS})
gain = pd.DataFrame({label: (runs[f"{c}_full"] - runs[f"{c}_silo"]).groupby(runs["variant"]).mean() * 100
                     for label, c in OUTCOMES.items()})

print(f"| all seven together ({len(values)} points) | median | 10% | 90% | min | max |")
print("|---|---|---|---|---|---|")
for label in OUTCOMES:
    x = gain[label]
    print(f"| {label} | {x.median():+.1f} pt | {x.quantile(0.1):+.1f} | {x.quantile(0.9):+.1f} | "
          f"{x.min():+.1f} | {x.max():+.1f} |")

detection = gain["`detection_365`, full - silo"]
gap = gain["gap needs' `detection_365`, full - silo"]
engagement = gain["`engagement_365`, full - silo"]
rows = []
for name in ASSUMPTIONS:
    v = values[name]
    low, high = v <= v.quantile(0.25), v >= v.quantile(0.75)
    swing = abs(detection[low].mean() - detection[high].mean())
    rows.append((swing, f"| `{name}` {v.min():.2f}-{v.max():.2f} | {detection[low].mean():+.1f} -> "
                        f"{detection[high].mean():+.1f} pt | {gap[low].mean():+.1f} -> {gap[high].mean():+.1f} pt | "
                        f"{engagement[low].mean():+.1f} -> {engagement[high].mean():+.1f} pt |"))
print()
print("| assumption (lowest -> highest quarter of its range) | `detection_365`, full - silo | gap needs' | `engagement_365` |")
print("|---|---|---|---|")
for _, row in sorted(rows, reverse=True):
    print(row)
levels = {regime: points[f"overall.detection_365_{regime}"].mean() * 100 for regime in ("silo", "full")}
print(f"\n`detection_365` itself: silo {levels['silo'].min():.0f}-{levels['silo'].max():.0f}%, "
      f"full {levels['full'].min():.0f}-{levels['full'].max():.0f}%")
