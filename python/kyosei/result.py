"""One run's outputs: series, episodes and solitary deaths as pandas DataFrames, the summary as a
dict, Kaplan-Meier curves, and the HDF5 file round trip.

A :class:`Result` from :func:`kyosei.run` holds the engine's own arrays (read-only numpy views, no
copy; see :attr:`Result.arrays`); one from :func:`kyosei.read` holds the arrays of the file. The
two behave the same. Column names, units and meanings come from the engine's field table
(``kyosei.fields``), the one list that also makes the HDF5 datasets.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Mapping

import numpy as np

from . import _core
from ._core import OutputError
from .incidence import CAUSE_NAMES, CumulativeIncidence, cumulative_incidence
from .snapshot import Snapshot
from .survival import KaplanMeier, kaplan_meier

__all__ = ["Result", "Provenance", "read", "groups_of", "incidence_table", "GROUPINGS"]

FIELD_NAMES: tuple[str, ...] = _core.FIELD_NAMES
CHANNEL_NAMES: tuple[str, ...] = _core.CHANNEL_NAMES
OUTCOME_NAMES: tuple[str, ...] = _core.OUTCOME_NAMES
COMPOUND_TAG_NAMES: tuple[str, ...] = _core.COMPOUND_TAG_NAMES
HOUSEHOLD_TYPE_NAMES: tuple[str, ...] = _core.HOUSEHOLD_TYPE_NAMES
#: The group of needs of residents this old or older living alone (独居高齢者), 'single_65plus'.
ELDER_AGE = 65
DISCOVERY_CHANNEL_NAMES: tuple[str, ...] = _core.DISCOVERY_CHANNEL_NAMES
EPISODE_COLUMNS = tuple(name for name, *_ in _core.EPISODE_COLUMNS)
SOLITARY_DEATH_COLUMNS = tuple(name for name, *_ in _core.SOLITARY_DEATH_COLUMNS)
SERIES = tuple(name for name, *_ in _core.SERIES)
AGENCY_SERIES = tuple(name for name, *_ in _core.AGENCY_SERIES)
DETECTION_FIELDS = tuple(name for name, *_ in _core.DETECTION_FIELDS)
SUMMARY_SCALARS = tuple(name for name, *_ in _core.SUMMARY_SCALARS)
_AGENCY_COLUMNS = ("name", "field", "district", "staff", "capacity")


@dataclass(frozen=True)
class Provenance:
    """Where a result came from: the root attributes of its HDF5 file."""

    scenario_name: str
    scenario_text: str
    seed: int
    replicate: int = 0
    threads: int = 0
    complete: bool = True
    software: str = "kyosei"
    version: str = _core.__version__
    git_commit: str = _core.GIT_COMMIT
    date: str = ""
    format_version: int = 1


#: The ways to split needs into groups, for :func:`groups_of`.
GROUPINGS = ("field", "compound", "household_type")


def groups_of(episodes: Mapping[str, np.ndarray], by: str) -> dict[str, np.ndarray]:
    """{group name: boolean mask over the episodes} of one grouping: 'field' (elderly ... gap),
    'compound' (each compound tag, a need counting in every tag its household has, then
    'no_compound') or 'household_type' (the household's type at onset, then 'single_65plus':
    needs of residents aged 65 or more living alone, a part of 'single')."""
    if by == "field":
        names = FIELD_NAMES
    elif by == "compound":
        names = COMPOUND_TAG_NAMES + ("no_compound",)
    elif by == "household_type":
        names = HOUSEHOLD_TYPE_NAMES + ("single_65plus",)
    else:
        raise ValueError(f"by must be one of {GROUPINGS}, got {by!r}")
    return {name: _group_mask(episodes, name) for name in names}


def _group_mask(episodes: Mapping[str, np.ndarray], group: Any) -> np.ndarray | None:
    """Episodes of a named group: None/'overall', a field name, a compound tag name,
    'no_compound', a household type name, 'single_65plus', or a boolean mask."""
    if group is None or (isinstance(group, str) and group == "overall"):
        return None
    if isinstance(group, str):
        if group in FIELD_NAMES:
            return episodes["field"] == FIELD_NAMES.index(group)
        if group in COMPOUND_TAG_NAMES:
            return (episodes["compound"] & (1 << COMPOUND_TAG_NAMES.index(group))) != 0
        if group == "no_compound":
            return episodes["compound"] == 0
        if group in HOUSEHOLD_TYPE_NAMES:
            return episodes["household_type"] == HOUSEHOLD_TYPE_NAMES.index(group)
        if group == "single_65plus":
            return (episodes["household_type"] == HOUSEHOLD_TYPE_NAMES.index("single")) & (episodes["age"] >= ELDER_AGE)
        raise KeyError(f"unknown group {group!r}: expected 'overall', 'no_compound', a field "
                       f"{FIELD_NAMES}, a compound tag {COMPOUND_TAG_NAMES}, a household type "
                       f"{HOUSEHOLD_TYPE_NAMES} or 'single_65plus'")
    mask = np.asarray(group)
    if mask.dtype != bool or mask.shape != episodes["onset_day"].shape:
        raise ValueError("a group mask must be a boolean array with one entry per episode")
    return mask


class Result:
    """The outputs of one run (or one HDF5 file): series, episodes, agencies and the summary.

    DataFrames (built on first use, then cached):
        series          one row per recorded day (index ``day``), one column per daily series
        episodes        one row per episode: the engine's columns plus decoded ones
                        (``field_name``, ``channel_name``, ``outcome_name``,
                        ``household_type_name``), ``detection_time``
                        and ``detected`` (the censored durations the Kaplan-Meier curves use),
                        and one boolean ``is_<tag>`` per compound tag
        solitary_deaths one row per death at home of a resident living alone (孤立死): the
                        engine's columns plus ``channel_name``
        agencies        one row per agency (index ``name``)
    Also:
        summary         the engine's summary, a nested dict (the CLI's ``--json``)
        agency_series(name)   per-agency daily series ('caseload', 'queue', 'monitoring')
        snapshots       {day: Snapshot}: the population snapshots asked for (residents,
                        households and the tie edge list as DataFrames, a networkx graph)
        cumulative_incidence(group)   detection before a crisis (crisis, death and remission
                        competing), the honest detection curve, with its 95% band
        incidence_by(by)      its value at 365 days (and the competing events') per field,
                        compound type or household type at onset
        km(group) / km_by(by) Kaplan-Meier curves of the time to acceptance (deprecated for
                        detection: a crisis counts as an acceptance)
        arrays          the raw columns as numpy arrays (views of engine memory after a run)
        to_hdf5(path)   the CLI's file layout; :func:`kyosei.read` reads it back
    """

    def __init__(self, *, episodes: Mapping[str, np.ndarray], series: Mapping[str, np.ndarray],
                 agency_series: Mapping[str, np.ndarray], agencies: Mapping[str, Any],
                 summary: Mapping[str, Any], warnings: Mapping[str, int], provenance: Provenance,
                 solitary_deaths: Mapping[str, np.ndarray], scenario=None,
                 core: "_core.Results | None" = None, snapshots: list[Snapshot] | None = None):
        self._episodes = dict(episodes)
        self._solitary_deaths = dict(solitary_deaths)
        self._series = dict(series)
        self._agency_series = dict(agency_series)
        self._agencies = dict(agencies)
        self._summary = summary
        self._warnings = dict(warnings)
        self.provenance = provenance
        self._scenario = scenario
        self._core = core
        self._snapshots = {snapshot.day: snapshot for snapshot in snapshots or ()}

    # ---- construction ---------------------------------------------------------------------
    @classmethod
    def _from_core(cls, core: "_core.Results", provenance: Provenance, scenario=None) -> "Result":
        return cls(episodes=core.episodes, series=core.series, agency_series=core.agency_series,
                   agencies=core.agencies, summary=core.summary, warnings=core.warnings,
                   provenance=provenance, solitary_deaths=core.solitary_deaths, scenario=scenario,
                   core=core, snapshots=[Snapshot.from_core(s) for s in core.snapshots])

    @classmethod
    def from_hdf5(cls, path: str | os.PathLike, *, allow_incomplete: bool = False) -> "Result":
        """Reads a result file written by the CLI or :meth:`to_hdf5` (see :func:`kyosei.read`)."""
        return read(path, allow_incomplete=allow_incomplete)

    # ---- provenance -----------------------------------------------------------------------
    @property
    def name(self) -> str:
        """The scenario's name."""
        return self.provenance.scenario_name

    @property
    def seed(self) -> int:
        return self.provenance.seed

    @property
    def replicate(self) -> int:
        return self.provenance.replicate

    @property
    def complete(self) -> bool:
        """False when the run was stopped before its horizon."""
        return self.provenance.complete

    @property
    def days(self) -> int:
        """Recorded days (after the burn-in): the length of every series."""
        return int(len(self._series["day"]))

    @property
    def scenario(self):
        """The :class:`kyosei.Scenario` of the run (rebuilt from the stored text for a file;
        None if that text no longer parses, e.g. a file from another version)."""
        if self._scenario is None:
            from .scenario import scenario_from_text

            try:
                self._scenario = scenario_from_text(self.provenance.scenario_text, self.name)
            except _core.ScenarioError:
                return None
        return self._scenario

    @property
    def snapshots(self) -> dict[int, Snapshot]:
        """The population snapshots of the run, ``{day: Snapshot}`` (``kyosei run --snapshot-days``,
        ``kyosei.run(..., snapshot_days=...)``): residents, households and ties as DataFrames,
        ``.graph()`` the tie network (see :class:`kyosei.snapshot.Snapshot`). Empty if none."""
        return dict(self._snapshots)

    # ---- raw arrays -----------------------------------------------------------------------
    @property
    def arrays(self) -> dict[str, dict[str, np.ndarray]]:
        """The raw columns: ``{'episodes': {...}, 'solitary_deaths': {...}, 'series': {...},
        'agency_series': {...}}``.

        After a run these are read-only views of the engine's memory (no copy) that keep it
        alive; after :func:`kyosei.read`, the file's arrays.
        """
        return {"episodes": dict(self._episodes), "solitary_deaths": dict(self._solitary_deaths),
                "series": dict(self._series), "agency_series": dict(self._agency_series)}

    # ---- DataFrames -----------------------------------------------------------------------
    @cached_property
    def series(self):
        """Daily series as a DataFrame indexed by recorded day (0 .. days-1)."""
        import pandas as pd

        index = pd.Index(np.asarray(self._series["day"]), name="day")
        return pd.DataFrame({name: np.asarray(self._series[name]) for name in SERIES}, index=index)

    @cached_property
    def episodes(self):
        """The episode table as a DataFrame, one row per need (see the class docstring)."""
        import pandas as pd

        e = self._episodes
        frame = pd.DataFrame({name: np.asarray(e[name]) for name in EPISODE_COLUMNS})
        frame["field_name"] = pd.Categorical.from_codes(e["field"].astype(np.int64), FIELD_NAMES)
        frame["channel_name"] = pd.Categorical.from_codes(e["channel"].astype(np.int64), CHANNEL_NAMES)
        frame["outcome_name"] = pd.Categorical.from_codes(e["outcome"].astype(np.int64), OUTCOME_NAMES)
        frame["household_type_name"] = pd.Categorical.from_codes(e["household_type"].astype(np.int64),
                                                                 HOUSEHOLD_TYPE_NAMES)
        time, observed = self.detection_times()
        frame["detection_time"] = time
        frame["detected"] = observed
        for bit, tag in enumerate(COMPOUND_TAG_NAMES):
            frame[f"is_{tag}"] = (e["compound"] & (1 << bit)) != 0
        frame.index.name = "episode"
        return frame

    @cached_property
    def solitary_deaths(self):
        """Deaths at home of residents living alone (孤立死) as a DataFrame, one row per death:
        resident, household, age, female, death_day, discovery_day, days_to_discovery, channel
        (with ``channel_name``: household, tie, commissioner, outreach, institution) and
        outside_ties at death."""
        import pandas as pd

        d = self._solitary_deaths
        frame = pd.DataFrame({name: np.asarray(d[name]) for name in SOLITARY_DEATH_COLUMNS})
        frame["channel_name"] = pd.Categorical.from_codes(np.asarray(d["channel"]).astype(np.int64),
                                                          DISCOVERY_CHANNEL_NAMES)
        frame.index.name = "death"
        return frame

    @cached_property
    def agencies(self):
        """The agencies as a DataFrame indexed by name: field, district, staff (FTE), capacity."""
        import pandas as pd

        a = self._agencies
        frame = pd.DataFrame({c: list(a[c]) if c == "name" else np.asarray(a[c]) for c in _AGENCY_COLUMNS})
        frame["field_name"] = [FIELD_NAMES[f] for f in frame["field"]]
        return frame.set_index("name")

    def agency_series(self, name: str = "queue"):
        """A per-agency daily series ('caseload', 'queue' or 'monitoring') as a DataFrame:
        index day, one column per agency."""
        import pandas as pd

        if name not in AGENCY_SERIES:
            raise KeyError(f"unknown agency series {name!r}; expected one of {AGENCY_SERIES}")
        return pd.DataFrame(np.asarray(self._agency_series[name]),
                            index=pd.Index(np.asarray(self._series["day"]), name="day"),
                            columns=pd.Index(list(self._agencies["name"]), name="agency"))

    # ---- summary --------------------------------------------------------------------------
    @property
    def summary(self) -> dict[str, Any]:
        """The engine's summary: ``overall``, ``by_field[name]``, ``no_compound`` and
        ``by_compound[tag]``, each with the detection fields (episodes, detected, median_days,
        rmst_days, within_30, within_90, within_365), then the scalars (mean isolation rates,
        share_bounced, share_crisis, mean_hops, refusals, dropoffs)."""
        import copy

        return copy.deepcopy(self._summary)

    def summary_table(self):
        """The detection part of the summary as a DataFrame: one row per group ('overall',
        'field:<name>', 'no_compound', 'compound:<tag>'), one column per detection field."""
        import pandas as pd

        s = self._summary
        rows = {"overall": s["overall"]}
        rows.update({f"field:{k}": v for k, v in s["by_field"].items()})
        rows["no_compound"] = s["no_compound"]
        rows.update({f"compound:{k}": v for k, v in s["by_compound"].items()})
        return pd.DataFrame.from_dict(rows, orient="index")[list(DETECTION_FIELDS)]

    def flat_summary(self) -> dict[str, float]:
        """The summary flattened to ``{'overall.median_days': ..., 'by_field.gap.rmst_days': ...,
        'share_bounced': ...}``: one row of a replicate table."""
        flat: dict[str, float] = {}

        def walk(node: Mapping[str, Any], prefix: str) -> None:
            for key, value in node.items():
                if isinstance(value, Mapping):
                    walk(value, f"{prefix}{key}.")
                else:
                    flat[f"{prefix}{key}"] = float(value)

        walk(self._summary, "")
        return flat

    @property
    def warnings(self) -> dict[str, int]:
        """Counted oddities during the run, ``{name: count}`` (empty when none)."""
        return dict(self._warnings)

    # ---- detection times ------------------------------------------------------------------
    def detection_times(self, group: Any = None) -> tuple[np.ndarray, np.ndarray]:
        """``(time, detected)`` of the episodes of ``group``: days from onset to detection for a
        detected need, else to the end of follow-up (the day it closed undetected, or the
        horizon) with ``detected`` False. The engine's rule (summary.hpp ``detection_times``)."""
        e = self._episodes
        onset = e["onset_day"].astype(np.int64)
        detected = e["detected_day"] >= 0
        until = np.where(detected, e["detected_day"], np.where(e["end_day"] >= 0, e["end_day"], self.days))
        time = (until - onset).astype(float)
        mask = _group_mask(e, group)
        return (time, detected) if mask is None else (time[mask], detected[mask])

    def pathway_times(self, stage: str = "detection", group: Any = None) -> tuple[np.ndarray, np.ndarray]:
        """``(time, cause)`` of the episodes of ``group`` for one stage of the pathway ('contact',
        'detection', 'engagement', 'resolution'): days from onset until the stage was reached
        (cause 1) or a competing event ended the follow-up (2 crisis, 3 death, 4 remission), or
        until the horizon (0, censored). The engine's rule (summary.hpp ``pathway_times``)."""
        time, cause = self._core_results().pathway_times(stage)
        mask = _group_mask(self._episodes, group)
        return (time, cause) if mask is None else (time[mask], cause[mask])

    def cumulative_incidence(self, group: Any = None, *, stage: str = "detection",
                             cause: str = "reached") -> CumulativeIncidence:
        """Share of the needs of ``group`` (as :meth:`km`) that reached ``stage`` (or ended in
        ``cause``: 'crisis', 'death', 'remission') by days since onset, the competing events
        accounted for; for the whole run it is the summary's ``detection_365`` and its band."""
        time, causes = self.pathway_times(stage, group)
        return cumulative_incidence(time, causes, cause, stage=stage)

    def incidence_by(self, by: str = "household_type", *, days: float = 365, stage: str = "detection"):
        """The cumulative incidences at ``days`` of every cause per group (:func:`incidence_table`)."""
        return incidence_table({self.name: [self]}, by, days=days, stage=stage)

    def km(self, group: Any = None, *, alpha: float = 0.05, transform: str = "log-log") -> KaplanMeier:
        """Kaplan-Meier curve of detection time for one group of episodes.

        ``group``: None or 'overall'; a field ('elderly', 'disability', 'child', 'poverty',
        'gap'); a compound tag ('8050', 'double_care', 'isolated', 'multi_need'); 'no_compound';
        or a boolean mask over :attr:`episodes`. Its median and restricted mean equal the
        engine's summary numbers for the same group.
        """
        time, observed = self.detection_times(group)
        return kaplan_meier(time, observed, alpha=alpha, transform=transform)

    def km_by(self, by: str = "field", **kwargs: Any) -> dict[str, KaplanMeier]:
        """Kaplan-Meier curves for every field (``by='field'``) or compound tag
        (``by='compound'``, with 'no_compound' added), keyed by name."""
        if by == "field":
            names = FIELD_NAMES
        elif by == "compound":
            names = COMPOUND_TAG_NAMES + ("no_compound",)
        else:
            raise ValueError("by must be 'field' or 'compound'")
        return {name: self.km(name, **kwargs) for name in names}

    # ---- files ----------------------------------------------------------------------------
    def _core_results(self) -> "_core.Results":
        if self._core is None:
            self._core = _core.Results.from_arrays(self._episodes, self._series, self._agency_series,
                                                   self._agencies, self._warnings, self._summary,
                                                   self._solitary_deaths,
                                                   [s.arrays for s in self._snapshots.values()])
        return self._core

    def to_hdf5(self, path: str | os.PathLike, overwrite: bool = False) -> str:
        """Writes the CLI's HDF5 layout (written to a temporary name, renamed when complete).

        Raises OutputError if ``path`` exists and ``overwrite`` is False, or on any I/O failure.
        Returns the path.
        """
        p = self.provenance
        path = os.fspath(path)
        _core.write_hdf5(path, self._core_results(), p.scenario_name, p.scenario_text, p.seed,
                         p.replicate, p.threads, p.complete, overwrite, p.date, p.version, p.git_commit)
        return path

    # ---- xarray and display -----------------------------------------------------------------
    def to_xarray(self):
        """The run as an xarray Dataset: daily series on ``day``, agency series on (``day``,
        ``agency``), episode columns on ``episode``, solitary deaths on ``death``; each variable
        with the field table's ``units`` and ``long_name``, and -1 ("never") as ``_FillValue``
        (in the encoding) of the columns that may hold it. The root attributes are the provenance."""
        import xarray as xr

        day = np.asarray(self._series["day"])
        agency = list(self._agencies["name"])
        variables = {}
        for (name, _, unit, meaning) in _core.SERIES:
            variables[name] = xr.Variable("day", np.asarray(self._series[name]), _cf(unit, meaning))
        for (name, _, unit, meaning) in _core.AGENCY_SERIES:
            variables[name] = xr.Variable(("day", "agency"), np.asarray(self._agency_series[name]), _cf(unit, meaning))
        for table, dim, columns in (("_episodes", "episode", _core.EPISODE_COLUMNS),
                                    ("_solitary_deaths", "death", _core.SOLITARY_DEATH_COLUMNS)):
            for (name, _, unit, meaning) in columns:
                variable = xr.Variable(dim, np.asarray(getattr(self, table)[name]), _cf(unit, meaning))
                if _never_means_minus_one(meaning):
                    variable.encoding["_FillValue"] = -1  # kept as -1 in memory, marked in a written file
                variables[f"{dim}_{name}"] = variable
        for column in ("field", "district", "staff", "capacity"):
            variables[f"agency_{column}"] = xr.Variable("agency", np.asarray(self._agencies[column]))
        p = self.provenance
        attrs = {"Conventions": "CF-1.8", "software": p.software, "version": p.version,
                 "git_commit": p.git_commit, "scenario_name": p.scenario_name, "seed": p.seed,
                 "replicate": p.replicate, "complete": int(p.complete), "date": p.date}
        return xr.Dataset(variables, coords={"day": ("day", day, {"units": "days since the end of the burn-in",
                                                                  "long_name": "simulated day"}),
                                             "agency": ("agency", agency)}, attrs=attrs)

    def _repr_html_(self) -> str:
        """Jupyter's display: provenance, the detection table and the other summary numbers."""
        from html import escape

        p = self.provenance
        head = (f"<p><b>kyosei Result</b> {escape(self.name)}: seed {p.seed}, replicate {p.replicate}, "
                f"{self.days:,} days, {len(self._episodes['onset_day']):,} episodes"
                f"{'' if p.complete else ', <b>INCOMPLETE</b>'} (kyosei {escape(p.version)})</p>")
        scalars = {name: self._summary[name] for name in SUMMARY_SCALARS}
        import pandas as pd

        others = pd.Series(scalars, name="value").to_frame()
        return (head + format_table(self.summary_table()).to_html()
                + "<details><summary>other summary numbers</summary>"
                + format_table(others).to_html() + "</details>")

    def __repr__(self) -> str:
        o = self._summary["overall"]
        return (f"<kyosei.Result {self.name!r} seed={self.seed} replicate={self.replicate}: "
                f"{self.days} days, {o['episodes']} episodes, median detection "
                f"{o['median_days']:g} days{'' if self.complete else ', INCOMPLETE'}>")


def incidence_table(runs: Mapping[str, Any], by: str = "household_type", *, days: float = 365,
                    stage: str = "detection"):
    """Who is missed, with uncertainty: per group of ``by`` (:func:`groups_of`) and scenario, the
    needs and the cumulative incidence at ``days`` of the stage reached ('reached': detection
    before a crisis for the default stage) and of each competing event ('crisis', 'death',
    'remission'), each with its pointwise 95% band (``<cause>_lower``, ``<cause>_upper``).
    ``runs``: ``{scenario: Results}``, their needs pooled (an Ensemble is a sequence of Results).
    A DataFrame indexed by (group, scenario)."""
    import pandas as pd

    rows = {}
    for name, results in runs.items():
        pooled = [(r.pathway_times(stage), groups_of(r._episodes, by)) for r in results]
        for group in pooled[0][1]:
            time = np.concatenate([t[groups[group]] for (t, _), groups in pooled])
            cause = np.concatenate([c[groups[group]] for (_, c), groups in pooled])
            row: dict[str, Any] = {"needs": int(time.size)}
            for which in CAUSE_NAMES:
                curve = cumulative_incidence(time, cause, which, stage=stage)
                row[which] = curve.at(days)
                row[f"{which}_lower"], row[f"{which}_upper"] = curve.band_at(days)
                row[f"{which}_events"] = curve.events
            rows[(group, name)] = row
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index = pd.MultiIndex.from_tuples(table.index, names=["group", "scenario"])
    return table


def _cf(unit: str, meaning: str) -> dict[str, Any]:
    """CF attributes of a variable from the field table."""
    return {"units": unit or "1", "long_name": meaning}


def _never_means_minus_one(meaning: str) -> bool:
    """The field table documents -1 as "never" (not detected, still open) in the meaning."""
    return "-1" in meaning


# The unit of each summary number by the last part of its name ('within_365' of
# 'overall.within_365', 'share_bounced'), from the engine's field tables.
SUMMARY_UNITS: dict[str, str] = {name: unit for name, unit, _ in (*_core.DETECTION_FIELDS, *_core.SUMMARY_SCALARS)}

_STATISTICS = ("value", "p10", "median", "p90", "mean", "lower", "upper")


def format_number(value: Any, unit: str | None, change: bool = False) -> str:
    """One number as the CLI's tables write it (:func:`kyosei._core.format_value`, and
    ``format_change`` for a change): for a summary number's ``unit``, shares as percentages ('12.3%',
    a change '+1.2 pt'), yen and counts whole with thousands separators, days to a tenth; never
    '-0'; '-' when not finite. Without a unit, four significant digits (thousands separated)."""
    import math

    if isinstance(value, str):
        return value
    try:
        v = float(value)
    except (TypeError, ValueError):
        return str(value)
    if unit is not None:
        return _core.format_change(v, unit) if change else _core.format_value(v, unit)
    if math.isnan(v):
        return "-"
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):+,}" if change else f"{int(v):,}"
    return f"{v:{'+' if change else ''},.4g}" if abs(v) >= 1 else f"{v:{'+' if change else ''}.4g}"


