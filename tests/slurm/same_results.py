#!/usr/bin/python3
"""Checks that two result files of kyosei (docs/outputs.md) hold the same results: every dataset
with its attributes, and the root attributes except those of the execution (date, threads).
Used by scripts/slurm_stage.sh on a run checkpointed, requeued and resumed against one run
without interruption.

    same_results.py A.h5 B.h5      exit 0 when the same, 1 (naming what differs) otherwise
"""
import sys

import h5py
import numpy as np

EXECUTION_ATTRIBUTES = {"date", "threads"}
# HDF5's dimension scales: references between datasets of one file, never equal across files.
REFERENCE_ATTRIBUTES = {"DIMENSION_LIST", "REFERENCE_LIST"}


def datasets(group, prefix=""):
    out = {}
    for name, item in group.items():
        path = prefix + "/" + name
        if isinstance(item, h5py.Group):
            out.update(datasets(item, path))
        else:
            out[path] = item
    return out


def equal(x, y):
    try:
        return np.array_equal(x, y, equal_nan=True)  # a NaN (no value) equals a NaN
    except TypeError:  # strings
        return np.array_equal(x, y)


def same_attributes(a, b, skip=()):
    keys = (set(a.attrs) | set(b.attrs)) - set(skip)
    return sorted(k for k in keys if k not in a.attrs or k not in b.attrs or not equal(a.attrs[k], b.attrs[k]))


def main(first, second):
    differences = []
    with h5py.File(first, "r") as a, h5py.File(second, "r") as b:
        differences += [f"root attribute {k}" for k in same_attributes(a, b, EXECUTION_ATTRIBUTES)]
        da, db = datasets(a), datasets(b)
        differences += [f"{p}: only in one file" for p in sorted(set(da) ^ set(db))]
        for path in sorted(set(da) & set(db)):
            if da[path].dtype != db[path].dtype or not equal(da[path][()], db[path][()]):
                differences.append(f"{path}: values differ")
            differences += [f"{path}: attribute {k}" for k in same_attributes(da[path], db[path], REFERENCE_ATTRIBUTES)]
        if not da:
            differences.append("no datasets")
    for d in differences:
        print(f"same_results: {first} and {second}: {d}", file=sys.stderr)
    return 1 if differences else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
