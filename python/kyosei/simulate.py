"""Running scenarios: :func:`run` for one run, with an optional progress bar or callback."""

from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timezone
from typing import Any, Callable, Mapping, Union

from . import _core
from ._core import UsageError
from .result import Provenance, Result
from .scenario import Scenario

__all__ = ["run", "ProgressBar"]

ScenarioLike = Union[Scenario, str, os.PathLike, Mapping[str, Any]]
Progress = Union[bool, None, Callable[[int, int], Any]]


class ProgressBar:
    """A one-line text progress bar, ``[name] ####.... 45% day 1800 of 4015``.

    Pass ``progress=True`` to :func:`kyosei.run` for one, or an instance to reuse a label. It
    writes to stderr with a carriage return, which both terminals and Jupyter redraw in place.
    """

    def __init__(self, label: str = "", width: int = 30, file=None):
        self.label = label
        self.width = width
        self.file = file
        self._start = time.perf_counter()
        self._last = -1
        self._drawn_at = 0.0

    def __call__(self, done: int, total: int) -> bool:
        share = done / total if total else 1.0
        filled = int(round(self.width * share))
        elapsed = time.perf_counter() - self._start
        line = (f"\r[{self.label}] " if self.label else "\r") + \
            f"{'#' * filled}{'.' * (self.width - filled)} {share:4.0%} day {done} of {total} ({elapsed:.1f} s)"
        # Redraw when the bar grows or every half second, not at every call (a notebook keeps
        # every line it is sent).
        now = time.perf_counter()
        if filled != self._last or now - self._drawn_at >= 0.5:
            out = self.file or sys.stderr
            out.write(line)
            out.flush()
            self._last, self._drawn_at = filled, now
        return True

    def close(self, total: int | None = None) -> None:
        if total is not None:
            self._last = -1  # always draw the final state
            self(total, total)
        (self.file or sys.stderr).write("\n")


def _progress_function(progress: Progress, label: str) -> tuple[Callable[[int, int], Any] | None, ProgressBar | None]:
    if progress is None or progress is False:
        return None, None
    if progress is True:
        bar = ProgressBar(label)
        return bar, bar
    if isinstance(progress, ProgressBar):
        return progress, progress
    if callable(progress):
        return progress, None
    raise UsageError("progress must be True, False/None, or a callable progress(done, total)")


def run(scenario: ScenarioLike, *, seed: int | None = None, replicate: int = 0, threads: int = 0,
        overrides: Mapping[str, Any] | None = None, progress: Progress = None) -> Result:
    """Runs one scenario to its horizon and returns its :class:`Result`.

    Parameters:
        scenario: a :class:`Scenario`, the path of a YAML scenario file (``"scenarios/silo.yaml"``)
            or a dict of parameters (``{"intake": {"mode": "integrated"}}``, see
            :meth:`Scenario.from_dict`).
        seed: random seed; None takes the scenario's ``run.seed``, as the CLI does without
            ``--seed``. The same seed, replicate and scenario give bit-identical results, for
            any number of threads and from the CLI or from Python.
        replicate: replicate number, a separate random stream for the same seed (see
            :func:`kyosei.replicates`).
        threads: OpenMP threads for this run (0: all cores).
        overrides: parameters to change first, ``{"key.path": value}``, as the CLI's ``--set``
            (see :meth:`Scenario.with_`).
        progress: True for a text progress bar on stderr; a callable ``progress(done, total)``
            called once a simulated month (days, burn-in included), which may return False to
            stop the run early (the result is then marked incomplete); None or False for none.

    The engine runs without the GIL, so other Python threads keep going (and several runs can
    go in parallel threads); Ctrl-C (or a notebook's interrupt) stops it with KeyboardInterrupt.

    Returns a :class:`Result`: ``.series`` and ``.episodes`` DataFrames, ``.summary`` dict,
    ``.km()`` Kaplan-Meier curves, ``.to_hdf5(path)``.

    Raises:
        ScenarioError: the scenario file, dict or an override is wrong (``file:line:col: key:
            problem``; the attributes ``file``, ``line``, ``column``, ``key`` and ``problem``).
        UsageError: a bad argument (negative seed or threads, ...).

    Example::

        >>> import kyosei
        >>> result = kyosei.run("scenarios/integrated.yaml", seed=1,
        ...                     overrides={"population.residents": 20000})
        >>> result.summary["overall"]["median_days"]
        >>> result.km("gap").plot()
    """
    base = Scenario.coerce(scenario)
    sc = base.with_(overrides) if overrides else base
    if seed is None:
        seed = sc["run.seed"]
    for name, value in (("seed", seed), ("replicate", replicate), ("threads", threads)):
        if isinstance(value, bool) or not isinstance(value, int) and not hasattr(value, "__index__"):
            raise UsageError(f"{name} must be an integer, got {value!r}")
    seed, replicate, threads = int(seed), int(replicate), int(threads)
    callback, bar = _progress_function(progress, sc.name)
    simulation = _core.Simulation(sc._core, seed=seed, replicate=replicate, threads=threads)
    try:
        finished = simulation.run(callback)
    finally:
        if bar is not None:
            bar.close(simulation.days_total if simulation.finished else None)
    provenance = Provenance(
        scenario_name=sc.name, scenario_text=sc.text, seed=seed, replicate=replicate,
        threads=threads, complete=bool(finished),
        date=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return Result._from_core(simulation.results(), provenance, scenario=sc)
