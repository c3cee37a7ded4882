"""``kyosei report``: one self-contained HTML file (figures embedded as PNG, no script, no network:
it opens from a USB stick) from anything kyosei writes:

    a run                 a result file (``kyosei run``)
    a comparison          a directory of result files (``kyosei compare -o DIR``, with or without
                          replicates and their uncertainty_*.csv)
    a sweep or a region   a directory with manifest.csv, runs/ and summary.csv (and total.csv)
    a sensitivity study   the same with sensitivity.csv
    Python objects        a Result, an Ensemble or a Comparison

For runs and comparisons it gives the provenance (version, commit, seeds, the parameters in which
the scenarios differ), the headline numbers with their uncertainty, and the figures of
:mod:`kyosei.figures`: detection before a crisis (cumulative incidences, crisis, death and
remission competing) overall, by field and by compound type; isolation over time; who is still
missed, with detection within 365 days by household type; solitary deaths; costs with the national subsidy and the cost per
detection-day saved; caseloads, queues and waits per agency; and the model-validation table when
one was written to the directory (``kyosei validate-model --csv DIR/validation.csv``).

    kyosei.report("results/compare", "report.html")
    python3 -m kyosei.html_report results/compare -o report.html   # what `kyosei report` runs
"""

from __future__ import annotations

import argparse
import datetime as _dt
import html
import os
import sys
from pathlib import Path
from typing import Any, Iterable

import numpy as np

from . import _core, figures
from ._core import UsageError
from .result import format_number

__all__ = ["report", "build_html", "comparison_of_directory", "main", "HEADLINE_METRICS", "ENSEMBLE_METRICS"]

#: The summary numbers of the headline table, in order.
HEADLINE_METRICS = (
    "overall.episodes", "overall.contact_365", "overall.detection_90", "overall.detection_365",
    "overall.detection_median_days", "overall.crisis_365", "overall.death_365", "by_field.gap.detection_365",
    "by_compound.8050.detection_365", "overall.engagement_365", "mean_isolation_residents", "mean_isolation_households",
    "share_bounced", "mean_wait_days", "compound_coverage_days", "caseload_per_worker", "solitary_deaths_per_100k",
    "solitary_share_8_days", "cost_yen_per_year", "national_subsidy_yen_per_year", "municipal_cost_yen_per_year",
    "cost_per_detected_yen",
)
#: Per-variant bars of a sweep or region: {summary.csv column: label (unit)}.
ENSEMBLE_METRICS = {
    "overall.detection_365": "needs detected before a crisis within 365 days (%)",
    "overall.crisis_365": "needs revealed by a crisis first within 365 days (%)",
    "mean_isolation_residents": "isolated residents (%)",
    "solitary_deaths_per_100k": "solitary deaths (per 100,000 a year)",
    "cost_yen_per_year": "cost (million yen per year)",
    "national_subsidy_yen_per_year": "national subsidy (million yen per year)",
}
_VALIDATION_HEADER = "target,unit,low,high"


# ---- units and formatting -------------------------------------------------------------------
def _units() -> dict[str, tuple[str, str]]:
    """{flattened summary name: (unit, meaning)}."""
    from .result import COMPOUND_TAG_NAMES, FIELD_NAMES

    units = {name: (unit, meaning) for name, unit, meaning in _core.SUMMARY_SCALARS}
    for name, unit, meaning in _core.DETECTION_FIELDS:
        for group in ["overall", "no_compound"] + [f"by_field.{f}" for f in FIELD_NAMES] + \
                [f"by_compound.{t}" for t in COMPOUND_TAG_NAMES]:
            units[f"{group}.{name}"] = (unit, meaning)
    return units


def _format(value: float, unit: str) -> str:
    """As the CLI's tables (:func:`kyosei.result.format_number`), but yen from a million on in
    millions, the unit said ('¥12.3 M')."""
    if value is None or not np.isfinite(value):
        return "-"
    if unit == "yen" and abs(value) >= 1e6:
        return f"¥{value / 1e6:,.1f} M"
    return format_number(value, unit or None)


def _format_change(value: float, unit: str) -> str:
    if value is None or not np.isfinite(value):
        return "-"
    if unit == "yen" and abs(value) >= 1e6:
        return ("+" if value >= 0 else "-") + _format(abs(value), unit)
    return format_number(value, unit or None, change=True)


