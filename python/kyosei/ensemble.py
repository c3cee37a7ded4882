"""Replicates of one scenario and comparisons of several, with medians and 10-90% bands.

Replicate r of every scenario uses the same seed and replicate number: common random numbers
(docs/ODD.md "Random numbers"), so the residents, their conditions and their luck are the same across
scenarios and the paired differences are much sharper than the spread of either scenario alone.
A :class:`Comparison` gives the numbers of ``kyosei compare --replicates N``: bands, paired
differences with bootstrap intervals, restricted mean detection times and log-rank tests
(:mod:`kyosei.uncertainty`).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable, Mapping, Sequence

import numpy as np

from . import _core, uncertainty
from ._core import UsageError
from .incidence import CumulativeIncidence, cumulative_incidence
from .result import Result, format_table, incidence_table
from .scenario import Scenario
from .progress import Counter, Progress
from .simulate import ScenarioLike, run
from .survival import KaplanMeier, kaplan_meier

__all__ = ["Ensemble", "Comparison", "replicates", "compare", "QUANTILES"]

QUANTILES = (0.1, 0.5, 0.9)
_QUANTILE_NAMES = ("p10", "median", "p90")

# Summary numbers a comparison table shows unless asked for others.
DEFAULT_METRICS = (
    "overall.detection_365", "overall.detection_median_days", "overall.crisis_365",
    "overall.engagement_365", "by_field.gap.detection_365", "by_compound.8050.detection_365",
    "by_compound.isolated.detection_365",
    "mean_isolation_residents", "mean_isolation_households", "share_bounced", "share_crisis",
    "mean_hops", "dropoffs",
)


def _band(values: np.ndarray, axis: int = 0) -> dict[str, np.ndarray]:
    """10%, 50%, 90% quantiles ignoring NaN (a NaN median: the curve never reached 0.5)."""
    with np.errstate(all="ignore"):
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            q = np.nanquantile(values, QUANTILES, axis=axis)
    return dict(zip(_QUANTILE_NAMES, q))


class Ensemble(Sequence[Result]):
    """Replicates of one scenario: a sequence of :class:`Result` with summaries across them.

    ``ensemble[r]`` is replicate r. :meth:`summary_frame` has one row per replicate;
    :meth:`describe` gives the median and the 10-90% band of each summary number;
    :meth:`series_band` and :meth:`km_band` give bands over time.
    """

    def __init__(self, results: Sequence[Result], scenario: Scenario | None = None):
        if not results:
            raise UsageError("an Ensemble needs at least one result")
        self.results = list(results)
        self.scenario = scenario if scenario is not None else self.results[0].scenario

    @property
    def name(self) -> str:
        return self.results[0].name

    def __getitem__(self, index):  # type: ignore[override]
        return self.results[index]

    def __len__(self) -> int:
        return len(self.results)

    def summary_frame(self):
        """One row per replicate (index ``replicate``), one column per flattened summary number
        ('overall.median_days', 'by_field.gap.within_365', 'share_bounced', ...)."""
        import pandas as pd

        rows = [r.flat_summary() for r in self.results]
        return pd.DataFrame(rows, index=pd.Index([r.replicate for r in self.results], name="replicate"))

    def describe(self, metrics: Iterable[str] | None = None):
        """Median and 10-90% band of each summary number across replicates: a DataFrame with
        one row per metric and columns p10, median, p90."""
        import pandas as pd

        frame = self.summary_frame()
        if metrics is not None:
            frame = frame[list(metrics)]
        band = _band(frame.to_numpy(dtype=float))
        return pd.DataFrame(band, index=frame.columns)[list(_QUANTILE_NAMES)]

    def series_band(self, name: str, window: int = 1):
        """A daily series across replicates: DataFrame indexed by day with p10, median, p90
        (each replicate first smoothed by a centred rolling mean of ``window`` days)."""
        import pandas as pd

        stack = np.vstack([_smooth(r.series[name].to_numpy(dtype=float), window) for r in self.results])
        return pd.DataFrame(_band(stack), index=self.results[0].series.index)[list(_QUANTILE_NAMES)]

    def km_band(self, group: Any = None, days: Sequence[float] | None = None, detected: bool = True):
        """Kaplan-Meier curve of each replicate evaluated on a grid of days (default 0..730),
        summarised as p10, median, p90 across replicates. ``detected=True`` gives the share
        detected, 1 - S(t)."""
        import pandas as pd

        grid = np.arange(0, 731) if days is None else np.asarray(days, dtype=float)
        curves = np.vstack([np.atleast_1d(r.km(group).survival_at(grid)) for r in self.results])
        if detected:
            curves = 1.0 - curves
        return pd.DataFrame(_band(curves), index=pd.Index(grid, name="days"))[list(_QUANTILE_NAMES)]

    def _repr_html_(self) -> str:
        """Jupyter's display: median and 10-90% band of the headline numbers."""
        from html import escape

        return (f"<p><b>kyosei Ensemble</b> {escape(self.name)}: {len(self)} replicates, seed "
                f"{self.results[0].seed}</p>" + format_table(self.describe(DEFAULT_METRICS)).to_html())

    def __repr__(self) -> str:
        return f"<kyosei.Ensemble {self.name!r}: {len(self)} replicates, seed {self.results[0].seed}>"


