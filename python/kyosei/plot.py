"""Plotting helpers (matplotlib, imported on first use): the top layer of the package, on the
data (results, ensembles, study tables) and the statistics below it, none of which imports it.

Each function takes one result or several, as a :class:`~kyosei.Result`, an
:class:`~kyosei.Ensemble` (replicates: drawn as the median with a 10-90% band), a
:class:`~kyosei.Comparison`, or a dict ``{label: result or ensemble}``; draws on ``ax`` (or a new
figure) and returns the axes.

    incidence_curves   share of needs detected before a crisis by days since onset, crisis, death
                       and remission competing (Aalen-Johansen), with the share revealed by a crisis
    incidence_curve    one cumulative incidence with its 95% band
    detection_curves   time to acceptance (Kaplan-Meier; deprecated: a crisis counts as one)
    isolation          share of residents or households without an active outside tie, over time
    series             any daily series over time
    agency_queues      per-agency queue (or caseload, monitoring) over time
    detection_channels how the detected needs came to an agency's attention
    km_curve           one Kaplan-Meier curve with its confidence band
    morris, prcc       a sensitivity study's ranking (mu* against sigma; PRCC bars)
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np

from ._core import UsageError
from .ensemble import Comparison, Ensemble, _smooth
from .incidence import CumulativeIncidence, cumulative_incidence
from .result import CHANNEL_NAMES, Result, _group_mask
from .survival import KaplanMeier

__all__ = ["incidence_curves", "incidence_curve", "pooled_incidence", "detection_curves", "isolation", "series", "agency_queues", "detection_channels", "km_curve",
           "morris", "prcc"]


def _axes(ax):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(7, 4))
    return ax


def _named(results: Any) -> dict[str, Any]:
    """{label: Result or Ensemble} from any of the accepted forms."""
    if isinstance(results, (Result, Ensemble)):
        return {results.name: results}
    if isinstance(results, Comparison):
        return dict(results.ensembles)
    if isinstance(results, Mapping):
        return dict(results)
    return {r.name: r for r in results}


def incidence_curve(curve: CumulativeIncidence, ax=None, *, ci: bool = True, max_days: float | None = None,
                    label: str | None = None, **style):
    """One cumulative incidence as a step function from 0 at onset, its 95% band shaded."""
    ax = _axes(ax)
    end = max_days if max_days is not None else (curve.time[-1] if curve.time.size else 1.0)
    keep = curve.time <= end
    t = np.concatenate([[0.0], curve.time[keep], [end]])
    values = [np.concatenate([[0.0], a[keep], a[keep][-1:] if keep.any() else [0.0]])
              for a in (curve.incidence, curve.lower, curve.upper)]
    (line,) = ax.step(t, values[0], where="post", label=label, **style)
    if ci:
        ax.fill_between(t, values[1], values[2], step="post", alpha=0.2, color=line.get_color(), linewidth=0)
    ax.set_xlabel("days since onset (days)")
    ax.set_ylabel("needs (%)")
    ax.set_ylim(0, 1)
    return ax


def pooled_incidence(r: Any, group: Any = None, *, stage: str = "detection", cause: str = "reached"):
    """The cumulative incidence of a Result, or of an Ensemble with its replicates' needs pooled."""
    if isinstance(r, Result):
        return r.cumulative_incidence(group, stage=stage, cause=cause)
    times = [x.pathway_times(stage, group) for x in r]
    return cumulative_incidence(np.concatenate([t for t, _ in times]), np.concatenate([c for _, c in times]),
                                cause, stage=stage)