def _table(header: Iterable[str], rows: Iterable[Iterable[Any]], numeric_from: int = 1,
           numeric_to: int | None = None) -> str:
    """An HTML table; columns numeric_from .. numeric_to - 1 are right-aligned numbers."""
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in header)
    body = []
    for row in rows:
        cells = [f'<td{" class=num" if numeric_from <= i < (numeric_to or 10**6) else ""}>{html.escape(str(c))}</td>'
                 for i, c in enumerate(row)]
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _section(anchor: str, title: str, *parts: str) -> tuple[str, str, str]:
    return anchor, title, f'<section id="{anchor}"><h2>{html.escape(title)}</h2>{"".join(parts)}</section>'


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


# ---- reading what the CLI wrote -------------------------------------------------------------
def _kind(path: Path) -> str:
    if path.is_file():
        return "run"
    if not path.is_dir():
        raise UsageError(f"{path}: no such file or directory")
    if (path / "sensitivity.csv").is_file():
        return "sensitivity"
    if (path / "total.csv").is_file():
        return "region"
    if (path / "manifest.csv").is_file() or (path / "summary.csv").is_file():
        return "sweep"
    if _result_files(path):
        return "comparison"
    raise UsageError(f"{path}: no kyosei results here (expected a result file, a compare directory of .h5 files, "
                     f"or a sweep, region or sensitivity directory with manifest.csv)")


def _result_files(directory: Path) -> list[Path]:
    """The finished result files of a compare directory: not a stopped run's <name>.incomplete.h5
    nor a <name>.checkpoint.h5 (a report shows only finished runs)."""
    return [f for f in sorted(directory.glob("*.h5")) if not f.name.endswith((".incomplete.h5", ".checkpoint.h5"))]


def _comparison_from_files(files: list[Path], baseline: str | None, labels: dict[str, str] | None = None):
    """Result files grouped into an Ensemble per scenario (ordered by replicate), or per
    ``labels[file stem]`` when given (a sweep's variants); the baseline first."""
    from .ensemble import Comparison, Ensemble
    from .result import read

    by_name: dict[str, list] = {}
    for file in sorted(files):
        result = read(file)
        by_name.setdefault(labels[file.stem] if labels else result.name, []).append(result)
    if baseline is not None:
        if baseline not in by_name:
            raise UsageError(f"baseline {baseline!r} is not among the scenarios {sorted(by_name)}")
        by_name = {baseline: by_name.pop(baseline), **by_name}
    return Comparison({name: Ensemble(sorted(rs, key=lambda r: r.replicate)) for name, rs in by_name.items()})


def _csv_baseline(directory: Path) -> str | None:
    """The baseline that `kyosei compare` named in uncertainty_metrics.csv (its first scenario)."""
    path = directory / "uncertainty_metrics.csv"
    if not path.is_file():
        return None
    import pandas as pd

    column = pd.read_csv(path, usecols=["baseline"])["baseline"].dropna()
    return str(column.iloc[0]) if len(column) else None


def _validation_tables(directory: Path) -> list[Path]:
    """CSV files of `kyosei validate-model --csv` in the directory."""
    found = []
    for path in sorted(directory.glob("*.csv")):
        with open(path, encoding="utf-8") as f:
            if f.readline().startswith(_VALIDATION_HEADER):
                found.append(path)
    return found


# ---- sections of a comparison ---------------------------------------------------------------
def _provenance(cmp) -> list[tuple[str, str, str]]:
    rows = []
    for name, ensemble in cmp.items():
        p = [r.provenance for r in ensemble]
        seeds = sorted({x.seed for x in p})
        scenario = ensemble[0].scenario
        residents = scenario["population.residents"] if scenario is not None else "-"
        first, last = min(x.replicate for x in p), max(x.replicate for x in p)
        rows.append([name, len(ensemble), ", ".join(map(str, seeds)), str(first) if first == last else f"{first}-{last}",
                     f"{residents:,}" if isinstance(residents, int) else residents, ensemble[0].days,
                     p[0].version + (f" ({p[0].git_commit})" if p[0].git_commit else ""),
                     min(x.date for x in p), "yes" if all(x.complete for x in p) else "NO"])
    table = _table(["scenario", "runs", "seed", "replicates", "residents", "recorded days", "kyosei version (commit)",
                    "date", "complete"], rows)
    note = "" if len(cmp.names) == 1 else _p(
        f"The first scenario, {cmp.baseline}, is the baseline of every difference. Runs of different scenarios "
        "with the same seed and replicate share their random numbers (common random numbers), so their "
        "differences are paired.")
    return [_section("provenance", "Provenance", table, note, _scenario_differences(cmp))]


