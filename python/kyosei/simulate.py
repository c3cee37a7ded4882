"""Running scenarios: :func:`run` for one run, with an optional progress bar or callback and
checkpoints; :func:`resume` continues a run from a checkpoint (its own or ``kyosei run
--checkpoint-every``'s: the files are the same)."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Any, Mapping, Sequence, Union

from . import _core
from ._core import UsageError
from .progress import Counter, Progress
from .result import Provenance, Result
from .scenario import Scenario

__all__ = ["run", "resume"]

ScenarioLike = Union[Scenario, str, os.PathLike, Mapping[str, Any]]


def run(scenario: ScenarioLike, *, seed: int | None = None, replicate: int = 0, threads: int = 0,
        overrides: Mapping[str, Any] | None = None, progress: Progress = None,
        checkpoint: str | os.PathLike | None = None, checkpoint_every: int | None = None,
        snapshot_days: Sequence[int] = ()) -> Result:
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
        progress: True for a progress bar (tqdm) counting simulated days, burn-in included; a
            callable ``progress(done, total)`` called once a simulated month, which may return
            False to stop the run early (the result is then marked incomplete); None or False
            for none.
        checkpoint, checkpoint_every: save the whole run state to ``checkpoint`` every
            ``checkpoint_every`` simulated days and when the run is stopped (by ``progress`` or
            Ctrl-C), as ``kyosei run --checkpoint-every``; :func:`resume` (or ``kyosei resume``)
            continues it, bit-identical to an uninterrupted run.
        snapshot_days: recorded days (ascending, within the horizon) at whose end the population
            is kept, as ``kyosei run --snapshot-days``: ``result.snapshots[day]`` holds its
            residents, households and tie edge list (:class:`kyosei.snapshot.Snapshot`).

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
        >>> kyosei.plot.km_curve(result.km("gap"))
    """
    base = Scenario.coerce(scenario)
    sc = base.with_(overrides) if overrides else base
    if seed is None:
        seed = sc["run.seed"]
    for name, value in (("seed", seed), ("replicate", replicate), ("threads", threads)):
        if isinstance(value, bool) or not isinstance(value, int) and not hasattr(value, "__index__"):
            raise UsageError(f"{name} must be an integer, got {value!r}")
    seed, replicate, threads = int(seed), int(replicate), int(threads)
    simulation = _core.Simulation(sc._core, seed=seed, replicate=replicate, threads=threads,
                                  snapshot_days=[int(day) for day in snapshot_days])
    return _drive(simulation, sc, progress, checkpoint, checkpoint_every)


def resume(checkpoint: str | os.PathLike, *, threads: int | None = None, progress: Progress = None,
           checkpoint_every: int | None = None) -> Result:
    """Continues a run from its checkpoint (written by :func:`run` with ``checkpoint_every`` or by
    ``kyosei run --checkpoint-every``) to its horizon and returns its :class:`Result`, the same
    as the uninterrupted run's. ``threads`` replaces the saved thread count (results do not
    depend on it); ``checkpoint_every`` keeps saving to the same file. Raises OutputError for a
    missing, damaged or foreign checkpoint (another kyosei version or commit)."""
    simulation, _, _ = _core.Simulation.resume(os.fspath(checkpoint), threads)
    sc = Scenario(simulation.scenario)
    return _drive(simulation, sc, progress, checkpoint if checkpoint_every else None, checkpoint_every)


def _drive(simulation: "_core.Simulation", sc: Scenario, progress: Progress, checkpoint, every) -> Result:
    """Runs ``simulation`` to its horizon (saving a checkpoint every ``every`` days when asked)
    and wraps its results."""
    if (checkpoint is None) != (every is None):
        raise UsageError("checkpoint and checkpoint_every go together")
    if every is not None and (isinstance(every, bool) or int(every) < 1):
        raise UsageError(f"checkpoint_every must be a positive number of days, got {every!r}")
    counter = Counter(progress, simulation.days_total, unit="day", desc=sc.name)
    counter.update(simulation.days_done)
    try:
        if checkpoint is None:
            finished = simulation.run(counter.update)
        else:
            finished = _run_with_checkpoints(simulation, counter, os.fspath(checkpoint), int(every))
        if finished and counter.done < simulation.days_done:
            counter.update(simulation.days_done)  # the last stretch, after the last monthly call
    finally:
        counter.close()
    provenance = Provenance(
        scenario_name=sc.name, scenario_text=sc.text, seed=simulation.seed, replicate=simulation.replicate,
        threads=simulation.threads, complete=bool(finished),
        date=datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))
    return Result._from_core(simulation.results(), provenance, scenario=sc)


def _run_with_checkpoints(simulation: "_core.Simulation", counter: Counter, path: str, every: int) -> bool:
    """Steps ``every`` days at a time, saving after each stretch; a stop (False from the progress
    callable, Ctrl-C) saves too before it returns or raises."""
    try:
        while not simulation.finished:
            simulation.step(min(every, simulation.days_total - simulation.days_done))
            simulation.save_checkpoint(path)
            answer = counter.update(simulation.days_done)
            if answer is not None and answer is not True and not answer:
                return False
    except KeyboardInterrupt:
        simulation.save_checkpoint(path)
        raise
    return True
