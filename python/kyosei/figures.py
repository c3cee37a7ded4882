"""The figures of ``kyosei report``, for notebooks too: each function takes one result or several
and returns a :class:`Figure`, a matplotlib figure with its title and a one-sentence caption that
Jupyter shows as an image with the caption below it (``figure.figure`` is the matplotlib object).

Accepted inputs: a :class:`~kyosei.Result` (one run), an :class:`~kyosei.Ensemble`
(replicates), a :class:`~kyosei.Comparison`, or a dict ``{name: Result or Ensemble}``; the first
scenario is the baseline of differences.

    detection(cmp)            share of needs detected before a crisis by days since onset (Aalen-Johansen
                              cumulative incidence: crisis, death and remission compete), and revealed by a crisis
    detection_by(cmp, by)     the same per field ('field') or compound type ('compound')
    household_detection(cmp)  who is missed: detection before a crisis, and crisis first, within 365 days
                              per household type at onset, with 95% bands
    isolation(cmp)            isolated residents and households over time
    missed(cmp)               needs never detected, revealed by a crisis or detected late, by field,
                              compound type, household type and age
    solitary_deaths(cmp)      solitary deaths (孤立死) per 100,000 a year and their discovery delay
    costs(cmp)                cost a year with the national subsidy; cost per detection-day saved
    agencies(cmp)             caseload, queue and wait per agency
    ensemble_metrics(frame)   a sweep's or region's summary numbers per variant or municipality
    sensitivity(table)        a sensitivity study's ranking per output

Tables with the numbers behind the figures: :func:`missed_table`, :func:`household_table`,
:func:`cost_effectiveness`, :func:`agency_table`. Labels are in English, with the Japanese term (in figures when a Japanese
font such as IPAGothic, Debian's fonts-ipafont-gothic, is installed; always in captions).
"""

from __future__ import annotations

import base64
import html
import io
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Mapping

import numpy as np

__all__ = ["Figure", "comparison_of", "detection", "detection_by", "household_detection", "household_table",
           "isolation", "missed", "missed_table",
           "solitary_deaths", "costs", "cost_effectiveness", "agencies", "agency_table", "ensemble_metrics",
           "sensitivity", "TERMS", "AGE_GROUPS", "LATE_DAYS"]

#: Japanese terms of the report's English labels (docs/ODD.md uses the same).
TERMS = {
    "detection": "発見", "elderly": "高齢", "disability": "障害", "child": "子ども", "poverty": "生活困窮",
    "gap": "制度の狭間", "8050": "8050問題", "double_care": "ダブルケア", "isolated": "社会的孤立",
    "multi_need": "複合課題", "isolation": "社会的孤立", "solitary_death": "孤立死",
    "national_subsidy": "国庫補助", "agency": "相談支援機関", "support_plan": "支援プラン",
    "outreach": "アウトリーチ", "commissioner": "民生委員", "crisis": "危機",
    "single": "単独世帯", "couple": "夫婦のみの世帯", "couple_children": "夫婦と子の世帯", "single_parent": "ひとり親世帯",
    "parent_adult_child": "親と成人した子の世帯", "three_generation": "三世代世帯", "other": "その他の世帯",
    "single_65plus": "高齢単身世帯",
}
#: Household types (and 'single_65plus') in words.
HOUSEHOLD_LABELS = {
    "single": "living alone", "couple": "couple only", "couple_children": "couple with children",
    "single_parent": "single parent", "parent_adult_child": "parent with adult child",
    "three_generation": "three generations", "other": "other household", "single_65plus": "living alone, 65+",
}
#: Age groups of the "who is still missed" figure: (label, lowest age, highest age).
AGE_GROUPS = (("0-17", 0, 17), ("18-39", 18, 39), ("40-64", 40, 64), ("65-74", 65, 74), ("75+", 75, 200))
#: A need detected more than this many days after its onset counts as detected late.
LATE_DAYS = 90
#: Detection curves are drawn to this many days after onset (or the horizon, if shorter).
CURVE_DAYS = 730
#: The "who is missed" comparison reads the cumulative incidences at this many days after onset.
WITHIN_DAYS = 365
_FIGURE_WIDTH = 10.0  # inches; 100 dpi in the report


@lru_cache(maxsize=1)
def _japanese_font() -> str | None:
    """The name of an installed font with Japanese glyphs, or None."""
    from matplotlib import font_manager

    for name in ("IPAGothic", "IPAPGothic", "Noto Sans CJK JP", "TakaoGothic", "VL Gothic"):
        try:
            font_manager.findfont(name, fallback_to_default=False)
            return name
        except ValueError:
            continue
    return None


def term(english: str, key: str | None = None) -> str:
    """'english (日本語)' when the figures can show Japanese, else 'english'."""
    ja = TERMS.get(key if key is not None else english)
    return f"{english} ({ja})" if ja and _japanese_font() else english


def caption_term(english: str, key: str | None = None) -> str:
    """'english (日本語)' for captions (HTML always has the glyphs)."""
    ja = TERMS.get(key if key is not None else english)
    return f"{english} ({ja})" if ja else english