def _scenario_differences(cmp) -> str:
    from .scenario import Scenario, parameters

    scenarios = {name: e.scenario for name, e in cmp.items()}
    if any(s is None for s in scenarios.values()):
        return _p("The scenario text of a result no longer parses with this version; parameters not compared.")
    table = parameters()
    if len(scenarios) == 1:
        name, scenario = next(iter(scenarios.items()))
        reference, label = Scenario.defaults(), "default"
        columns = {label: reference.to_dict(), name: scenario.to_dict()}
        heading = f"Parameters of {name} that differ from the defaults"
    else:
        columns = {name: s.to_dict() for name, s in scenarios.items()}
        heading = "Parameters in which the scenarios differ"
    keys = [k for k in next(iter(columns.values())) if len({repr(c[k]) for c in columns.values()}) > 1]
    if not keys:
        return f"<h3>{html.escape(heading)}</h3>" + _p("None: the scenarios have the same parameters.")
    rows = [[key, table.loc[key, "unit"] if key in table.index else "",
             *[_value(c[key]) for c in columns.values()],
             table.loc[key, "meaning"] if key in table.index else ""] for key in keys]
    return (f"<h3>{html.escape(heading)}</h3>" +
            _table(["parameter", "unit", *columns, "meaning"], rows, numeric_from=2, numeric_to=2 + len(columns)))


def _value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)


def _headline(cmp) -> list[tuple[str, str, str]]:
    units = _units()
    metrics = [m for m in HEADLINE_METRICS if m in units]
    n = len(next(iter(cmp.ensembles.values())))
    bands = {name: e.describe(metrics) for name, e in cmp.items()}
    header = ["summary number", "unit"] + cmp.names
    differences = None
    if len(cmp.names) > 1 and n > 1:
        differences = cmp.paired_differences(metrics)
        header += [f"{name} - {cmp.baseline} (95% CI)" for name in cmp.names[1:]]
    elif len(cmp.names) > 1:
        header += [f"{name} - {cmp.baseline}" for name in cmp.names[1:]]
    rows = []
    for metric in metrics:
        unit, _ = units[metric]
        row = [metric, unit]
        for name in cmp.names:
            b = bands[name].loc[metric]
            text = _format(b["median"], unit)
            if n > 1:
                text += f" [{_format(b['p10'], unit)}, {_format(b['p90'], unit)}]"
            row.append(text)
        for name in cmp.names[1:]:
            if differences is not None:
                d = differences.loc[(metric, name)]
                row.append(f"{_format_change(d['mean'], unit)} [{_format_change(d['lower'], unit)}, "
                           f"{_format_change(d['upper'], unit)}]")
            else:
                row.append(_format_change(bands[name].loc[metric, "median"] - bands[cmp.baseline].loc[metric, "median"], unit))
        rows.append(row)
    what = (f"Median over {n} replicates with the 10-90% range in brackets; differences are the mean of the paired "
            f"differences (same seed and replicate) with a 95% bootstrap interval." if n > 1 else
            "One run per scenario: no uncertainty can be given (run kyosei compare --replicates N for it).")
    meanings = "".join(f"<li><code>{html.escape(m)}</code>: {html.escape(units[m][1])}</li>" for m in metrics)
    return [_section("headline", "Headline numbers", _p(what), _table(header, rows, numeric_from=2),
                     f"<details><summary>What the numbers mean</summary><ul>{meanings}</ul></details>")]


