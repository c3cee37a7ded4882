"""Sensitivity analyses of ``kyosei sensitivity`` (include/kyosei/ensemble/sensitivity.hpp): run a
sensitivity file through the CLI, read its ranked table, and plot it.

    table = kyosei.sensitivity.run("scenarios/sensitivity/morris_levers.yaml", "results/morris")
    kyosei.sensitivity.plot_morris(table, "overall.rmst_days")   # mu* against sigma
    kyosei.sensitivity.plot_prcc(lhs_table, "overall.rmst_days") # PRCC bars with 95% intervals

The table (DIR/sensitivity.csv) has one row per output and parameter, ranked within each output
(``rank`` 1 is the most influential): Morris ``mu_star``, ``mu_star_low``, ``mu_star_high``, ``mu``,
``sigma``, ``effects``; or Latin hypercube ``prcc``, ``prcc_low``, ``prcc_high``, ``prcc_p``, ``src``,
``src_low``, ``src_high``, ``src_p``, ``r_squared``; and ``samples``. Morris effects are the change
of the output if the parameter moved across its whole range, in the output's units.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from ._core import UsageError

__all__ = ["run", "read", "cli_path", "plot_morris", "plot_prcc"]


def cli_path() -> Path:
    """The ``kyosei`` executable: $KYOSEI_CLI, else the one built beside this package
    (build/kyosei for build/python/kyosei), else the first on PATH."""
    if os.environ.get("KYOSEI_CLI"):
        return Path(os.environ["KYOSEI_CLI"])
    beside = Path(__file__).resolve().parents[2] / "kyosei"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("kyosei")
    if found:
        return Path(found)
    raise UsageError("cannot find the kyosei command-line tool: build it (cmake --build build) or set KYOSEI_CLI")


def run(file, directory, threads: int = 0, force: bool = False, quiet: bool = True):
    """Runs ``kyosei sensitivity FILE -o DIRECTORY`` (resuming an unfinished one; ``force`` starts
    over) and returns the ranked table. A bad file raises UsageError with the CLI's
    ``file:line:col: key: problem`` message."""
    command = [str(cli_path()), "sensitivity", str(file), "-o", str(directory), "--jobs", str(threads)]
    if force:
        command.append("--force")
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise UsageError(f"kyosei sensitivity exited with {done.returncode}: {done.stderr.strip()}")
    if not quiet:
        print(done.stdout)
    return read(directory)


def read(directory):
    """DIR/sensitivity.csv as a DataFrame (NaN where an index could not be estimated)."""
    import pandas as pd

    path = Path(directory) / "sensitivity.csv"
    if not path.is_file():
        raise UsageError(f"{path}: no sensitivity table (has every run of the study finished?)")
    return pd.read_csv(path)


def _rows(table, output: str, column: str):
    rows = table[table["output"] == output]
    if rows.empty:
        raise UsageError(f"no output '{output}' in the table (it has {', '.join(table['output'].unique())})")
    if column not in rows:
        raise UsageError(f"the table has no {column} column: is it from the other method?")
    return rows.sort_values("rank")


def plot_morris(table, output: str, ax=None):
    """mu* against sigma for one output, each parameter labelled, with the line sigma = mu*
    (above it: effects that depend on the other parameters or are curved)."""
    import matplotlib.pyplot as plt

    rows = _rows(table, output, "mu_star")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4.5))
    ax.scatter(rows["mu_star"], rows["sigma"])
    for _, row in rows.iterrows():
        ax.annotate(row["parameter"], (row["mu_star"], row["sigma"]), fontsize=8, xytext=(3, 3),
                    textcoords="offset points")
    top = max(rows["mu_star"].max(), rows["sigma"].max()) * 1.1
    ax.plot([0, top], [0, top], color="grey", linestyle=":", linewidth=1, label="sigma = mu*")
    unit = rows["unit"].iloc[0]
    ax.set_xlabel(f"mu* ({unit} across the parameter's range)")
    ax.set_ylabel(f"sigma ({unit})")
    ax.set_title(output)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.legend(loc="upper left", fontsize=8)
    return ax


def plot_prcc(table, output: str, ax=None):
    """Horizontal bars of the PRCC of each parameter for one output, with 95% intervals, most
    influential on top."""
    import matplotlib.pyplot as plt

    rows = _rows(table, output, "prcc").iloc[::-1]
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.4 * len(rows) + 1))
    errors = [rows["prcc"] - rows["prcc_low"], rows["prcc_high"] - rows["prcc"]]
    colours = ["tab:red" if v > 0 else "tab:blue" for v in rows["prcc"]]
    ax.barh(rows["parameter"], rows["prcc"], xerr=errors, color=colours, capsize=3)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlim(-1, 1)
    ax.set_xlabel("partial rank correlation (95% interval)")
    ax.set_title(output)
    return ax
