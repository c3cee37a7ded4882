"""Uncertainty across replicates run with common random numbers: the statistics of
``kyosei compare --replicates N``, computed by the engine's own code (sim/analysis/uncertainty.cpp,
through ``kyosei._core``), so that every number equals the CLI's.

Replicate r of every scenario shares its seed and replicate number, so scenarios are compared
replicate by replicate:

- :func:`band`: median and 10-90% band of a number over replicates;
- :func:`paired_difference`: mean of (scenario - baseline) over replicates with a 95% percentile
  bootstrap interval;
- :func:`rmst_difference`: restricted mean detection times (area under the Kaplan-Meier curve up
  to ``tau``) of the episodes of all replicates pooled, and their difference with a 95% interval
  from a paired bootstrap over replicates (the same replicates drawn for both scenarios);
- :func:`log_rank`: the log-rank test stratified by replicate (each replicate is a population of
  its own; the two scenarios are compared within it and the strata summed).

The bootstrap draws its indices from a 64-bit Mersenne Twister (``std::mt19937_64``) seeded with
``seed`` (:data:`BOOTSTRAP_SEED` by default), and the interval is the 2.5% and 97.5% quantiles of
the resampled statistic (numpy's linear interpolation).
"""

from __future__ import annotations

from typing import Sequence, Tuple

import numpy as np

from . import _core

__all__ = ["BOOTSTRAP_SEED", "RESAMPLES", "bootstrap_picks", "band", "quantile", "paired_difference", "rmst_difference", "log_rank"]

BOOTSTRAP_SEED: int = _core.BOOTSTRAP_SEED  # kBootstrapSeed in include/kyosei/analysis/uncertainty.hpp
RESAMPLES: int = _core.RESAMPLES

Durations = Tuple[np.ndarray, np.ndarray]  # (time, observed) of one replicate


def _durations(groups: Sequence[Durations]) -> list[tuple[np.ndarray, np.ndarray]]:
    return [(np.asarray(t, dtype=float), np.asarray(o).astype(np.uint8)) for t, o in groups]


def bootstrap_picks(n: int, resamples: int = RESAMPLES, seed: int = BOOTSTRAP_SEED) -> np.ndarray:
    """The resampled indices, shape (resamples, n): those the engine draws for a sample of n."""
    picks = _core.bootstrap_picks(n, resamples, seed)
    picks.setflags(write=False)
    return picks


def quantile(values: Sequence[float], q: float) -> float:
    """q-quantile of the finite values (numpy's linear interpolation); NaN when none is finite."""
    return _core.quantile(np.asarray(values, dtype=float), q)


def band(values: Sequence[float]) -> dict[str, float]:
    """``{"p10", "median", "p90", "count"}`` of the finite values (count: how many there are)."""
    return _core.band_of(np.asarray(values, dtype=float))


def paired_difference(scenario: Sequence[float], baseline: Sequence[float], *, resamples: int = RESAMPLES,
                      seed: int = BOOTSTRAP_SEED) -> dict[str, float]:
    """Mean over replicates of scenario[r] - baseline[r] (pairs with a NaN left out) and its 95%
    percentile bootstrap interval (NaN with fewer than two pairs).

    Returns ``{"pairs", "mean", "lower", "upper"}``."""
    return _core.paired_difference(np.asarray(scenario, dtype=float), np.asarray(baseline, dtype=float),
                                   resamples=resamples, seed=seed)


def rmst_difference(scenario: Sequence[Durations], baseline: Sequence[Durations], *, tau: float = 365.0,
                    resamples: int = RESAMPLES, seed: int = BOOTSTRAP_SEED) -> dict[str, float]:
    """Restricted mean durations up to ``tau`` of the pooled replicates of each scenario, their
    difference (scenario - baseline) and its 95% interval from resampling replicates (the same
    ones for both: the pairs of common random numbers are kept).

    ``scenario`` and ``baseline`` hold one ``(time, observed)`` per replicate, in replicate order.
    Returns ``{"baseline", "scenario", "difference", "lower", "upper"}``."""
    return _core.rmst_difference(_durations(scenario), _durations(baseline), tau=tau, resamples=resamples,
                                 seed=seed)


def log_rank(scenario: Sequence[Durations], baseline: Sequence[Durations]) -> dict[str, float]:
    """Log-rank test of the scenario against the baseline, one stratum per replicate (replicate r
    of both), hypergeometric variance at tied times (statsmodels' ``survdiff`` with
    ``strata``). Returns ``{"chi2", "p_value", "observed", "expected"}`` (events of the
    scenario, and those expected under equal hazards within each stratum)."""
    return _core.log_rank(_durations(scenario), _durations(baseline))