def _detection(cmp) -> list[tuple[str, str, str]]:
    parts = [figures.detection(cmp).to_html()]
    if len(cmp.names) > 1 and len(next(iter(cmp.ensembles.values()))) > 1:
        d = cmp.detection()
        rows = [[name, f"{int(r['episodes']):,}", f"{int(r['detected']):,}", _format(r["rmst_days"], "day"),
                 *(["-"] * 3 if name == cmp.baseline else
                   [f"{r['rmst_difference']:+.1f} [{r['rmst_lower']:+.1f}, {r['rmst_upper']:+.1f}]",
                    f"{r['log_rank_chi2']:.1f}", f"{r['log_rank_p']:.3g}"])] for name, r in d.iterrows()]
        parts.append(_table(["scenario", "needs", "accepted (a crisis included)",
                             "restricted mean time to acceptance to 365 d (days)",
                             f"difference from {cmp.baseline} (days, 95% CI)", "log-rank chi²", "log-rank p"], rows))
        parts.append(_p("Time to acceptance by an agency, crises included (a Kaplan-Meier comparison, which the "
                        "figures above replace for detection): restricted mean over the first 365 days after onset, "
                        "replicates pooled; the interval is a paired bootstrap over replicates, the log-rank test is "
                        "stratified by replicate."))
    parts += [figures.detection_by(cmp, "field").to_html(), figures.detection_by(cmp, "compound").to_html()]
    return [_section("detection", "Detection of needs (発見)", *parts)]


def _missed(cmp) -> list[tuple[str, str, str]]:
    table = figures.missed_table(cmp)
    rows = [[dimension, group, name, f"{int(r['needs']):,}", f"{int(r['undetected']):,}",
             _format(r["share_undetected"], "share"), f"{int(r['crisis']):,}", _format(r["share_crisis"], "share"),
             f"{int(r['late']):,}", _format(r["share_late"], "share")]
            for (dimension, group, name), r in table.iterrows()]
    details = ("<details><summary>The numbers (replicates pooled)</summary>" +
               _table(["by", "group", "scenario", "needs", "never detected", "share", "revealed by a crisis", "share",
                       f"detected after {figures.LATE_DAYS} d", "share"], rows, numeric_from=3) + "</details>")
    return [_section("missed", "Who is still missed", figures.missed(cmp).to_html(), details,
                     figures.household_detection(cmp).to_html(), _household_details(cmp))]


def _household_details(cmp) -> str:
    """The numbers of the household figure: per household type and scenario, the cumulative
    incidences at 365 days with their 95% bands."""
    table = figures.household_table(cmp)

    def cell(r, cause: str) -> str:
        return (f"{_format(r[cause], 'share')} [{_format(r[f'{cause}_lower'], 'share')}, "
                f"{_format(r[f'{cause}_upper'], 'share')}]")

    rows = [[figures.caption_term(figures.HOUSEHOLD_LABELS[group], group), name, f"{int(r['needs']):,}",
             cell(r, "reached"), cell(r, "crisis"), cell(r, "death")] for (group, name), r in table.iterrows()]
    days = figures.WITHIN_DAYS
    return ("<details><summary>Detection by household type (cumulative incidences, 95% bands)</summary>" +
            _table(["household type at onset", "scenario", "needs", f"detected before a crisis within {days} d",
                    f"crisis first within {days} d", f"death first within {days} d"], rows, numeric_from=2) +
            "</details>")


def _costs(cmp) -> list[tuple[str, str, str]]:
    parts = [figures.costs(cmp).to_html()]
    if len(cmp.names) > 1:
        ce = figures.cost_effectiveness(cmp)
        labels = {"extra_cost_yen": ("extra cost a year", "yen"),
                  "extra_municipal_cost_yen": ("extra municipal cost a year", "yen"),
                  "detection_days_saved": ("detection-days saved a year", "day"),
                  "yen_per_detection_day_saved": ("yen per detection-day saved", "yen"),
                  "more_needs_found": ("more needs detected before a crisis within 365 days a year", "need"),
                  "yen_per_more_need_found": ("yen per more need found", "yen")}
        rows = []
        for key, (label, unit) in labels.items():
            row = [label]
            for name in ce.index:
                r = ce.loc[name]
                text = _format(r[key], unit)
                if np.isfinite(r[f"{key}_lower"]):
                    text += f" [{_format(r[f'{key}_lower'], unit)}, {_format(r[f'{key}_upper'], unit)}]"
                row.append(text)
            rows.append(row)
        parts.append(_table([f"against {cmp.baseline}", *ce.index], rows))
        parts.append(_p("Means over replicate pairs with 95% bootstrap intervals; detection-days saved are the "
                        "difference in restricted mean time to acceptance (to 365 days, crises included) times the "
                        "needs arising in a year, more needs detected the difference in the cumulative incidence of "
                        "detection before a crisis by 365 days times the same; a ratio is '-' where nothing was saved."))
    return [_section("costs", "Costs and the national subsidy (国庫補助)", *parts)]