class Comparison:
    """Ensembles of several scenarios run with common random numbers.

    ``comparison["integrated"]`` is an :class:`Ensemble`; :meth:`table` puts the median and
    10-90% band of each scenario side by side, with the paired differences from the baseline (the
    first scenario) per replicate. The numbers of ``kyosei compare --replicates N``:
    :meth:`bands`, :meth:`paired_differences` (mean with a 95% bootstrap interval),
    :meth:`detection` (restricted mean detection times, their difference with its interval, the
    log-rank test stratified by replicate) and :meth:`km` (the pooled curve with its band).
    """

    def __init__(self, ensembles: Mapping[str, Ensemble]):
        if not ensembles:
            raise UsageError("a Comparison needs at least one scenario")
        self.ensembles = dict(ensembles)
        sizes = {len(e) for e in self.ensembles.values()}
        if len(sizes) != 1:
            raise UsageError("every scenario of a comparison needs the same number of replicates")

    @property
    def names(self) -> list[str]:
        return list(self.ensembles)

    @property
    def baseline(self) -> str:
        """The first scenario: differences are taken from it."""
        return self.names[0]

    def __getitem__(self, name: str) -> Ensemble:
        return self.ensembles[name]

    def __iter__(self):
        return iter(self.ensembles)

    def __len__(self) -> int:
        return len(self.ensembles)

    def items(self):
        return self.ensembles.items()

    def differences(self, metric: str):
        """Paired differences of one summary number from the baseline: a DataFrame indexed by
        replicate, one column per other scenario (scenario minus baseline)."""
        base = self.ensembles[self.baseline].summary_frame()[metric]
        return self.frame(metric).drop(columns=self.baseline).sub(base, axis=0)

    def frame(self, metric: str):
        """One summary number per replicate (rows) and scenario (columns)."""
        import pandas as pd

        return pd.DataFrame({name: e.summary_frame()[metric] for name, e in self.ensembles.items()})

    def table(self, metrics: Iterable[str] | None = None):
        """Median [p10, p90] across replicates of each metric (rows) for each scenario, and of the
        paired difference from the baseline. Columns are a MultiIndex (scenario or
        'name - baseline', statistic)."""
        import pandas as pd

        metrics = list(DEFAULT_METRICS if metrics is None else metrics)
        parts = {name: e.describe(metrics) for name, e in self.ensembles.items()}
        for name in self.names[1:]:
            diffs = np.column_stack([self.differences(m)[name].to_numpy(dtype=float) for m in metrics])
            parts[f"{name} - {self.baseline}"] = pd.DataFrame(_band(diffs), index=metrics)[list(_QUANTILE_NAMES)]
        return pd.concat(parts, axis=1)

    def bands(self, metrics: Iterable[str] | None = None):
        """Median and 10-90% band over replicates of each metric (default: every summary number)
        for each scenario: a DataFrame indexed by (metric, scenario) with columns replicates (the
        finite values), p10, median, p90 (``uncertainty_metrics.csv`` of the CLI)."""
        import pandas as pd

        rows = {}
        for name, ensemble in self.ensembles.items():
            frame = ensemble.summary_frame()
            for metric in (frame.columns if metrics is None else metrics):
                band = uncertainty.band(frame[metric].to_numpy(dtype=float))
                rows[(metric, name)] = {"replicates": band["count"], **{k: band[k] for k in _QUANTILE_NAMES}}
        table = pd.DataFrame.from_dict(rows, orient="index")[["replicates", *_QUANTILE_NAMES]]
        table.index = pd.MultiIndex.from_tuples(table.index, names=["metric", "scenario"])
        return table

    def paired_differences(self, metrics: Iterable[str] | None = None, *, resamples: int = uncertainty.RESAMPLES,
                           seed: int = uncertainty.BOOTSTRAP_SEED):
        """Mean over replicates of (scenario - baseline) for each metric (default: every summary
        number) with its 95% percentile bootstrap interval (the CLI's draws, see
        :mod:`kyosei.uncertainty`): a DataFrame indexed by (metric, scenario) with columns pairs,
        mean, lower, upper; the baseline is left out."""
        import pandas as pd

        base = self.ensembles[self.baseline].summary_frame()
        rows = {}
        for name in self.names[1:]:
            frame = self.ensembles[name].summary_frame()
            for metric in (frame.columns if metrics is None else metrics):
                rows[(metric, name)] = uncertainty.paired_difference(
                    frame[metric].to_numpy(dtype=float), base[metric].to_numpy(dtype=float),
                    resamples=resamples, seed=seed)
        table = pd.DataFrame.from_dict(rows, orient="index", columns=["pairs", "mean", "lower", "upper"])
        table.index = pd.MultiIndex.from_tuples(table.index, names=["metric", "scenario"])
        return table

    def cumulative_incidence(self, name: str, group: Any = None, *, stage: str = "detection",
                             cause: str = "reached") -> CumulativeIncidence:
        """Cumulative incidence of detection before a crisis (or of ``stage`` and ``cause``, as
        :meth:`Result.cumulative_incidence`) of scenario ``name``'s needs, every replicate
        pooled, with its pointwise 95% band."""
        times = [r.pathway_times(stage, group) for r in self.ensembles[name]]
        return cumulative_incidence(np.concatenate([t for t, _ in times]), np.concatenate([c for _, c in times]),
                                    cause, stage=stage)

    def incidence_by(self, by: str = "household_type", *, days: float = 365, stage: str = "detection"):
        """Per group and scenario, the cumulative incidences at ``days`` of detection before a
        crisis and of the competing events, replicates pooled, with 95% bands
        (:func:`kyosei.result.incidence_table`)."""
        return incidence_table(self.ensembles, by, days=days, stage=stage)

    def km(self, name: str, group: Any = None, **kwargs: Any) -> KaplanMeier:
        """Kaplan-Meier curve of the detection time of scenario ``name``'s episodes, every
        replicate pooled, with its pointwise band (:func:`kyosei.kaplan_meier`; the CLI's
        ``uncertainty_km.csv`` for ``group=None``)."""
        times = [r.detection_times(group) for r in self.ensembles[name]]
        return kaplan_meier(np.concatenate([t for t, _ in times]), np.concatenate([o for _, o in times]), **kwargs)

    def detection(self, group: Any = None, *, tau: float = 365.0, resamples: int = uncertainty.RESAMPLES,
                  seed: int = uncertainty.BOOTSTRAP_SEED):
        """Detection time of each scenario against the baseline, the episodes of every replicate
        pooled: a DataFrame indexed by scenario with episodes, detected, rmst_days (restricted
        mean up to ``tau``), rmst_difference with its 95% interval (rmst_lower, rmst_upper: a
        paired bootstrap over replicates), and the log-rank test stratified by replicate
        (log_rank_chi2, log_rank_p, observed and expected detections of the scenario). The
        baseline's row has only the first three. As the CLI's ``uncertainty_detection.csv``."""
        import pandas as pd

        times = {name: [r.detection_times(group) for r in e] for name, e in self.ensembles.items()}
        base = times[self.baseline]
        rows = {}
        for name, own in times.items():
            # As the CLI, the baseline against itself too (its restricted mean, a zero difference).
            rmst = uncertainty.rmst_difference(own, base, tau=tau, resamples=resamples, seed=seed)
            row = {"episodes": sum(t.size for t, _ in own), "detected": int(sum(o.sum() for _, o in own)),
                   "rmst_days": rmst["scenario"]}
            if name != self.baseline:
                test = uncertainty.log_rank(own, base)
                row.update({"rmst_difference": rmst["difference"], "rmst_lower": rmst["lower"],
                            "rmst_upper": rmst["upper"], "log_rank_chi2": test["chi2"],
                            "log_rank_p": test["p_value"], "observed": test["observed"],
                            "expected": test["expected"]})
            rows[name] = row
        return pd.DataFrame.from_dict(rows, orient="index").rename_axis("scenario")

    def to_xarray(self):
        """The comparison as an xarray Dataset on (``scenario``, ``replicate``, ``day``): every
        daily series, and every summary number on (``scenario``, ``replicate``) under its
        flattened name ('overall.median_days', ...). Units and meanings from the field table."""
        import xarray as xr

        ensemble = next(iter(self.ensembles.values()))
        first = ensemble[0]
        day = np.asarray(first.series.index)
        variables = {}
        for (name, _, unit, meaning) in _core.SERIES:
            stack = np.stack([np.stack([r.series[name].to_numpy() for r in e]) for e in self.ensembles.values()])
            variables[name] = xr.Variable(("scenario", "replicate", "day"), stack,
                                          {"units": unit or "1", "long_name": meaning})
        summaries = {name: e.summary_frame() for name, e in self.ensembles.items()}
        for metric in summaries[self.baseline].columns:
            values = np.stack([summaries[name][metric].to_numpy(dtype=float) for name in self.names])
            variables[metric] = xr.Variable(("scenario", "replicate"), values, {"long_name": f"summary: {metric}"})
        replicate = [r.replicate for r in ensemble]
        return xr.Dataset(variables, coords={"scenario": self.names, "replicate": replicate,
                                             "day": ("day", day, {"units": "days since the end of the burn-in"})},
                          attrs={"Conventions": "CF-1.8", "baseline": self.baseline, "seed": first.seed,
                                 "software": "kyosei", "version": first.provenance.version})

    def _repr_html_(self) -> str:
        """Jupyter's display: the comparison table, numbers formatted for reading."""
        from html import escape

        n = len(next(iter(self.ensembles.values())))
        head = (f"<p><b>kyosei Comparison</b> {escape(', '.join(self.names))}: {n} replicates each, "
                f"baseline {escape(self.baseline)}; median [10%, 90%] across replicates</p>")
        return head + format_table(self.table()).to_html()

    def __repr__(self) -> str:
        n = len(next(iter(self.ensembles.values())))
        return f"<kyosei.Comparison {self.names}: {n} replicates each>"