def _rc():
    import matplotlib

    family = ["DejaVu Sans"] + ([_japanese_font()] if _japanese_font() else [])
    return matplotlib.rc_context({"font.family": family, "axes.titlesize": 11, "axes.labelsize": 9,
                                  "xtick.labelsize": 8, "ytick.labelsize": 8, "legend.fontsize": 8})


@dataclass
class Figure:
    """A report figure: ``figure`` (matplotlib), ``title`` and a one-sentence ``caption``."""

    figure: Any
    title: str
    caption: str

    def png(self, dpi: int = 100) -> bytes:
        buffer = io.BytesIO()
        with _rc():
            self.figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
        return buffer.getvalue()

    def to_html(self) -> str:
        """A <figure> with the PNG embedded (base64) and the caption: no file, no network."""
        data = base64.b64encode(self.png()).decode("ascii")
        return (f'<figure><img src="data:image/png;base64,{data}" alt="{html.escape(self.title)}">'
                f"<figcaption>{html.escape(self.caption)}</figcaption></figure>")

    def _ipython_display_(self) -> None:
        """In Jupyter: the image, then the caption (two outputs, so that a stored notebook holds
        the PNG once)."""
        from IPython.display import Image, Markdown, display

        display(Image(self.png()))
        display(Markdown(f"*{self.caption}*"))

    def _repr_png_(self) -> bytes:
        return self.png()


def _new_figure(rows: int = 1, columns: int = 1, height: float = 4.0, **kwargs):
    """A figure outside pyplot (so that notebooks show it once, through :class:`Figure`)."""
    from matplotlib.figure import Figure as MplFigure

    with _rc():
        fig = MplFigure(figsize=(_FIGURE_WIDTH, height), layout="constrained")
        axes = fig.subplots(rows, columns, squeeze=False, **kwargs)
    return fig, axes


def _finish(fig, title: str, caption: str) -> Figure:
    with _rc():
        fig.suptitle(title, fontsize=12, fontweight="bold")
    return Figure(fig, title, caption)


def comparison_of(results: Any):
    """A :class:`~kyosei.Comparison` from any accepted input (a Result is one replicate)."""
    from .ensemble import Comparison, Ensemble
    from .result import Result

    if isinstance(results, Comparison):
        return results
    if isinstance(results, Result):
        return Comparison({results.name: Ensemble([results])})
    if isinstance(results, Ensemble):
        return Comparison({results.name: results})
    if isinstance(results, Mapping):
        return Comparison({k: v if isinstance(v, Ensemble) else Ensemble([v]) for k, v in results.items()})
    raise TypeError(f"expected a Result, Ensemble, Comparison or dict, got {type(results).__name__}")


def _replicates(cmp) -> int:
    return len(next(iter(cmp.ensembles.values())))


def _percent_axis(axis) -> None:
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(1.0, decimals=None))


def _colours(cmp) -> dict[str, Any]:
    import matplotlib

    cycle = matplotlib.rcParams["axes.prop_cycle"].by_key()["color"]
    return {name: cycle[i % len(cycle)] for i, name in enumerate(cmp.names)}


def _legend_below(fig, ax, columns: int = 4) -> None:
    """The legend of ``ax`` under the whole figure (savefig's tight box keeps it)."""
    handles, labels = ax.get_legend_handles_labels()
    fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(columns, len(labels)))


def _horizon_days(cmp) -> int:
    return min(r.days for e in cmp.ensembles.values() for r in e)


# ---- detection ----------------------------------------------------------------------------
def _detection_axes(ax, cmp, group, colours, max_days: float, legend: bool = True, crisis: bool = False) -> int:
    """Draws one cumulative incidence of detection before a crisis per scenario (replicates
    pooled) with its band, and with ``crisis`` the share revealed by a crisis dashed; returns the
    number of needs drawn."""
    from . import plot

    needs = 0
    for name in cmp.names:
        detected = plot.pooled_incidence(cmp[name], group)
        needs += detected.n
        if detected.n == 0:
            continue
        plot.incidence_curve(detected, ax=ax, max_days=max_days, color=colours[name], linewidth=1.5,
                             label=f"{name}: detected ({detected.at(WITHIN_DAYS):.0%} by {WITHIN_DAYS} d)")
        if crisis:
            revealed = plot.pooled_incidence(cmp[name], group, cause="crisis")
            plot.incidence_curve(revealed, ax=ax, ci=False, max_days=max_days, color=colours[name], linewidth=1,
                                 linestyle="--", label=f"{name}: revealed by a crisis ({revealed.at(WITHIN_DAYS):.0%})")
    if needs == 0:
        ax.text(0.5, 0.5, "no needs in this group", ha="center", va="center", transform=ax.transAxes)
    ax.set_xlim(0, max_days)
    ax.set_ylim(0, 1)
    _percent_axis(ax.yaxis)
    ax.set_xlabel("days since onset (days)")
    ax.set_ylabel("needs detected before a crisis (%)")
    ax.grid(alpha=0.3)
    if legend and needs:
        ax.legend(loc="upper left")
    return needs


