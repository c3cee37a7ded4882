"""Studies of many runs, as the CLI runs them, from Python: :func:`sweep`, :func:`region`,
:func:`sensitivity`, :func:`factorial` and :func:`validate_model` run ``kyosei <command>`` (the
same plans, seeds, resumable directories and numbers; see README.md, "The command line"), show a progress bar
counting finished runs, and return pandas objects read from the files the command wrote. The
readers (:func:`read_study`, :func:`read_sensitivity`) open a directory that the CLI filled,
from this session or another.

    study = kyosei.studies.sweep("scenarios/sweep_outreach.yaml", "results/outreach")
    study.summary              # one row per run: the plan's columns and every summary number
    study.result("v0.r1")      # that run's Result (its HDF5 file)
    table = kyosei.studies.sensitivity("scenarios/sensitivity/morris_levers.yaml", "results/morris")
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from ._core import UsageError
from .command import options, run_cli, set_arguments
from .progress import Counter, Progress
from .result import Result, read

__all__ = ["Study", "plan", "sweep", "region", "sensitivity", "factorial", "validate_model", "read_study",
           "read_sensitivity"]


@dataclass(frozen=True)
class Study:
    """A directory written by ``kyosei sweep``, ``region`` or ``sensitivity``.

    Attributes:
        directory   the output directory
        manifest    one row per finished run (manifest.csv): run_id, fingerprint, seed,
                    replicate, wall_s, and the run's headline numbers
        summary     one row per run (summary.csv): the plan's columns and every summary number;
                    None until every run has finished
        totals      a region's totals over its municipalities (total.csv), else None
    """

    directory: Path
    manifest: Any
    summary: Any
    totals: Any = None

    def result(self, run_id: str, **kwargs: Any) -> Result:
        """The Result of one run of the study (``runs/<run_id>.h5``), as :func:`kyosei.read`."""
        path = self.directory / "runs" / f"{run_id}.h5"
        if not path.is_file():
            raise UsageError(f"{path}: no such run file (run ids are listed in .manifest)")
        return read(path, **kwargs)

    def _repr_html_(self) -> str:
        table = self.summary if self.summary is not None else self.manifest
        return (f"<p><b>kyosei study</b> {self.directory}: {len(self.manifest)} runs finished</p>"
                + table.to_html(max_rows=20, float_format=lambda v: f"{v:,.4g}"))


def read_study(directory: str | os.PathLike) -> Study:
    """The files of a sweep, region or sensitivity directory as DataFrames (see :class:`Study`).
    Runs of an unfinished study are in the manifest; its summary is None until it finishes."""
    import pandas as pd

    d = Path(directory)
    manifests = sorted(d.glob("manifest*.csv"))
    if not manifests:
        raise UsageError(f"{d}: no manifest.csv: not a directory written by kyosei sweep, region or sensitivity")
    manifest = pd.concat([pd.read_csv(m) for m in manifests], ignore_index=True)
    manifest = manifest.sort_values("index").set_index("run_id")

    def optional(name: str):
        return pd.read_csv(d / name) if (d / name).is_file() else None

    summary = optional("summary.csv")
    if summary is not None and "run_id" in summary:
        summary = summary.set_index("run_id")
    return Study(directory=d, manifest=manifest, summary=summary, totals=optional("total.csv"))


def plan(command: str, file: str | os.PathLike):
    """The run plan of a sweep, region or sensitivity file (``kyosei COMMAND FILE --dry-run``):
    one row per run with its variant, the varied parameters, replicate, seed and size."""
    import pandas as pd

    text = run_cli([command, os.fspath(file), "-o", os.devnull, "--dry-run"]).stdout
    lines = text.splitlines()
    table = "\n".join(lines[1:])  # the first line describes the plan
    return pd.read_csv(io.StringIO(table), sep=r"\s+").set_index("run_id")


def _count_manifest_lines(directory: Path) -> int:
    count = 0
    for manifest in directory.glob("manifest*.csv"):
        try:
            with open(manifest, "rb") as f:
                count += max(0, sum(1 for _ in f) - 1)
        except OSError:
            pass
    return count


# The plan commands' options for runs at once and for threads inside each run (sim/cli/sweep_command.cpp).
_JOBS_OPTION, _THREADS_OPTION = "jobs", "threads"


def _run_study(command: str, file: str | os.PathLike, directory: str | os.PathLike, progress: Progress,
               jobs: int | None, threads: int | None, force: bool) -> Study:
    d = Path(directory)
    flags = {_JOBS_OPTION: jobs, _THREADS_OPTION: threads, "force": force}
    total = len(plan(command, file))
    with Counter(progress, total, unit="run", desc=f"{command} {Path(file).stem}") as counter:
        if not force:
            counter.update(_count_manifest_lines(d) if d.is_dir() else 0)
        run_cli([command, os.fspath(file), "-o", os.fspath(d), *options(**flags)],
                watch=lambda: counter.update(_count_manifest_lines(d)))
    return read_study(d)


def sweep(file: str | os.PathLike, directory: str | os.PathLike, *, jobs: int | None = None,
          threads: int | None = None, force: bool = False, progress: Progress = True) -> Study:
    """Runs ``kyosei sweep FILE -o DIRECTORY`` (an unfinished directory resumes where it stopped;
    ``force`` starts over) and returns its :class:`Study`. ``jobs``: runs at once (the CLI's
    default when None); ``threads``: threads inside each run. ``progress``: a bar counting
    finished runs (True), a callable ``progress(done, total)``, or False."""
    return _run_study("sweep", file, directory, progress, jobs, threads, force)


def region(file: str | os.PathLike, directory: str | os.PathLike, *, jobs: int | None = None,
           threads: int | None = None, force: bool = False, progress: Progress = True) -> Study:
    """Runs ``kyosei region FILE -o DIRECTORY``: every municipality of a region file, with the
    region's totals in :attr:`Study.totals`. Arguments as :func:`sweep`."""
    return _run_study("region", file, directory, progress, jobs, threads, force)


