"""Kaplan-Meier estimates of detection time with Greenwood confidence intervals.

The curve is the engine's (summary.hpp ``kaplan_meier``, through ``kyosei._core``), the same code
that makes the CLI's summaries and ``uncertainty_km.csv``; this module adds the Greenwood standard
errors, bands of any level and scale, quantile intervals and the restricted mean's error on top.

Detection times are right-censored: a need that no agency has taken on by the end of follow-up
(the horizon, or the day the episode closed undetected) says only that detection takes longer.
So kyosei reports Kaplan-Meier medians and restricted means, not raw means (docs/ODD.md §1).

The estimator follows statsmodels' ``SurvfuncRight`` (``statsmodels.duration.survfunc``), which the
tests check it against: the same Greenwood standard errors (``surv_prob_se``) and the same
confidence interval for a quantile (``quantile_ci``, inverting a test on the complementary
log-log scale). Pointwise bands use the same transform. The median is the first time at which the
curve is at or below one half, the engine's convention (statsmodels uses a strict inequality;
the two differ only when the curve lands exactly on 0.5).
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np

from . import _core

__all__ = ["KaplanMeier", "kaplan_meier"]

_TRANSFORMS = ("log-log", "log", "linear")


@dataclass(frozen=True)
class KaplanMeier:
    """A Kaplan-Meier curve: S(t) is the share of needs still undetected t days after onset.

    Attributes (arrays over the distinct event times, ascending):
        time      event times (days)
        survival  S(t) just after each time
        at_risk   episodes still at risk just before each time
        events    detections at each time
        se        Greenwood standard error of S(t) (NaN once S reaches 0)
        lower, upper   pointwise confidence band of S(t) (``transform`` scale, level 1-alpha)
        n         number of episodes; ``n_events`` the number detected
        alpha, transform   the settings used
    """

    time: np.ndarray
    survival: np.ndarray
    at_risk: np.ndarray
    events: np.ndarray
    se: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    n: int
    n_events: int
    alpha: float = 0.05
    transform: str = "log-log"

    # ---- point estimates ------------------------------------------------------------------
    def survival_at(self, t: Any) -> np.ndarray | float:
        """S(t) of the right-continuous step function (1 before the first event)."""
        t_arr = np.asarray(t, dtype=float)
        index = np.searchsorted(self.time, t_arr, side="right") - 1
        values = np.where(index >= 0, self.survival[np.clip(index, 0, None)] if len(self.time) else 1.0, 1.0)
        return float(values) if values.ndim == 0 else values

    def detected_by(self, t: Any) -> np.ndarray | float:
        """Share detected within t days of onset, 1 - S(t)."""
        return 1.0 - self.survival_at(t)

    def quantile(self, p: float) -> float:
        """Time by which a share p is detected: the first time with S(t) <= 1 - p, NaN if the
        curve never gets there within follow-up."""
        if not 0.0 < p < 1.0:
            raise ValueError(f"p must be in (0, 1), got {p}")
        hit = np.flatnonzero(self.survival <= 1.0 - p + 1e-10)
        return float(self.time[hit[0]]) if len(hit) else float("nan")

    @property
    def median(self) -> float:
        """Median detection time (days), NaN if fewer than half are detected in follow-up."""
        return self.quantile(0.5)

    def quantile_ci(self, p: float = 0.5) -> tuple[float, float]:
        """Confidence interval (level 1-alpha) for the p-quantile, by inverting the z-test of
        S(t) = 1-p on the complementary log-log scale (statsmodels' ``quantile_ci``, SAS's
        LIFETEST). The limits are event times; the upper one is inf when the data cannot bound it."""
        z = NormalDist().inv_cdf(1.0 - self.alpha / 2.0)
        with np.errstate(divide="ignore", invalid="ignore"):
            g = np.log(-np.log(self.survival))
            g0 = np.log(-np.log(1.0 - p))
            gprime = -1.0 / (self.survival * np.log(self.survival))
            r = (g - g0) / (gprime * self.se)
        inside = np.flatnonzero(np.abs(r) <= z)
        if len(inside) == 0:
            return float("nan"), float("nan")
        lower = float(self.time[inside[0]])
        upper = float("inf") if inside[-1] == len(self.time) - 1 else float(self.time[inside[-1] + 1])
        return lower, upper

    @property
    def median_ci(self) -> tuple[float, float]:
        """Confidence interval of the median (see :meth:`quantile_ci`)."""
        return self.quantile_ci(0.5)

    def rmst(self, tau: float = 365.0) -> float:
        """Restricted mean detection time: the area under S(t) from 0 to tau days (the mean
        time to detection when every wait is capped at tau). The engine's summary uses 365."""
        area, start, s = 0.0, 0.0, 1.0
        for t, value in zip(self.time, self.survival):
            if t >= tau:
                break
            area += s * (t - start)
            start, s = t, value
        return float(area + s * max(0.0, tau - start))

    def rmst_se(self, tau: float = 365.0) -> float:
        """Standard error of :meth:`rmst` (the Greenwood-type estimator: the sum over event times
        t_i < tau of A_i^2 d_i / (n_i (n_i - d_i)), with A_i the area under S from t_i to tau)."""
        keep = self.time < tau
        t, s = self.time[keep], self.survival[keep]
        n, d = self.at_risk[keep].astype(float), self.events[keep].astype(float)
        if len(t) == 0:
            return 0.0
        # Area from each event time to tau: S is constant at s[i] on [t[i], t[i+1]).
        widths = np.diff(np.append(t, tau))
        pieces = s * widths
        after = np.cumsum(pieces[::-1])[::-1]
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(n > d, after**2 * d / (n * (n - d)), 0.0)
        return float(np.sqrt(terms.sum()))

    # ---- output ---------------------------------------------------------------------------
    def to_frame(self):
        """The curve as a DataFrame indexed by time: survival, se, lower, upper, at_risk, events."""
        import pandas as pd

        return pd.DataFrame({"survival": self.survival, "se": self.se, "lower": self.lower,
                             "upper": self.upper, "at_risk": self.at_risk, "events": self.events},
                            index=pd.Index(self.time, name="days"))

    def summary(self, tau: float = 365.0) -> dict[str, float]:
        """n, detected, median with its CI, restricted mean with its SE, shares detected by 30,
        90 and 365 days (the numbers of the engine's DetectionEstimate, and their uncertainty)."""
        lo, hi = self.median_ci
        return {"episodes": self.n, "detected": self.n_events, "median_days": self.median,
                "median_lower": lo, "median_upper": hi, "rmst_days": self.rmst(tau),
                "rmst_se": self.rmst_se(tau), "within_30": float(self.detected_by(30)),
                "within_90": float(self.detected_by(90)), "within_365": float(self.detected_by(365))}

    def __repr__(self) -> str:
        lo, hi = self.median_ci
        return (f"KaplanMeier(n={self.n}, detected={self.n_events}, median={self.median:g} "
                f"[{lo:g}, {hi:g}], rmst365={self.rmst():.1f})")


