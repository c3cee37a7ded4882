"""Uncertainty across replicates run with common random numbers: the statistics of
``kyosei compare --replicates N`` (sim/analysis/uncertainty.cpp), on numpy arrays.

Replicate r of every scenario shares its seed and replicate number, so scenarios are compared
replicate by replicate:

- :func:`paired_difference`: mean of (scenario - baseline) over replicates with a 95% percentile
  bootstrap interval;
- :func:`rmst_difference`: restricted mean detection times (area under the Kaplan-Meier curve up
  to ``tau``) of the episodes of all replicates pooled, and their difference with a 95% interval
  from a paired bootstrap over replicates (the same replicates drawn for both scenarios);
- :func:`log_rank`: the log-rank test stratified by replicate (each replicate is a population of
  its own; the two scenarios are compared within it and the strata summed).

The bootstrap draws the same indices as the engine: a 64-bit Mersenne Twister (``std::mt19937_64``)
seeded with ``seed`` (:data:`BOOTSTRAP_SEED` by default), each output taken modulo the sample
size, and the interval is the 2.5% and 97.5% quantiles of the resampled statistic (numpy's
linear interpolation). So the intervals equal the CLI's up to rounding.
"""

from __future__ import annotations

from functools import lru_cache
from math import erfc, sqrt
from typing import Sequence, Tuple

import numpy as np

__all__ = ["BOOTSTRAP_SEED", "RESAMPLES", "paired_difference", "rmst_difference", "log_rank", "bootstrap_picks"]

BOOTSTRAP_SEED = 20240611  # kBootstrapSeed in include/kyosei/analysis/uncertainty.hpp
RESAMPLES = 2000

Durations = Tuple[np.ndarray, np.ndarray]  # (time, observed) of one replicate

_MASK = (1 << 64) - 1


def _mt19937_64(seed: int, count: int) -> np.ndarray:
    """The first ``count`` outputs of std::mt19937_64 seeded with ``seed`` (C++11's definition)."""
    n, m = 312, 156
    upper, lower = 0xFFFFFFFF80000000, 0x7FFFFFFF
    state = [seed & _MASK]
    for i in range(1, n):
        state.append((6364136223846793005 * (state[-1] ^ (state[-1] >> 62)) + i) & _MASK)
    out = np.empty(count, dtype=np.uint64)
    index = n
    for k in range(count):
        if index >= n:
            for i in range(n):
                x = (state[i] & upper) | (state[(i + 1) % n] & lower)
                state[i] = state[(i + m) % n] ^ (x >> 1) ^ (0xB5026F5AA96619E9 if x & 1 else 0)
            index = 0
        y = state[index]
        index += 1
        y ^= (y >> 29) & 0x5555555555555555
        y ^= (y << 17) & 0x71D67FFFEDA60000
        y ^= (y << 37) & 0xFFF7EEE000000000
        y ^= y >> 43
        out[k] = y & _MASK
    return out


@lru_cache(maxsize=32)
def bootstrap_picks(n: int, resamples: int = RESAMPLES, seed: int = BOOTSTRAP_SEED) -> np.ndarray:
    """The resampled indices, shape (resamples, n): those the engine draws for a sample of n."""
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, got {resamples}")
    picks = _mt19937_64(seed, resamples * n) % np.uint64(n)
    picks = picks.astype(np.int64).reshape(resamples, n)
    picks.setflags(write=False)
    return picks


def _interval(draws: np.ndarray) -> tuple[float, float]:
    lower, upper = np.quantile(draws, [0.025, 0.975])
    return float(lower), float(upper)


def paired_difference(scenario: Sequence[float], baseline: Sequence[float], *, resamples: int = RESAMPLES,
                      seed: int = BOOTSTRAP_SEED) -> dict[str, float]:
    """Mean over replicates of scenario[r] - baseline[r] (pairs with a NaN left out) and its 95%
    percentile bootstrap interval (NaN with fewer than two pairs).

    Returns ``{"pairs", "mean", "lower", "upper"}``."""
    s, b = np.asarray(scenario, dtype=float), np.asarray(baseline, dtype=float)
    if s.shape != b.shape:
        raise ValueError(f"{s.size} scenario values but {b.size} baseline values")
    d = (s - b)[np.isfinite(s) & np.isfinite(b)]
    out = {"pairs": int(d.size), "mean": float(d.mean()) if d.size else float("nan"),
           "lower": float("nan"), "upper": float("nan")}
    if d.size >= 2:
        out["lower"], out["upper"] = _interval(d[bootstrap_picks(d.size, resamples, seed)].mean(axis=1))
    return out