def format_table(frame):
    """A copy of ``frame`` with numbers as text for reading, as the CLI's tables write them
    (:func:`format_number`): the unit of each summary number, named by its row or column
    ('within_365', 'overall.detection_365', 'share_bounced'), gives its digits; a column of
    differences from a baseline (labelled 'A - B') shows changes ('+1.2 pt')."""
    out = frame.copy().astype(object)
    for column in frame.columns:
        top = str(column[0] if isinstance(column, tuple) else column)
        label = str(column[-1] if isinstance(column, tuple) else column)
        change = " - " in top
        for index in frame.index:
            key = label if label not in _STATISTICS else str(index)
            unit = SUMMARY_UNITS.get(key.split(".")[-1])
            out.at[index, column] = format_number(frame.at[index, column], unit, change)
    return out


def _attr(attrs: Any, name: str, default: Any = None) -> Any:
    value = attrs.get(name, default)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if hasattr(value, "item"):
        return value.item()
    return value


# The result format_version this package reads (kyosei::kResultFormatVersion).
RESULT_FORMAT_VERSION = 1


def read(path: str | os.PathLike, *, allow_incomplete: bool = False) -> Result:
    """Reads an HDF5 result file (from ``kyosei run`` or :meth:`Result.to_hdf5`) into a Result.

    The series, episodes, agencies, summary, warnings and provenance come back as they were
    written; the scenario is rebuilt from its stored text. Raises OutputError if the file is
    missing, is not a kyosei result, has another format_version, or holds a run that was stopped
    before its horizon (complete=0: ``<name>.incomplete.h5`` after SIGINT or SIGTERM) unless
    ``allow_incomplete=True``, as ``kyosei inspect --allow-incomplete``.
    """
    import h5py

    path = os.fspath(path)
    try:
        f = h5py.File(path, "r")
    except (OSError, ValueError) as exc:
        raise OutputError(f"cannot read {path}: {exc}") from exc
    with f:
        try:
            if _attr(f.attrs, "software") != "kyosei":
                raise OutputError(f"{path}: not a kyosei result file (no software='kyosei' attribute)")
            if "format_version" not in f.attrs:
                raise OutputError(f"{path}: no format_version attribute: not a kyosei result file")
            format_version = int(_attr(f.attrs, "format_version"))
            if format_version != RESULT_FORMAT_VERSION:
                raise OutputError(
                    f"{path}: format_version {format_version} is not supported (this kyosei reads format_version "
                    f"{RESULT_FORMAT_VERSION}); read it with the kyosei that wrote it")
            if "complete" not in f.attrs:
                raise OutputError(f"{path}: no complete attribute: not a finished kyosei result file")
            if not int(_attr(f.attrs, "complete")) and not allow_incomplete:
                raise OutputError(
                    f"{path}: incomplete result (complete=0): the run was stopped after {len(f['series/day'])} "
                    "recorded days, before its horizon; rerun (or resume) it to the end, or pass "
                    "allow_incomplete=True to read what was simulated")
            series = {"day": f["series/day"][()]}
            series.update({name: f["series"][name][()] for name in SERIES})
            agency_series = {name: f["series"][name][()] for name in AGENCY_SERIES}
            episodes = {name: f["episodes"][name][()] for name in EPISODE_COLUMNS}
            solitary_deaths = {name: f["solitary_deaths"][name][()] for name in SOLITARY_DEATH_COLUMNS}
            agencies = {c: f["agencies"][c][()] for c in _AGENCY_COLUMNS}
            agencies["name"] = [n.decode("utf-8") if isinstance(n, bytes) else str(n) for n in agencies["name"]]
            snapshots = sorted((Snapshot.from_hdf5(g) for g in f["snapshots"].values()), key=lambda s: s.day) \
                if "snapshots" in f else []
            summary = _read_summary(f["summary"])
            warnings = {k: int(v) for k, v in f["warnings"].attrs.items()} if "warnings" in f else {}
            a = f.attrs
            provenance = Provenance(
                scenario_name=_attr(a, "scenario_name", ""), scenario_text=_attr(a, "scenario", ""),
                seed=int(_attr(a, "seed", 0)), replicate=int(_attr(a, "replicate", 0)),
                threads=int(_attr(a, "threads", 0)), complete=bool(_attr(a, "complete")),
                software=_attr(a, "software", "kyosei"), version=_attr(a, "version", ""),
                git_commit=_attr(a, "git_commit", ""), date=_attr(a, "date", ""),
                format_version=format_version)
        except KeyError as exc:
            raise OutputError(f"{path}: not a complete kyosei result file (missing {exc})") from exc
    return Result(episodes=episodes, series=series, agency_series=agency_series, agencies=agencies,
                  summary=summary, warnings=warnings, provenance=provenance,
                  solitary_deaths=solitary_deaths, snapshots=snapshots)


def _read_summary(group) -> dict[str, Any]:
    def estimate(g) -> dict[str, Any]:
        return {name: _attr(g.attrs, name) for name in DETECTION_FIELDS}

    summary: dict[str, Any] = {
        "overall": estimate(group["overall"]),
        "by_field": {name: estimate(group["by_field"][name]) for name in FIELD_NAMES},
        "no_compound": estimate(group["no_compound"]),
        "by_compound": {name: estimate(group["by_compound"][name]) for name in COMPOUND_TAG_NAMES},
    }
    summary.update({name: _attr(group.attrs, name) for name in SUMMARY_SCALARS})
    return summary