def _band_sentence(cmp) -> str:
    n = _replicates(cmp)
    pooled = f"the needs of all {n} replicates pooled" if n > 1 else "one run"
    return (f"shaded bands are 95% pointwise confidence intervals of the Aalen-Johansen estimate (delta-method "
            f"variance, needs treated as independent; {pooled})")


_COMPETING = ("a crisis (危機: hospital, eviction, collapse), death and remission are competing events, so a need "
              "revealed by a crisis never counts as detected")


def detection(results: Any, group: Any = None) -> Figure:
    """Share of needs detected (発見) before a crisis by days since onset, one Aalen-Johansen
    cumulative incidence per scenario with its 95% band, and the share revealed by a crisis first
    (dashed); ``group`` as :meth:`Result.km` ('gap', '8050', 'single_parent', ...)."""
    cmp = comparison_of(results)
    max_days = min(CURVE_DAYS, _horizon_days(cmp))
    fig, axes = _new_figure(height=4.2)
    with _rc():
        _detection_axes(axes[0, 0], cmp, group, _colours(cmp), max_days, crisis=True)
    which = "all needs" if group is None else f"needs of group '{group}'"
    title = f"{term('Detection', 'detection')} before a crisis: {which}"
    caption = (f"Cumulative incidence of detection before a crisis (solid: the share of {which} an agency took "
               f"responsibility for before any crisis) and of a crisis first (dashed), by days since onset, per "
               f"scenario; {_COMPETING}; {_band_sentence(cmp)}.")
    return _finish(fig, title, caption)


def detection_by(results: Any, by: str = "field") -> Figure:
    """Detection before a crisis (cumulative incidences) per field ('field': elderly, disability, child, poverty, gap)
    or per compound type ('compound': 8050, double care, isolated, multi-need, none), one small
    panel each, every scenario in each panel."""
    from matplotlib.lines import Line2D

    from .result import COMPOUND_TAG_NAMES, FIELD_NAMES

    if by == "field":
        groups = list(FIELD_NAMES)
    elif by == "compound":
        groups = list(COMPOUND_TAG_NAMES) + ["no_compound"]
    else:
        raise ValueError("by must be 'field' or 'compound'")
    cmp = comparison_of(results)
    max_days = min(CURVE_DAYS, _horizon_days(cmp))
    colours = _colours(cmp)
    fig, axes = _new_figure(2, 3, height=6.5, sharex=True, sharey=True)
    with _rc():
        for ax, group in zip(axes.flat, groups):
            needs = _detection_axes(ax, cmp, group, colours, max_days, legend=False)
            label = "no compound type" if group == "no_compound" else term(group.replace("_", " "), group)
            ax.set_title(f"{label}: {needs:,} needs")
            ax.label_outer()
        for ax in axes.flat[len(groups):]:
            ax.set_axis_off()
        for ax in axes[0, len(groups) - axes.shape[1]:]:  # above an empty cell: the bottom edge of its column
            ax.tick_params(labelbottom=True)
            ax.set_xlabel("days since onset (days)")
        handles = [Line2D([], [], color=colours[n], label=n) for n in cmp.names]
        axes.flat[-1].legend(handles=handles, loc="center", title="scenario")
    if by == "field":
        title = f"{term('Detection', 'detection')} before a crisis by field of need"
        what = "each field of need (elderly 高齢, disability 障害, child 子ども, poverty 生活困窮, gap 制度の狭間: no programme owns it)"
    else:
        title = f"{term('Detection', 'detection')} before a crisis by compound household type"
        what = ("each compound household type (8050 8050問題, double care ダブルケア, isolated 社会的孤立, "
                "multi-need 複合課題; a need counts in every type its household has)")
    caption = (f"Cumulative incidence of detection before a crisis by days since onset for {what}, per scenario; "
               f"{_COMPETING}; {_band_sentence(cmp)}.")
    return _finish(fig, title, caption)


# ---- who is missed, by household type ------------------------------------------------------
def household_label(name: str) -> str:
    """A household type in words, with its Japanese term when the figures can show it: 'single
    parent (ひとり親世帯)'."""
    return term(HOUSEHOLD_LABELS.get(name, name.replace("_", " ")), name)


def household_table(results: Any, days: int = WITHIN_DAYS):
    """Per household type at onset (and 'single_65plus') and scenario, the needs and the
    cumulative incidences at ``days`` of detection before a crisis ('reached'), of a crisis first,
    of death and of remission, each with its 95% band, replicates pooled: a DataFrame indexed by
    (group, scenario) (:meth:`kyosei.Comparison.incidence_by`)."""
    return comparison_of(results).incidence_by("household_type", days=days)