def incidence_curves(results: Any, group: Any = None, ax=None, *, ci: bool = True, max_days: float = 730,
                     crisis: bool = True, title: str | None = None):
    """Share of needs detected before a crisis by days since onset, one Aalen-Johansen curve per
    result (an ensemble's replicates pooled) with its 95% band; with ``crisis``, the share revealed
    by a crisis first as a dashed line. A crisis, death and remission compete with detection, so
    the curves never count a need twice and the gap to 100% is the needs still open or lost.
    ``group`` as :meth:`Result.km` (a field, a compound tag, a household type, a mask). The
    legend gives each share detected within 365 days."""
    from matplotlib.ticker import PercentFormatter

    ax = _axes(ax)
    for label, r in _named(results).items():
        detected = pooled_incidence(r, group)
        text = f"{label}: detected before a crisis ({detected.at(365):.0%} by 365 d)"
        incidence_curve(detected, ax=ax, ci=ci, max_days=max_days, label=text)
        if crisis:
            colour = ax.get_lines()[-1].get_color()
            revealed = pooled_incidence(r, group, cause="crisis")
            incidence_curve(revealed, ax=ax, ci=False, max_days=max_days, color=colour, linestyle="--",
                            linewidth=1, label=f"{label}: revealed by a crisis ({revealed.at(365):.0%})")
    ax.set_xlim(0, max_days)
    ax.set_ylim(0, 1)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylabel("needs (%)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    ax.set_title(title if title is not None else
                 "Detection before a crisis" + ("" if group is None else f": {group}"))
    return ax


def km_curve(km: KaplanMeier, ax=None, *, detected: bool = True, ci: bool = True,
             max_days: float | None = None, label: str | None = None, **style):
    """One Kaplan-Meier curve as a step function: the share detected, 1 - S(t), by default, or
    S(t) with ``detected=False``; its confidence band as a shaded area."""
    ax = _axes(ax)
    t = np.concatenate([[0.0], km.time])
    s = np.concatenate([[1.0], km.survival])
    lo = np.concatenate([[1.0], km.lower])
    hi = np.concatenate([[1.0], km.upper])
    if max_days is not None:
        keep = t <= max_days
        t, s, lo, hi = (np.append(a[keep], a[keep][-1]) for a in (t, s, lo, hi))
        t[-1] = max_days
    if detected:
        s, lo, hi = 1.0 - s, 1.0 - hi, 1.0 - lo
    (line,) = ax.step(t, s, where="post", label=label, **style)
    if ci:
        ax.fill_between(t, lo, hi, step="post", alpha=0.2, color=line.get_color(), linewidth=0)
    ax.set_xlabel("days since onset")
    ax.set_ylabel("share detected" if detected else "share still undetected")
    ax.set_ylim(0, 1)
    return ax


def detection_curves(results: Any, group: Any = None, ax=None, *, ci: bool = True,
                     max_days: float = 730, detected: bool = True, title: str | None = None):
    """Share of needs accepted by days since onset, one Kaplan-Meier curve per result.

    Deprecated as a detection curve: it counts a need revealed by a crisis as detected and treats
    a death as if the need could still be found; use :func:`incidence_curves`.

    ``group`` picks episodes ('gap', '8050', 'isolated', ... see :meth:`Result.km`), or is a dict
    ``{label: group}`` to draw different groups of the same result side by side. A single
    result gets its 95% confidence band; an ensemble its median curve and 10-90% band across
    replicates. The legend shows each median detection time.
    """
    ax = _axes(ax)
    groups = group if isinstance(group, Mapping) else None
    for label, r in _named(results).items():
        if groups is not None:
            group = groups.get(label)
        if isinstance(r, Ensemble):
            band = r.km_band(group, days=np.arange(0, int(max_days) + 1), detected=detected)
            medians = [x.km(group).median for x in r]
            text = f"{label} (median {np.nanmedian(medians):g} d)" if not np.all(np.isnan(medians)) else label
            (line,) = ax.step(band.index, band["median"], where="post", label=text)
            if ci:
                ax.fill_between(band.index, band["p10"], band["p90"], step="post", alpha=0.2,
                                color=line.get_color(), linewidth=0)
        else:
            km = r.km(group)
            km_curve(km, ax=ax, detected=detected, ci=ci, max_days=max_days,
                     label=f"{label} (median {km.median:g} d)")
    ax.set_xlabel("days since onset")
    ax.set_ylabel("share detected" if detected else "share still undetected")
    ax.set_xlim(0, max_days)
    ax.set_ylim(0, 1)
    ax.grid(alpha=0.3)
    ax.legend()
    ax.set_title(title if title is not None else
                 "Detection of needs" + ("" if group is None or groups is not None else f": {group}"))
    return ax