def _smooth(values: np.ndarray, window: int) -> np.ndarray:
    if window <= 1:
        return values
    import pandas as pd

    return pd.Series(values).rolling(window, center=True, min_periods=1).mean().to_numpy()


def _run_all(jobs: list[tuple[Scenario, int, int]], threads: int, workers: int,
             progress: Progress) -> list[Result]:
    """Runs (scenario, seed, replicate) jobs in order, or ``workers`` at a time in threads (the
    engine releases the GIL, so threads run in parallel)."""
    if workers < 1:
        raise UsageError(f"workers must be at least 1, got {workers}")
    done = [0]
    lock = threading.Lock()

    with Counter(progress, len(jobs), unit="run", desc="runs") as counter:
        def one(job: tuple[Scenario, int, int]) -> Result:
            scenario, seed, replicate = job
            result = run(scenario, seed=seed, replicate=replicate, threads=threads)
            with lock:
                done[0] += 1
                counter.update(done[0])
            return result

        if workers == 1:
            return [one(job) for job in jobs]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(one, jobs))


def _seed_of(scenario: Scenario, seed: int | None) -> int:
    return int(scenario["run.seed"] if seed is None else seed)


def replicates(scenario: ScenarioLike, n: int = 10, *, seed: int | None = None, threads: int = 0,
               workers: int = 1, overrides: Mapping[str, Any] | None = None,
               progress: Progress = True) -> Ensemble:
    """Runs ``n`` replicates of one scenario: the same seed, replicates 0 .. n-1.

    Parameters:
        scenario: a Scenario, a file path or a dict (as :func:`kyosei.run`).
        n: number of replicates.
        seed: the seed of every replicate (None: the scenario's ``run.seed``).
        threads: OpenMP threads per run (0: all cores).
        workers: runs at a time, in Python threads (the engine releases the GIL); with
            workers > 1 set threads so that workers x threads fits the machine.
        overrides: parameters to change first (``{"key.path": value}``).
        progress: True (the default) for a bar counting finished runs with the time left, a
            callable ``progress(done, total)``, or False for none.

    Returns an :class:`Ensemble` (a sequence of Results with ``describe()``, ``series_band()``,
    ``km_band()``).
    """
    if n < 1:
        raise UsageError(f"n must be at least 1, got {n}")
    sc = Scenario.coerce(scenario)
    if overrides:
        sc = sc.with_(overrides)
    s = _seed_of(sc, seed)
    return Ensemble(_run_all([(sc, s, r) for r in range(n)], threads, workers, progress), sc)