def household_detection(results: Any, days: int = WITHIN_DAYS) -> Figure:
    """Who is missed: per household type at onset, the share of needs detected before a crisis
    within ``days`` and the share revealed by a crisis first, per scenario, with 95% intervals."""
    cmp = comparison_of(results)
    table = household_table(cmp, days)
    colours = _colours(cmp)
    groups = list(dict.fromkeys(table.index.get_level_values("group")))
    fig, axes = _new_figure(1, 2, height=max(3.8, 0.45 * len(groups) + 1.4), sharey=True)
    y = np.arange(len(groups))
    step = 0.7 / max(1, len(cmp.names))
    with _rc():
        for ax, cause, label in ((axes[0, 0], "reached", f"detected before a crisis within {days} d"),
                                 (axes[0, 1], "crisis", f"revealed by a crisis first within {days} d")):
            for k, name in enumerate(cmp.names):
                rows = table.xs(name, level="scenario").reindex(groups)
                value = rows[cause].to_numpy(dtype=float)
                err = np.vstack([value - rows[f"{cause}_lower"].to_numpy(dtype=float),
                                 rows[f"{cause}_upper"].to_numpy(dtype=float) - value])
                shown = rows["needs"].to_numpy() > 0
                ax.errorbar(value[shown], (y + (k - (len(cmp.names) - 1) / 2) * step)[shown], xerr=err[:, shown],
                            fmt="o", color=colours[name], capsize=3, markersize=5, label=name)
            _percent_axis(ax.xaxis)
            ax.set_xlim(0, 1)
            ax.set_xlabel(f"needs of the household type (%)")
            ax.set_title(label)
            ax.grid(axis="x", alpha=0.3)
        needs = table.xs(cmp.baseline, level="scenario")["needs"].reindex(groups)
        labels = [household_label(g).replace(" (", "\n(") + f"\n{int(needs[g]):,} needs" for g in groups]
        axes[0, 0].set_yticks(y, labels)
        axes[0, 0].invert_yaxis()
        _legend_below(fig, axes[0, 0])
    n = _replicates(cmp)
    caption = (f"Cumulative incidence at {days} days after onset of detection before a crisis (left) and of a crisis "
               f"first (right) for the needs of each household type at onset (living alone 単独世帯, couple only "
               f"夫婦のみ, couple with children 夫婦と子, single parent ひとり親, parent with adult child 親と成人した子, "
               f"three generations 三世代; 'living alone, 65+' 高齢単身 is part of 'living alone'; the needs counted are "
               f"{cmp.baseline}'s), per scenario; "
               f"{_COMPETING}; whiskers are pointwise 95% confidence intervals (Aalen-Johansen, delta method"
               + (f", the needs of all {n} replicates pooled" if n > 1 else ", one run") + ").")
    return _finish(fig, f"Who is missed: {term('detection', 'detection')} by household type", caption)


# ---- isolation ----------------------------------------------------------------------------
def isolation(results: Any, window: int = 30) -> Figure:
    """Shares of residents and of households with no active tie outside the household over time
    (社会的孤立): median across replicates with the 10-90% band."""
    cmp = comparison_of(results)
    colours = _colours(cmp)
    n = _replicates(cmp)
    fig, axes = _new_figure(1, 2, height=3.8)
    with _rc():
        for ax, which in zip(axes.flat, ("residents", "households")):
            for name, ensemble in cmp.items():
                band = ensemble.series_band(f"isolation_{which}", window=window)
                years = band.index.to_numpy() / 365.0
                ax.plot(years, band["median"], color=colours[name], label=name)
                if n > 1:
                    ax.fill_between(years, band["p10"], band["p90"], color=colours[name], alpha=0.2, linewidth=0)
            _percent_axis(ax.yaxis)
            ax.set_title(f"isolated {which}")
            ax.set_xlabel("years since the end of the burn-in (years)")
            ax.set_ylabel(f"{which} without an outside tie (%)")
            ax.grid(alpha=0.3)
        axes[0, 0].legend()
    band = f"lines are medians and shaded bands the 10-90% range across {n} replicates" if n > 1 else "one run"
    caption = (f"Share of residents and of households with no active tie outside the household "
               f"(isolation, 社会的孤立), {window}-day rolling mean, per scenario; {band}.")
    return _finish(fig, term("Isolation", "isolation") + " over time", caption)


# ---- who is still missed ------------------------------------------------------------------
def _episode_groups(episodes) -> dict[str, dict[str, np.ndarray]]:
    """Boolean masks of the episodes of each group, by dimension."""
    from .result import groups_of

    columns = {name: episodes[name].to_numpy() for name in ("field", "compound", "household_type", "age")}
    age = columns["age"]
    compound = {("none" if tag == "no_compound" else tag.replace("_", " ")): mask
                for tag, mask in groups_of(columns, "compound").items()}
    households = {HOUSEHOLD_LABELS[name]: mask for name, mask in groups_of(columns, "household_type").items()}
    return {
        "field": groups_of(columns, "field"),
        "compound type": compound,
        "household type": households,
        "age group": {label: (age >= lo) & (age <= hi) for label, lo, hi in AGE_GROUPS},
    }


