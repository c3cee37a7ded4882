"""Cumulative incidences of the stages of a need's pathway with competing events (docs/ODD.md
"Outcomes"): the honest detection curve.

A need revealed by a crisis (hospital, eviction, collapse) was not detected by the system, and a
need whose holder died or whose condition remitted can no longer be detected. So the share of
needs detected by day t is the Aalen-Johansen cumulative incidence of detection before a crisis,
with a crisis, death and remission as competing events; 1 - S(t) of the Kaplan-Meier acceptance
curve (:mod:`kyosei.survival`) counts crises as detections and treats deaths as if the need could
still be found later. The curve, its delta-method standard error and its pointwise 95% band are
the engine's (summary.hpp ``cumulative_incidence``, through ``kyosei._core``), the numbers of the
summary's ``detection_365`` and its band; the durations are the engine's too (``pathway_times``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _core

__all__ = ["CumulativeIncidence", "cumulative_incidence", "STAGE_NAMES", "CAUSE_NAMES"]

#: Stages of the pathway: first contact, detection (an agency takes responsibility), engagement
#: (service starts), resolution.
STAGE_NAMES: tuple[str, ...] = _core.STAGE_NAMES
#: Causes that end a duration, 1-based (0 is censoring): the stage reached, then the competing
#: events crisis, death and remission.
CAUSE_NAMES: tuple[str, ...] = _core.PATHWAY_CAUSE_NAMES


@dataclass(frozen=True)
class CumulativeIncidence:
    """F(t), the share of needs whose duration ended in ``cause`` within t days of onset.

    Attributes (arrays over the times at which any cause has an event, ascending):
        time       days since onset
        incidence  F(t) just after each time
        se         delta-method standard error of F(t)
        lower, upper   pointwise 95% band, F +- 1.96 se clipped to [0, 1]
        n          needs; ``events`` the needs that ended in ``cause``
        stage, cause   what is counted ('detection', 'reached': detection before a crisis)
    """

    time: np.ndarray
    incidence: np.ndarray
    se: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    n: int
    events: int
    stage: str = "detection"
    cause: str = "reached"

    def _step(self, values: np.ndarray, t: Any) -> np.ndarray | float:
        index = np.searchsorted(self.time, np.asarray(t, dtype=float), side="right") - 1
        out = np.where(index >= 0, values[np.clip(index, 0, None)] if len(values) else 0.0, 0.0)
        return float(out) if out.ndim == 0 else out

    def at(self, t: Any) -> np.ndarray | float:
        """F(t) of the right-continuous step function (0 before the first event)."""
        return self._step(self.incidence, t)

    def band_at(self, t: Any) -> tuple[Any, Any]:
        """(lower, upper) of the 95% band at t."""
        return self._step(self.lower, t), self._step(self.upper, t)

    @property
    def median(self) -> float:
        """First time F reaches one half (the summary's ``detection_median_days``), NaN if never."""
        hit = np.flatnonzero(self.incidence >= 0.5 - 1e-10)
        return float(self.time[hit[0]]) if len(hit) else float("nan")

    def to_frame(self):
        """The curve as a DataFrame indexed by days since onset: incidence, se, lower, upper."""
        import pandas as pd

        return pd.DataFrame({"incidence": self.incidence, "se": self.se, "lower": self.lower, "upper": self.upper},
                            index=pd.Index(self.time, name="days"))

    def __repr__(self) -> str:
        lower, upper = self.band_at(365)
        return (f"CumulativeIncidence({self.stage}: {self.cause}, n={self.n}, events={self.events}, "
                f"F(365)={self.at(365):.3f} [{lower:.3f}, {upper:.3f}])")


def cumulative_incidence(time: Any, cause: Any, which: str | int = "reached", *,
                         stage: str = "detection") -> CumulativeIncidence:
    """The Aalen-Johansen cumulative incidence of one cause from durations and their causes.

    ``time``: days from onset to the end of follow-up for the stage; ``cause``: 0 censored, else
    1 + the index in :data:`CAUSE_NAMES` (the output of :meth:`kyosei.Result.pathway_times`);
    ``which``: a cause name or its 1-based code.
    """
    code = CAUSE_NAMES.index(which) + 1 if isinstance(which, str) else int(which)
    if not 1 <= code <= len(CAUSE_NAMES):
        raise ValueError(f"which must be one of {CAUSE_NAMES} or 1..{len(CAUSE_NAMES)}, got {which!r}")
    t = np.asarray(time, dtype=float).ravel()
    c = np.asarray(cause, dtype=np.uint8).ravel()
    if t.shape != c.shape:
        raise ValueError(f"time has {t.size} values but cause has {c.size}")
    times, incidence, se, lower, upper = _core.cumulative_incidence(t, c, code)
    return CumulativeIncidence(time=times, incidence=incidence, se=se, lower=lower, upper=upper, n=int(t.size),
                               events=int((c == code).sum()), stage=stage, cause=CAUSE_NAMES[code - 1])