def series(results: Any, name: str, ax=None, *, window: int = 30, scale: float = 1.0,
           ylabel: str | None = None, title: str | None = None):
    """A daily series over time (years since the end of the burn-in), smoothed by a centred
    rolling mean of ``window`` days; ensembles as median and 10-90% band."""
    ax = _axes(ax)
    for label, r in _named(results).items():
        if isinstance(r, Ensemble):
            band = r.series_band(name, window=window)
            years = band.index.to_numpy() / 365.0
            (line,) = ax.plot(years, band["median"] * scale, label=label)
            ax.fill_between(years, band["p10"] * scale, band["p90"] * scale, alpha=0.2,
                            color=line.get_color(), linewidth=0)
        else:
            s = r.series[name]
            ax.plot(s.index.to_numpy() / 365.0, _smooth(s.to_numpy(dtype=float), window) * scale, label=label)
    ax.set_xlabel("years since the end of the burn-in")
    ax.set_ylabel(ylabel or name)
    ax.grid(alpha=0.3)
    ax.legend()
    if title:
        ax.set_title(title)
    return ax


def isolation(results: Any, ax=None, *, which: str = "residents", window: int = 30,
              title: str | None = None):
    """Share of residents (``which='residents'``) or households (``'households'``) with no
    active tie outside the household, in percent, over time."""
    if which not in ("residents", "households"):
        raise ValueError("which must be 'residents' or 'households'")
    return series(results, f"isolation_{which}", ax=ax, window=window, scale=100.0,
                  ylabel=f"isolated {which} (%)",
                  title=title if title is not None else f"Isolation of {which}")


def agency_queues(result: Any, ax=None, *, name: str = "queue", window: int = 30,
                  by: str = "agency", title: str | None = None):
    """A per-agency series ('queue', 'caseload' or 'monitoring') of one result over time, one
    line per agency (``by='agency'``) or summed over the agencies of each field (``by='field'``)."""
    ax = _axes(ax)
    frame = result.agency_series(name)
    if by == "field":
        fields = result.agencies["field_name"]
        frame = frame.T.groupby(fields.to_numpy()).sum().T
    elif by != "agency":
        raise ValueError("by must be 'agency' or 'field'")
    frame = frame.rolling(window, center=True, min_periods=1).mean()
    years = frame.index.to_numpy() / 365.0
    for column in frame.columns:
        ax.plot(years, frame[column].to_numpy(), label=str(column))
    ax.set_xlabel("years since the end of the burn-in")
    ax.set_ylabel(f"{name} (cases)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small", ncol=2)
    ax.set_title(title if title is not None else f"{result.name}: {name} by {by}")
    return ax


def detection_channels(results: Any, ax=None, *, group: Any = None, title: str | None = None):
    """How detected needs came to an agency: share of each channel (self-referral, tie,
    commissioner, institution, crisis, household assessment), a stacked bar per result
    (ensembles: replicates pooled)."""
    ax = _axes(ax)
    named = _named(results)
    shares = {}
    for label, r in named.items():
        members = list(r) if isinstance(r, Ensemble) else [r]
        counts = np.zeros(len(CHANNEL_NAMES))
        for m in members:
            e = m.episodes
            if group is not None:
                mask = _group_mask(m.arrays["episodes"], group)
                e = e[mask] if mask is not None else e
            counts += np.bincount(e["channel"][e["detected"]].to_numpy(), minlength=len(CHANNEL_NAMES))
        shares[label] = counts[1:] / max(counts[1:].sum(), 1)
    labels = list(shares)
    bottom = np.zeros(len(labels))
    for c, channel in enumerate(CHANNEL_NAMES[1:]):
        values = np.array([shares[l][c] for l in labels])
        ax.bar(labels, values, bottom=bottom, label=channel.replace("_", " "))
        bottom += values
    ax.set_ylabel("share of detected needs")
    ax.set_ylim(0, 1)
    ax.legend(fontsize="small", bbox_to_anchor=(1.02, 1), loc="upper left")
    ax.set_title(title if title is not None else
                 "Detection channels" + ("" if group is None else f": {group}"))
    return ax


def _rows(table, output: str, column: str):
    rows = table[table["output"] == output]
    if rows.empty:
        raise UsageError(f"no output '{output}' in the table (it has {', '.join(table['output'].unique())})")
    if column not in rows:
        raise UsageError(f"the table has no {column} column: is it from the other method?")
    return rows.sort_values("rank")


def morris(table, output: str, ax=None):
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


def prcc(table, output: str, ax=None):
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
