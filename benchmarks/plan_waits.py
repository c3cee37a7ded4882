#!/usr/bin/python3
"""Days from a household's referral to its support plan, by coordination mode (docs/calibration.md,
"Hub and distributed coordination").

Reads the replicate files that `kyosei compare ... --replicates N -o DIR` wrote (DIR/<name>.r<k>.h5)
and prints, per scenario, medians over replicates of: plans, the share made the day of the
referral, and the median and mean days from referral to plan. A plan's wait is the least wait
from acceptance to the plan among the needs it took (a need accepted before its household needed
a plan is taken too), needs found at the meeting itself left out.

Usage: benchmarks/plan_waits.py DIR [NAME ...]
"""
import glob
import os
import re
import sys

import h5py
import numpy as np

HOUSEHOLD_CHANNEL = 6  # episodes/channel: found in a household assessment or at a plan's meeting


def plan_waits(path):
    with h5py.File(path, "r") as f:
        e = f["episodes"]
        plan, detected = e["plan_day"][:], e["detected_day"][:]
        keep = (plan >= 0) & (e["channel"][:] != HOUSEHOLD_CHANNEL)
        household = e["household"][:][keep]
        plan, wait = plan[keep], (plan - detected)[keep]
    least = {}
    for h, d, w in zip(household, plan, wait):
        least[(h, d)] = min(least.get((h, d), w), w)
    waits = np.array(list(least.values()), dtype=float)
    return {
        "plans": len(waits),
        "same_day": float(np.mean(waits == 0)),
        "median_days": float(np.median(waits)),
        "mean_days": float(waits.mean()),
    }


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    directory = sys.argv[1]
    files = sorted(glob.glob(os.path.join(directory, "*.r*.h5")))
    names = sys.argv[2:] or sorted({re.sub(r"\.r\d+\.h5$", "", os.path.basename(p)) for p in files})
    columns = ["plans", "same_day", "median_days", "mean_days"]
    print("scenario," + ",".join(columns))
    for name in names:
        rows = [plan_waits(p) for p in files if re.fullmatch(re.escape(name) + r"\.r\d+\.h5", os.path.basename(p))]
        if not rows:
            sys.exit(f"{directory}: no replicate files of {name}")
        print(name + "," + ",".join(f"{np.median([r[c] for r in rows]):.3g}" for c in columns))


if __name__ == "__main__":
    main()