def missed_table(results: Any, late_days: int = LATE_DAYS):
    """Needs never detected (no agency took them on by the horizon or before they closed), needs
    revealed by a crisis (a crisis is not a detection) and needs detected late (before a crisis,
    more than ``late_days`` after onset), by field, compound type, household type at onset and
    age group, per scenario (replicates pooled): a DataFrame indexed by (dimension, group,
    scenario) with needs, undetected, crisis, late and their shares."""
    import pandas as pd

    cmp = comparison_of(results)
    rows = {}
    for name, ensemble in cmp.items():
        totals: dict[tuple[str, str], np.ndarray] = {}
        for r in ensemble:
            e = r.episodes
            undetected = ~e["detected"].to_numpy()
            crisis = e["detected"].to_numpy() & (e["channel_name"].to_numpy() == "crisis")
            late = e["detected"].to_numpy() & ~crisis & (e["detection_time"].to_numpy() > late_days)
            for dimension, groups in _episode_groups(e).items():
                for group, mask in groups.items():
                    counts = np.array([mask.sum(), (mask & undetected).sum(), (mask & crisis).sum(), (mask & late).sum()])
                    totals[(dimension, group)] = totals.get((dimension, group), 0) + counts
        for (dimension, group), (needs, undetected, crisis, late) in totals.items():
            rows[(dimension, group, name)] = {
                "needs": int(needs), "undetected": int(undetected), "crisis": int(crisis), "late": int(late),
                "share_undetected": undetected / needs if needs else np.nan,
                "share_crisis": crisis / needs if needs else np.nan,
                "share_late": late / needs if needs else np.nan}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["dimension", "group", "scenario"])
    return table


def missed(results: Any, late_days: int = LATE_DAYS) -> Figure:
    """Who is still missed: the share of needs never detected, revealed by a crisis, and detected
    late, by field, compound type, household type and age group, one bar per scenario."""
    cmp = comparison_of(results)
    table = missed_table(cmp, late_days)
    colours = _colours(cmp)
    dimensions = list(dict.fromkeys(table.index.get_level_values("dimension")))
    fig, axes = _new_figure(2, 2, height=7.6)
    width = 0.8 / len(cmp.names)
    with _rc():
        for ax, dimension in zip(axes.flat, dimensions):
            part = table.loc[dimension]
            groups = list(dict.fromkeys(part.index.get_level_values("group")))
            y = np.arange(len(groups))
            for k, name in enumerate(cmp.names):
                rows = part.xs(name, level="scenario").reindex(groups)
                offset = y + (k - (len(cmp.names) - 1) / 2) * width
                ax.barh(offset, rows["share_undetected"], height=width, color=colours[name],
                        label=f"{name}: never detected")
                ax.barh(offset, rows["share_crisis"], left=rows["share_undetected"], height=width,
                        color=colours[name], alpha=0.6, hatch="xx", label=f"{name}: revealed by a crisis")
                ax.barh(offset, rows["share_late"], left=rows["share_undetected"] + rows["share_crisis"], height=width,
                        color=colours[name], alpha=0.25, hatch="//", label=f"{name}: detected after {late_days} d")
            ax.set_yticks(y, [term(g, g.replace(" ", "_")) if dimension in ("field", "compound type") else g
                              for g in groups])
            ax.invert_yaxis()
            _percent_axis(ax.xaxis)
            ax.set_xlim(0, 1)
            ax.set_xlabel("needs of the group (%)")
            ax.set_title(f"by {dimension}")
            ax.grid(axis="x", alpha=0.3)
        _legend_below(fig, axes[0, 0])
    caption = (f"Share of each group's needs never detected by the horizon or before they closed (solid), revealed by a "
               f"crisis instead of detected (cross-hatched) and detected before a crisis but more than {late_days} days "
               f"after onset (hatched), by field, compound type, household type and age at onset, per scenario, the "
               f"needs of all {_replicates(cmp)} replicates pooled.")
    return _finish(fig, "Who is still missed", caption)


# ---- solitary deaths ----------------------------------------------------------------------
_DELAY_BINS = ((0, 0, "same day"), (1, 3, "1-3 d"), (4, 7, "4-7 d"), (8, 29, "8-29 d"), (30, 10**9, "30 d or more"))