def _agencies(cmp) -> list[tuple[str, str, str]]:
    table = figures.agency_table(cmp)
    rows = [[agency, name, r["field"], f"{r['staff']:g}", f"{r['caseload']:.1f}", f"{r['queue']:.1f}",
             f"{r['monitoring']:.1f}", f"{r['caseload_per_staff']:.1f}"] for (agency, name), r in table.iterrows()]
    details = ("<details><summary>Per agency</summary>" +
               _table(["agency", "scenario", "field", "staff (FTE)", "caseload (cases)", "queue (cases)",
                       "monitoring (cases)", "caseload per staff"], rows, numeric_from=3) + "</details>")
    return [_section("agencies", "Caseloads, queues and waits per agency (相談支援機関)",
                     figures.agencies(cmp).to_html(), details)]


def _validation(paths: list[Path]) -> list[tuple[str, str, str]]:
    if not paths:
        return []
    import pandas as pd

    parts = []
    for path in paths:
        v = pd.read_csv(path, dtype={"source": str, "known_gap": str, "measured": str}).fillna({"known_gap": ""})
        rows = [[r["target"], r["unit"], f"{r['low']:g} - {r['high']:g}", f"{r['median']:.3g}",
                 f"{r['p10']:.3g} - {r['p90']:.3g}", r["pass"], r["source"], r["known_gap"]] for _, r in v.iterrows()]
        passed = int((v["pass"] == "PASS").sum())
        parts.append(_p(f"{path.name}: {passed} of {len(v)} calibration targets pass (simulated: median over "
                        f"replicates, 10-90% range; PASS when within the target's tolerance)."))
        parts.append(_table(["target", "unit", "target range", "simulated", "10-90%", "result", "source",
                             "known gap"], rows, numeric_from=2))
    return [_section("validation", "Model validation", *parts)]


def _comparison_sections(cmp, validation: list[Path]) -> list[tuple[str, str, str]]:
    return (_provenance(cmp) + _headline(cmp) + _detection(cmp) +
            [_section("isolation", "Isolation over time (社会的孤立)", figures.isolation(cmp).to_html())] +
            _missed(cmp) +
            [_section("solitary", "Solitary deaths (孤立死)", figures.solitary_deaths(cmp).to_html())] +
            _costs(cmp) + _agencies(cmp) + _validation(validation))


# ---- sweeps, regions, sensitivity studies ---------------------------------------------------
_PLAIN_COLUMNS = ("seed", "replicate", "variant", "adoption_year", "start_year", "run_id")


def _cell(column: str, value: Any, units: dict[str, tuple[str, str]]) -> str:
    """A CSV value for a table: identifiers and years as they are, numbers as the summary's unit says."""
    if isinstance(value, (float, np.floating, int, np.integer)) and not isinstance(value, bool):
        if column in _PLAIN_COLUMNS or column.endswith("_year"):
            return "-" if not np.isfinite(value) else f"{value:.0f}"
        return _format(float(value), units.get(column, ("", ""))[0])
    return str(value)


def _csv_table(frame, transpose: bool = False) -> str:
    units = _units()
    if transpose:  # one row per column of the file: readable when there are few rows and many columns
        header = ["", *[str(v) for v in frame.iloc[:, 0]]]
        rows = [[column, *[_cell(column, v, units) for v in frame[column]]] for column in frame.columns[1:]]
    else:
        header = list(frame.columns)
        rows = [[_cell(c, v, units) for c, v in row.items()] for _, row in frame.iterrows()]
    return f'<div class="wide">{_table(header, rows)}</div>'


def _labelled(frame):
    """summary.csv with a 'label' column naming each run's group: the municipality, or the values of
    the varied parameters (the columns between 'variant' and 'replicate'), or the variant number."""
    frame = frame.copy()
    columns = list(frame.columns)
    if "municipality" in frame:
        frame["label"] = frame["municipality"].astype(str)
    elif "variant" in frame and "replicate" in frame and columns.index("replicate") > columns.index("variant") + 1:
        varied = columns[columns.index("variant") + 1:columns.index("replicate")]
        frame["label"] = [", ".join(f"{c}={_value(row[c])}" for c in varied) for _, row in frame.iterrows()]
    else:
        frame["label"] = [f"variant {v}" for v in frame.get("variant", frame.index)]
    return frame