def compare(scenarios: Mapping[str, ScenarioLike] | Sequence[ScenarioLike], replicates: int = 10, *,
            seed: int | None = None, threads: int = 0, workers: int = 1,
            overrides: Mapping[str, Any] | None = None,
            progress: Progress = True) -> Comparison:
    """Runs several scenarios with common random numbers and compares them.

    Parameters:
        scenarios: ``{name: scenario}`` (a Scenario, a path or a dict each), or a list whose
            names are the scenarios' own (which must then differ). The first is the baseline.
        replicates: replicates per scenario; replicate r of every scenario has the same seed
            and replicate number (common random numbers, like ``kyosei compare``).
        seed: the seed (None: the first scenario's ``run.seed``).
        threads, workers, progress: as for :func:`kyosei.replicates`.
        overrides: parameters to change in every scenario first (e.g. a smaller population).

    Returns a :class:`Comparison`: ``table()`` gives medians and 10-90% bands per scenario and
    of the paired differences from the baseline; :mod:`kyosei.plot` draws it.

    Example::

        >>> cmp = kyosei.compare(["scenarios/silo.yaml", "scenarios/integrated.yaml"],
        ...                      replicates=5, overrides={"population.residents": 20000})
        >>> cmp.table(["overall.median_days", "share_bounced"])
    """
    if replicates < 1:
        raise UsageError(f"replicates must be at least 1, got {replicates}")
    if isinstance(scenarios, Mapping):
        # The key names the scenario, so that results and plots carry it.
        named = {str(k): Scenario.coerce(v).renamed(str(k)) for k, v in scenarios.items()}
    else:
        named = {}
        for item in scenarios:
            sc = Scenario.coerce(item)
            if sc.name in named:
                raise UsageError(f"two scenarios are named {sc.name!r}: pass a dict {{name: scenario}}")
            named[sc.name] = sc
    if not named:
        raise UsageError("compare needs at least one scenario")
    if overrides:
        named = {k: v.with_(overrides) for k, v in named.items()}
    s = _seed_of(next(iter(named.values())), seed)
    jobs = [(sc, s, r) for sc in named.values() for r in range(replicates)]
    results = _run_all(jobs, threads, workers, progress)
    ensembles = {}
    for i, (name, sc) in enumerate(named.items()):
        ensembles[name] = Ensemble(results[i * replicates:(i + 1) * replicates], sc)
    return Comparison(ensembles)