def solitary_deaths(results: Any) -> Figure:
    """Solitary deaths (孤立死) per 100,000 residents a year (median, 10-90% across replicates) and
    the distribution of their discovery delay (replicates pooled)."""
    cmp = comparison_of(results)
    colours = _colours(cmp)
    fig, axes = _new_figure(1, 2, height=3.8)
    rate_ax, delay_ax = axes.flat
    width = 0.8 / len(cmp.names)
    deaths_total = {}
    with _rc():
        for k, (name, ensemble) in enumerate(cmp.items()):
            rates = ensemble.summary_frame()["solitary_deaths_per_100k"].to_numpy(dtype=float)
            median = np.nanmedian(rates)
            low, high = np.nanpercentile(rates, [10, 90])
            rate_ax.bar(k, median, color=colours[name], yerr=[[median - low], [high - median]], capsize=4)
            delays = np.concatenate([r.solitary_deaths["days_to_discovery"].to_numpy() for r in ensemble])
            deaths_total[name] = delays.size
            shares = [((delays >= lo) & (delays <= hi)).mean() if delays.size else 0.0 for lo, hi, _ in _DELAY_BINS]
            x = np.arange(len(_DELAY_BINS)) + (k - (len(cmp.names) - 1) / 2) * width
            delay_ax.bar(x, shares, width=width, color=colours[name], label=f"{name} ({delays.size} deaths)")
        rate_ax.set_xticks(range(len(cmp.names)), cmp.names, rotation=15)
        rate_ax.set_ylabel("solitary deaths (per 100,000 residents a year)")
        rate_ax.set_title("solitary deaths a year")
        rate_ax.grid(axis="y", alpha=0.3)
        delay_ax.set_xticks(range(len(_DELAY_BINS)), [label for *_, label in _DELAY_BINS])
        delay_ax.set_xlabel("days from death to discovery (days)")
        delay_ax.set_ylabel("solitary deaths (%)")
        _percent_axis(delay_ax.yaxis)
        delay_ax.set_title("discovery delay")
        delay_ax.grid(axis="y", alpha=0.3)
        delay_ax.legend()
    caption = (f"Deaths at home of residents living alone (solitary deaths, 孤立死) per 100,000 residents a year "
               f"(bars: median, whiskers: 10-90% across {_replicates(cmp)} replicates) and the share found the same "
               f"day, within a week or after 8 and 30 days or more (all deaths of the recorded horizon pooled).")
    return _finish(fig, term("Solitary deaths", "solitary_death") + " and their discovery", caption)


# ---- costs --------------------------------------------------------------------------------
def cost_effectiveness(results: Any, *, resamples: int | None = None):
    """Cost of each scenario against the baseline, per year: extra cost, extra municipal cost,
    detection-days saved (restricted mean time to acceptance to 365 days times the needs of a year),
    more needs detected before a crisis within 365 days (the difference in ``detection_365`` times
    the needs of a year), yen per detection-day saved and per more need found, each the mean over replicate pairs with a 95% percentile bootstrap interval over the pairs (the
    CLI's draws, :func:`kyosei.uncertainty.bootstrap_picks`; NaN with one replicate). The
    ratios are ratios of the means; NaN where nothing was saved."""
    import pandas as pd

    from . import uncertainty

    cmp = comparison_of(results)
    frames = {name: e.summary_frame() for name, e in cmp.items()}
    years = {name: np.array([r.days / 365.0 for r in e]) for name, e in cmp.items()}
    base = frames[cmp.baseline]
    rows = {}
    for name in cmp.names[1:]:
        s = frames[name]
        per_year = s["overall.episodes"].to_numpy(dtype=float) / years[name]
        parts = {
            "extra_cost_yen": (s["cost_yen_per_year"] - base["cost_yen_per_year"]).to_numpy(dtype=float),
            "extra_municipal_cost_yen": (s["municipal_cost_yen_per_year"]
                                         - base["municipal_cost_yen_per_year"]).to_numpy(dtype=float),
            "detection_days_saved": (base["overall.rmst_days"] - s["overall.rmst_days"]).to_numpy(dtype=float) * per_year,
            "more_needs_found": (s["overall.detection_365"] - base["overall.detection_365"]).to_numpy(dtype=float) * per_year,
        }
        picks = (uncertainty.bootstrap_picks(len(s)) if resamples is None
                 else uncertainty.bootstrap_picks(len(s), resamples)) if len(s) > 1 else None
        row = {}

        def summarise(key: str, values_of) -> None:
            row[key] = float(values_of(np.arange(len(s))))
            if picks is None:
                row[f"{key}_lower"] = row[f"{key}_upper"] = np.nan
                return
            draws = np.array([values_of(p) for p in picks])
            draws = draws[np.isfinite(draws)]
            low, high = np.percentile(draws, [2.5, 97.5]) if draws.size else (np.nan, np.nan)
            row[f"{key}_lower"], row[f"{key}_upper"] = float(low), float(high)

        for key, values in parts.items():
            summarise(key, lambda p, v=values: v[p].mean())

        def ratio(cost, effect):
            return lambda p: cost[p].mean() / effect[p].mean() if effect[p].mean() > 0 else np.nan

        summarise("yen_per_detection_day_saved", ratio(parts["extra_cost_yen"], parts["detection_days_saved"]))
        summarise("yen_per_more_need_found", ratio(parts["extra_cost_yen"], parts["more_needs_found"]))
        rows[name] = row
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("scenario")