def comparison_of_directory(directory: str | os.PathLike, baseline: str | None = None):
    """The runs of a directory the CLI wrote as a :class:`~kyosei.Comparison`: one Ensemble per
    scenario of a ``compare``, per variant of a sweep, per municipality of a region (named as the
    report names them), for the functions of :mod:`kyosei.figures`."""
    import pandas as pd

    path = Path(directory)
    kind = _kind(path)
    if kind == "comparison":
        return _comparison_from_files(_result_files(path), baseline or _csv_baseline(path))
    if kind in ("sweep", "region") and (path / "summary.csv").is_file():
        frame = _labelled(pd.read_csv(path / "summary.csv"))
        labels = dict(zip(frame["run_id"].astype(str), frame["label"]))
        return _comparison_from_files([f for f in sorted((path / "runs").glob("*.h5")) if f.stem in labels],
                                      baseline, labels)
    raise UsageError(f"{path}: a {kind}, not a directory of comparable runs")


#: Up to this many variants get detection and isolation curves (more would not be readable).
MAX_CURVES = 8


def _ensemble_provenance(directory: Path, frame, what: str) -> tuple[str, str, str]:
    """Version, commit and date of the runs (from the first run's file), the plan's size and seeds."""
    from .result import read

    runs = sorted((directory / "runs").glob("*.h5"))
    p = read(runs[0]).provenance if runs else None
    seeds = sorted(frame["seed"].unique()) if "seed" in frame else []
    plural = {"municipality": "municipalities"}.get(what, f"{what}s")
    rows = [["runs", len(frame)], [plural, frame["label"].nunique()],
            ["replicates", frame["replicate"].nunique() if "replicate" in frame else "-"],
            ["seeds", ", ".join(map(str, seeds)) if len(seeds) <= 4 else f"{len(seeds)} distinct"]]
    if p is not None:
        rows += [["scenario of the first run", p.scenario_name],
                 ["kyosei version (commit)", p.version + (f" ({p.git_commit})" if p.git_commit else "")],
                 ["date of the first run", p.date]]
    return _section("provenance", "Provenance", _table(["", ""], rows))


def _ensemble_sections(directory: Path, kind: str) -> list[tuple[str, str, str]]:
    import pandas as pd

    summary = directory / "summary.csv"
    if not summary.is_file():
        raise UsageError(f"{directory}: no summary.csv yet (has every run of the {kind} finished? "
                         f"rerun the same command to finish it)")
    frame = _labelled(pd.read_csv(summary))
    what = {"region": "municipality", "sensitivity": "design point"}.get(kind, "variant")
    sections = [_ensemble_provenance(directory, frame, what)]
    if kind == "region" and (directory / "total.csv").is_file():
        total = pd.read_csv(directory / "total.csv")
        sections.append(_section("total", "The region in total", _p(
            "Sums and resident-weighted means over the municipalities, one column per replicate (total.csv)."),
            _csv_table(total, transpose=True)))
    if kind == "sensitivity":
        table = pd.read_csv(directory / "sensitivity.csv")
        parts = [figures.sensitivity(table, output).to_html() for output in dict.fromkeys(table["output"])]
        parts.append(_p("One row per output and parameter, rank 1 the most influential (sensitivity.csv)."))
        parts.append(_csv_table(table))
        sections.append(_section("sensitivity", "Sensitivity", *parts))
    else:
        sections.append(_section("metrics", f"Key numbers per {what}", figures.ensemble_metrics(
            frame, ENSEMBLE_METRICS, by="label", what=what).to_html()))
        if any((directory / "runs").glob("*.h5")) and frame["label"].nunique() <= MAX_CURVES:
            cmp = comparison_of_directory(directory)
            sections.append(_section("detection", f"Detection of needs (発見) per {what}", figures.detection(cmp).to_html()))
            sections.append(_section("isolation", f"Isolation over time (社会的孤立) per {what}",
                                     figures.isolation(cmp).to_html()))
    sections.append(_section("runs", "Every run (summary.csv)", _p(f"One row per run of the {kind}, in plan order."),
                             "<details><summary>The table</summary>" + _csv_table(frame.drop(columns="label")) +
                             "</details>"))
    return sections