def read_sensitivity(directory: str | os.PathLike):
    """DIR/sensitivity.csv as a DataFrame: one row per output and parameter, ranked within each
    output (Morris mu*, sigma; or Latin hypercube PRCC and SRC, each with its interval)."""
    import pandas as pd

    path = Path(directory) / "sensitivity.csv"
    if not path.is_file():
        raise UsageError(f"{path}: no sensitivity table (has every run of the study finished?)")
    return pd.read_csv(path)


def sensitivity(file: str | os.PathLike, directory: str | os.PathLike, *, jobs: int | None = None,
                threads: int | None = None, force: bool = False, progress: Progress = True):
    """Runs ``kyosei sensitivity FILE -o DIRECTORY`` (Morris screening or a Latin hypercube
    with PRCC) and returns the ranked table (:func:`read_sensitivity`); the runs are in
    ``read_study(DIRECTORY)``. Arguments as :func:`sweep`."""
    _run_study("sensitivity", file, directory, progress, jobs, threads, force)
    return read_sensitivity(directory)


def factorial(low: str | os.PathLike, high: str | os.PathLike, *, levers: Iterable[str] | None = None,
              replicates: int | None = None, seed: int | None = None, threads: int | None = None,
              overrides: Mapping[str, Any] | None = None, directory: str | os.PathLike | None = None,
              force: bool = False):
    """Runs ``kyosei factorial LOW HIGH``: the 2^k design over the levers that differ between
    the two scenarios (or ``levers``), and returns the effects as a DataFrame indexed by effect
    (main effects and interactions), one column per outcome and one ``<outcome>_se`` for its
    standard error; ``.attrs["runs"]`` is the number of runs. With ``directory``, each run's
    result file and ``factorial.json`` are written there (``force`` overwrites earlier ones)."""
    import pandas as pd

    arguments = ["factorial", os.fspath(low), os.fspath(high), "--json",
                 *options(levers=",".join(levers) if levers else None, replicates=replicates, seed=seed,
                          threads=threads, output_dir=os.fspath(directory) if directory is not None else None,
                          force=force), *set_arguments(overrides)]
    report = json.loads(run_cli(arguments).stdout)
    table = pd.DataFrame(report["effects"]).set_index("effect")
    table.attrs["runs"] = report["runs"]
    return table


def validate_model(scenario: str | os.PathLike | None = None, *, replicates: int | None = None,
                   seed: int | None = None, threads: int | None = None,
                   overrides: Mapping[str, Any] | None = None):
    """Runs ``kyosei validate-model`` (the calibration targets of docs/calibration.md against
    replicates of ``scenario``; without one, the CLI's default scenarios/silo.yaml relative to the
    working directory) and returns its table: one row
    per target with its range, the simulated median and 10-90% band, PASS or FAIL, its source
    and any known gap."""
    import tempfile

    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "validation.csv"
        arguments = ["validate-model", *([os.fspath(scenario)] if scenario is not None else []),
                     *options(replicates=replicates, seed=seed, threads=threads, csv=csv),
                     *set_arguments(overrides)]
        run_cli(arguments)
        return pd.read_csv(csv).set_index("target")