def costs(results: Any) -> Figure:
    """Cost a year of each scenario split into the municipal share and the national subsidy
    (国庫補助), and, against the baseline, yen per detection-day saved and per more need found."""
    cmp = comparison_of(results)
    colours = _colours(cmp)
    ratios = cost_effectiveness(cmp) if len(cmp.names) > 1 else None
    fig, axes = _new_figure(1, 3 if ratios is not None else 1, height=4.0)
    n = _replicates(cmp)
    with _rc():
        ax = axes[0, 0]
        for k, (name, ensemble) in enumerate(cmp.items()):
            frame = ensemble.summary_frame()
            subsidy = np.median(frame["national_subsidy_yen_per_year"]) / 1e6
            municipal = np.median(frame["municipal_cost_yen_per_year"]) / 1e6
            total = frame["cost_yen_per_year"].to_numpy(dtype=float) / 1e6
            low, high = np.percentile(total, [10, 90])
            ax.bar(k, municipal, color=colours[name], label="municipal share" if k == 0 else None)
            ax.bar(k, subsidy, bottom=municipal, color=colours[name], alpha=0.4, hatch="..",
                   label=term("national subsidy", "national_subsidy") if k == 0 else None)
            if n > 1:
                mid = np.median(total)
                ax.errorbar(k, mid, yerr=[[mid - low], [high - mid]], color="black", capsize=4)
        ax.set_xticks(range(len(cmp.names)), cmp.names, rotation=15)
        ax.set_ylabel("cost (million yen per year)")
        ax.set_title("cost a year")
        _legend_below(fig, ax)
        ax.grid(axis="y", alpha=0.3)
        if ratios is not None:
            for ax, key, label in ((axes[0, 1], "yen_per_detection_day_saved", "yen per detection-day saved"),
                                   (axes[0, 2], "yen_per_more_need_found", "yen per more need found")):
                for k, name in enumerate(ratios.index):
                    value = ratios.loc[name, key]
                    low, high = ratios.loc[name, f"{key}_lower"], ratios.loc[name, f"{key}_upper"]
                    if not np.isfinite(value):
                        ax.text(k, 0, "nothing saved", ha="center", va="bottom", fontsize=8)
                        continue
                    err = None if not (np.isfinite(low) and np.isfinite(high)) else [[value - low], [high - value]]
                    ax.bar(k, value, width=0.5, color=colours[name], yerr=err, capsize=4)
                ax.set_xticks(range(len(ratios.index)), list(ratios.index), rotation=15)
                ax.set_xlim(-0.75, len(ratios.index) - 0.25)
                ax.set_ylabel(f"{label} (yen)")
                ax.set_title(f"{label}\n(against {cmp.baseline})")
                ax.grid(axis="y", alpha=0.3)
    caption = ("Cost a year of the support system as modelled (bars: median over replicates, municipal share "
               "solid, national subsidy 国庫補助 dotted" + (", whiskers: 10-90% range of the total" if n > 1 else "") + ")"
               + ("; and, against the baseline, the extra cost per detection-day saved (restricted to 365 days) "
                  "and per more need detected before a crisis within 365 days, with 95% bootstrap intervals over replicate pairs"
                  if ratios is not None else "") + ".")
    return _finish(fig, "Costs and the national subsidy", caption)


# ---- agencies -----------------------------------------------------------------------------
#: What each field's agency is called in Japan: (English, Japanese).
AGENCY_KINDS = {
    "elderly": ("Community general support centre", "地域包括支援センター"),
    "disability": ("Disability counselling", "障害者相談支援事業所"),
    "child": ("Child and family support", "子ども家庭センター"),
    "poverty": ("Self-reliance support", "自立相談支援機関"),
}


def readable_agency(name: str, field: str, district: int, japanese: bool = True) -> str:
    """The agency's kind in words for the default names ('elderly_d0' -> 'Community general support
    centre, district 1 (地域包括支援センター)'); a name the scenario chose stays as it is."""
    if field not in AGENCY_KINDS or name not in (field, f"{field}_d{district}"):
        return name.replace("_", " ")
    english, ja = AGENCY_KINDS[field]
    where = f", district {district + 1}" if district >= 0 else ""
    return f"{english}{where}" + (f" ({ja})" if japanese else "")


def agency_table(results: Any):
    """Per agency and scenario: staff, mean caseload, mean queue, mean monitoring cases (means over
    days, medians over replicates) and caseload per staff member: a DataFrame indexed by
    (agency, scenario)."""
    import pandas as pd

    cmp = comparison_of(results)
    rows = {}
    for name, ensemble in cmp.items():
        means = {series: np.median(np.vstack([r.agency_series(series).mean().to_numpy() for r in ensemble]), axis=0)
                 for series in ("caseload", "queue", "monitoring")}
        agencies = ensemble[0].agencies
        for i, agency in enumerate(agencies.index):
            staff = float(agencies["staff"].iloc[i])
            label = readable_agency(agency, agencies["field_name"].iloc[i], int(agencies["district"].iloc[i]),
                                    japanese=_japanese_font() is not None)
            rows[(label, name)] = {
                "field": agencies["field_name"].iloc[i], "staff": staff,
                "caseload": means["caseload"][i], "queue": means["queue"][i], "monitoring": means["monitoring"][i],
                "caseload_per_staff": means["caseload"][i] / staff if staff > 0 else np.nan}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["agency", "scenario"])
    return table