def kaplan_meier(time: Any, observed: Any, *, alpha: float = 0.05,
                 transform: str = "log-log") -> KaplanMeier:
    """Kaplan-Meier estimate of right-censored durations.

    Parameters:
        time: durations (days), one per episode.
        observed: True where the event (detection) happened at ``time``, False where the episode
            was censored then. Events count before censorings at the same time.
        alpha: 1 - the confidence level of the bands and quantile intervals (0.05: 95%).
        transform: scale of the pointwise band, "log-log" (default; complementary log-log, always
            within [0, 1]), "log", or "linear" (plain Greenwood: S +- z se, clipped to [0, 1]).

    Returns a :class:`KaplanMeier`.
    """
    if transform not in _TRANSFORMS:
        raise ValueError(f"transform must be one of {_TRANSFORMS}, got {transform!r}")
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be in (0, 1), got {alpha}")
    t = np.asarray(time, dtype=float).ravel()
    o = np.asarray(observed).astype(bool).ravel()
    if t.shape != o.shape:
        raise ValueError(f"time has {t.size} values but observed has {o.size}")
    if np.isnan(t).any():
        raise ValueError("time contains NaN")

    times, survival, n, d = _core.kaplan_meier(t, o.astype(np.uint8))
    # Greenwood: Var S = S^2 sum d / (n (n - d)); undefined once n == d (S reaches 0).
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(n > d, d / (n.astype(float) * (n - d)), np.nan)
    cum = np.cumsum(terms)
    se = np.sqrt(cum) * survival
    z = NormalDist().inv_cdf(1.0 - alpha / 2.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        if transform == "linear":
            lower, upper = survival - z * se, survival + z * se
        elif transform == "log":
            half = z * np.sqrt(cum)
            lower, upper = survival * np.exp(-half), survival * np.exp(half)
        else:
            # theta = log(-log S), se(theta) = sqrt(cum) / |log S|; S^exp(+-z se(theta)).
            half = z * np.sqrt(cum) / np.abs(np.log(survival))
            lower, upper = survival ** np.exp(half), survival ** np.exp(-half)
    undefined = ~np.isfinite(lower) | ~np.isfinite(upper) | (survival <= 0) | (survival >= 1)
    lower = np.where(undefined, survival, lower)
    upper = np.where(undefined, survival, upper)
    lower, upper = np.clip(lower, 0.0, 1.0), np.clip(upper, 0.0, 1.0)
    return KaplanMeier(time=times, survival=survival, at_risk=n, events=d, se=se, lower=lower,
                       upper=upper, n=int(t.size), n_events=int(o.sum()), alpha=alpha,
                       transform=transform)