def _counts_on(grid: np.ndarray, time: np.ndarray, observed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Durations ending, and events, at each grid time (durations off the grid are not counted)."""
    index = np.searchsorted(grid, time)
    on = (index < grid.size) & (grid[np.minimum(index, grid.size - 1)] == time) if grid.size else np.zeros(time.size, bool)
    ending = np.bincount(index[on], minlength=grid.size)
    events = np.bincount(index[on], weights=observed[on].astype(float), minlength=grid.size)
    return ending.astype(float), events


def _restricted_means(grid: np.ndarray, size: np.ndarray, ending: np.ndarray, events: np.ndarray,
                      tau: float) -> np.ndarray:
    """Restricted means up to tau of Kaplan-Meier curves given by counts on a grid of times below
    tau (one curve per row): the product-limit rule of :func:`kyosei.kaplan_meier`, vectorised
    over the bootstrap resamples."""
    at_risk = size[:, None] - np.cumsum(ending, axis=1) + ending
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(events > 0, 1.0 - events / at_risk, 1.0)
    survival = np.cumprod(factor, axis=1)
    # S is 1 on [0, t_0) and survival[:, k] on [t_k, t_{k+1}), the last piece ending at tau.
    widths = np.diff(np.concatenate([[0.0], grid, [tau]]))
    steps = np.concatenate([np.ones((survival.shape[0], 1)), survival], axis=1)
    return (steps * widths).sum(axis=1)


def rmst_difference(scenario: Sequence[Durations], baseline: Sequence[Durations], *, tau: float = 365.0,
                    resamples: int = RESAMPLES, seed: int = BOOTSTRAP_SEED) -> dict[str, float]:
    """Restricted mean durations up to ``tau`` of the pooled replicates of each scenario, their
    difference (scenario - baseline) and its 95% interval from resampling replicates (the same
    ones for both: the pairs of common random numbers are kept).

    ``scenario`` and ``baseline`` hold one ``(time, observed)`` per replicate, in replicate order.
    Returns ``{"baseline", "scenario", "difference", "lower", "upper"}``."""
    if len(scenario) != len(baseline) or not scenario:
        raise ValueError(f"paired replicates: {len(scenario)} for the scenario, {len(baseline)} for the baseline")
    arrays = [[(np.asarray(t, dtype=float), np.asarray(o).astype(bool)) for t, o in group]
              for group in (scenario, baseline)]
    grid = np.unique(np.concatenate([t[t < tau] for group in arrays for t, _ in group]))
    counted = []  # per scenario: sizes, and counts on the grid, one row per replicate
    for group in arrays:
        size = np.array([t.size for t, _ in group], dtype=float)
        ending, events = map(np.array, zip(*(_counts_on(grid, t, o) for t, o in group)))
        counted.append((size, ending, events))

    def pooled(picks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return tuple(_restricted_means(grid, size[picks].sum(axis=1), ending[picks].sum(axis=1),
                                       events[picks].sum(axis=1), tau)
                     for size, ending, events in counted)

    everyone = np.arange(len(scenario))[None, :]
    s, b = (float(v[0]) for v in pooled(everyone))
    out = {"baseline": b, "scenario": s, "difference": s - b, "lower": float("nan"), "upper": float("nan")}
    if len(scenario) >= 2:
        rs, rb = pooled(bootstrap_picks(len(scenario), resamples, seed))
        out["lower"], out["upper"] = _interval(rs - rb)
    return out


def log_rank(scenario: Sequence[Durations], baseline: Sequence[Durations]) -> dict[str, float]:
    """Log-rank test of the scenario against the baseline, one stratum per replicate (replicate r
    of both), hypergeometric variance at tied times (statsmodels' ``survdiff`` with
    ``strata``). Returns ``{"chi2", "p_value", "observed", "expected"}`` (events of the
    scenario, and those expected under equal hazards within each stratum)."""
    if len(scenario) != len(baseline):
        raise ValueError(f"paired replicates: {len(scenario)} for the scenario, {len(baseline)} for the baseline")
    observed = expected = variance = 0.0
    for (ts, os_), (tb, ob) in zip(scenario, baseline):
        ts, tb = np.asarray(ts, dtype=float), np.asarray(tb, dtype=float)
        os_, ob = np.asarray(os_).astype(bool), np.asarray(ob).astype(bool)
        grid = np.unique(np.concatenate([ts, tb]))
        end_s, ev_s = _counts_on(grid, ts, os_)
        end_b, ev_b = _counts_on(grid, tb, ob)
        n_s = ts.size - np.cumsum(end_s) + end_s
        n_b = tb.size - np.cumsum(end_b) + end_b
        n, d = n_s + n_b, ev_s + ev_b
        with np.errstate(divide="ignore", invalid="ignore"):
            observed += ev_s.sum()
            expected += np.sum(np.where(d > 0, d * n_s / n, 0.0))
            variance += np.sum(np.where((d > 0) & (n > 1), d * (n_s / n) * (n_b / n) * (n - d) / (n - 1), 0.0))
    chi2 = (observed - expected) ** 2 / variance if variance > 0 else float("nan")
    return {"chi2": float(chi2), "p_value": float(erfc(sqrt(chi2 / 2.0))), "observed": float(observed),
            "expected": float(expected)}