def agencies(results: Any) -> Figure:
    """Mean caseload and mean queue of each agency (相談支援機関), and the mean wait from detection
    to the start of service, per scenario."""
    cmp = comparison_of(results)
    table = agency_table(cmp)
    colours = _colours(cmp)
    names = list(dict.fromkeys(table.index.get_level_values("agency")))
    height = max(3.8, 0.28 * len(names) * max(1, len(cmp.names) / 2) + 1.5)
    fig, axes = _new_figure(1, 3, height=height, width_ratios=[2, 2, 1.3])
    width = 0.8 / len(cmp.names)
    y = np.arange(len(names))
    with _rc():
        for ax, column, label in ((axes[0, 0], "caseload", "open cases in service (cases)"),
                                  (axes[0, 1], "queue", "accepted needs waiting (cases)")):
            for k, name in enumerate(cmp.names):
                values = table.xs(name, level="scenario").reindex(names)[column]
                ax.barh(y + (k - (len(cmp.names) - 1) / 2) * width, values, height=width, color=colours[name], label=name)
            ax.set_yticks(y, [n.replace(" (", "\n(") for n in names])  # the Japanese name on its own line
            ax.invert_yaxis()
            ax.set_xlabel(label)
            ax.set_title(f"mean {column} per agency")
            ax.grid(axis="x", alpha=0.3)
        axes[0, 1].tick_params(labelleft=False)
        _legend_below(fig, axes[0, 0])
        ax = axes[0, 2]
        for k, (name, ensemble) in enumerate(cmp.items()):
            frame = ensemble.summary_frame()
            for j, (column, hatch) in enumerate((("mean_wait_days", None), ("compound_coverage_days", "//"))):
                ax.bar(k + (j - 0.5) * 0.4, np.nanmedian(frame[column]), width=0.4, color=colours[name],
                       alpha=1.0 if j == 0 else 0.45, hatch=hatch)
        ax.set_xticks(range(len(cmp.names)), cmp.names, rotation=15)
        ax.set_ylabel("days from detection to service (days)")
        ax.set_title("wait for service")
        ax.grid(axis="y", alpha=0.3)
    caption = ("Mean over days of each agency's (相談支援機関) open cases and of its queue of accepted needs "
               "waiting for a place (medians over replicates), and the mean wait from detection to the start of "
               "service for all needs (solid) and for needs of compound households (hatched: to full coverage), "
               "per scenario.")
    return _finish(fig, f"Caseloads, queues and waits per {term('agency', 'agency')}", caption)


# ---- ensembles: sweeps, regions, sensitivity studies ----------------------------------------
def ensemble_metrics(frame, metrics: Mapping[str, str], *, by: str, what: str) -> Figure:
    """Bars of summary numbers per row group of a sweep's or region's ``summary.csv`` (``by``: the
    column naming the variant or municipality): median over replicates with the 10-90% range.
    ``metrics``: ``{column: 'label (unit)'}``; shares are drawn in percent, yen in millions when
    the unit says so."""
    groups = list(dict.fromkeys(frame[by]))
    shown = {m: label for m, label in metrics.items() if m in frame.columns}
    columns = min(2, len(shown))
    rows = -(-len(shown) // columns)
    fig, axes = _new_figure(rows, columns, height=max(3.0, 0.3 * len(groups) + 1.2) * rows)
    replicates = frame.groupby(by, sort=False).size().max()
    with _rc():
        for ax, (metric, label) in zip(axes.flat, shown.items()):
            scale = 1e-6 if "million yen" in label else 1.0
            grouped = (frame[metric] * scale).groupby(frame[by], sort=False)
            median = grouped.median().reindex(groups)
            low, high = grouped.quantile(0.1).reindex(groups), grouped.quantile(0.9).reindex(groups)
            y = np.arange(len(groups))
            err = [median - low, high - median] if replicates > 1 else None
            ax.barh(y, median, xerr=err, capsize=3, color="tab:blue")
            ax.set_yticks(y, [str(g) for g in groups])
            ax.invert_yaxis()
            if "(%)" in label:
                _percent_axis(ax.xaxis)
            ax.set_xlabel(label)
            ax.set_title(label.split(" (")[0])
            ax.grid(axis="x", alpha=0.3)
        for ax in list(axes.flat)[len(shown):]:
            ax.set_axis_off()
    band = f"bars: median over {replicates} replicates, whiskers: 10-90% range" if replicates > 1 else "one run each"
    caption = f"Key summary numbers of each {what} ({band})."
    return _finish(fig, f"Key numbers per {what}", caption)


def sensitivity(table, output: str) -> Figure:
    """A sensitivity study's ranking for one output: Morris mu* against sigma, or PRCC bars with
    their 95% intervals (:func:`kyosei.studies.sensitivity`)."""
    from . import plot

    morris = "mu_star" in table.columns
    fig, axes = _new_figure(height=4.2 if morris else 0.4 * table["parameter"].nunique() + 1.5)
    with _rc():
        (plot.morris if morris else plot.prcc)(table, output, ax=axes[0, 0])
    if morris:
        caption = (f"Morris screening of {output}: mean absolute elementary effect mu* (influence) against their "
                   f"standard deviation sigma (interaction or curvature) of each parameter, in the output's units "
                   f"across the parameter's range; points above the dotted line act mostly through other parameters.")
    else:
        caption = (f"Partial rank correlation (PRCC) of each parameter with {output} over the Latin hypercube, "
                   f"with 95% intervals; red raises the output, blue lowers it.")
    return _finish(fig, f"Sensitivity of {output}", caption)