# ---- the page -------------------------------------------------------------------------------
_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans JP","IPAGothic",sans-serif;margin:0 auto;
max-width:1100px;padding:1.5em;color:#222;line-height:1.45}
h1{margin-bottom:0.2em}h2{border-bottom:2px solid #ddd;padding-bottom:0.2em;margin-top:2em}
nav ol{columns:2;font-size:0.95em}figure{margin:1.5em 0}figure img{max-width:100%;height:auto;display:block}
figcaption{font-size:0.9em;color:#444;margin-top:0.4em}table{border-collapse:collapse;font-size:0.85em;margin:0.8em 0}
th,td{border-bottom:1px solid #e2e2e2;padding:0.25em 0.6em;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th{background:#f4f4f4}
.wide{overflow-x:auto}.meta{color:#555}code{font-size:0.95em}details{margin:0.6em 0}
"""


def _page(title: str, subtitle: str, sections: list[tuple[str, str, str]]) -> str:
    toc = "".join(f'<li><a href="#{a}">{html.escape(t)}</a></li>' for a, t, _ in sections)
    made = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>"
            f"<h1>{html.escape(title)}</h1><p class=meta>{html.escape(subtitle)}<br>Made by kyosei "
            f"{html.escape(_core.__version__)} ({html.escape(_core.GIT_COMMIT)}) on {made}.</p>"
            f"<nav><ol>{toc}</ol></nav>{''.join(s for *_, s in sections)}</body></html>\n")


def build_html(source: Any, *, title: str | None = None, baseline: str | None = None) -> str:
    """The report's HTML text for a path (result file or directory) or a Result, Ensemble or
    Comparison (see the module docstring)."""
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        kind = _kind(path)
        if kind == "run":
            from .result import read

            cmp = figures.comparison_of(read(path))
            sections = _comparison_sections(cmp, [])
            subtitle = f"One run of {cmp.baseline}: {path}"
        elif kind == "comparison":
            cmp = comparison_of_directory(path, baseline)
            sections = _comparison_sections(cmp, _validation_tables(path))
            n = len(next(iter(cmp.ensembles.values())))
            subtitle = f"A comparison of {len(cmp.names)} scenarios, {n} replicate(s) each: {path}"
        else:
            sections = _ensemble_sections(path, kind) + _validation(_validation_tables(path))
            subtitle = f"A {kind} ({path})"
        name = path.stem if kind == "run" else path.resolve().name
    else:
        cmp = figures.comparison_of(source)
        if baseline is not None:
            cmp = type(cmp)({baseline: cmp[baseline], **{k: v for k, v in cmp.items() if k != baseline}})
        sections = _comparison_sections(cmp, [])
        subtitle = f"Scenarios {', '.join(cmp.names)}"
        name = cmp.baseline if len(cmp.names) == 1 else " vs ".join(cmp.names)
    return _page(title or f"kyosei report: {name}", subtitle, sections)


def report(source: Any, path: str | os.PathLike = "report.html", *, title: str | None = None,
           baseline: str | None = None) -> Path:
    """Writes the report of ``source`` (a result file or directory the CLI wrote, or a Result,
    Ensemble or Comparison) to ``path``, one self-contained HTML file; returns its path."""
    text = build_html(source, title=title, baseline=baseline)
    out = Path(path)
    tmp = out.with_name(out.name + f".tmp-{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kyosei report", description="One self-contained HTML report of a run, "
                                     "comparison, sweep, region or sensitivity study.")
    parser.add_argument("source", help="result file (.h5) or directory written by kyosei")
    parser.add_argument("-o", "--output", default="report.html", help="HTML file to write (default: report.html)")
    parser.add_argument("--title", help="title of the report")
    parser.add_argument("--baseline", help="scenario that differences are taken from (a comparison's)")
    args = parser.parse_args(argv)
    try:
        out = report(args.source, args.output, title=args.title, baseline=args.baseline)
    except (_core.Error, OSError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 3 if isinstance(e, (_core.OutputError, OSError)) else 2
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
