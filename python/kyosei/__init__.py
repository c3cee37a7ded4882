"""kyosei (共生): an agent-based simulator of Japan's community safety net.

Run a scenario in two lines, get DataFrames and plots, on the same engine as the ``kyosei`` CLI
and at its speed (the engine runs in C++ without the GIL)::

    import kyosei
    result = kyosei.run("scenarios/integrated.yaml", seed=1)
    result.series            # daily series, a DataFrame indexed by day
    result.episodes          # one row per need: onset, detection, channel, outcome, ...
    result.solitary_deaths   # one row per death at home of a resident living alone (孤立死)
    result.summary           # Kaplan-Meier medians, restricted means, isolation, referral losses
    result.cumulative_incidence("gap")  # detection before a crisis of needs no silo owns, 95% band
    result.incidence_by("household_type")  # who is missed: detection within 365 days per household type

A population snapshot (residents, households, the tie edge list; a networkx graph) of chosen days::

    result = kyosei.run("scenarios/silo.yaml", snapshot_days=[0, 3649])
    result.snapshots[3649].ties    # one row per tie: a, b, kind, active, origin
    result.snapshots[3649].graph() # networkx.Graph of the residents present

Scenarios are immutable; change one with ``with_``::

    silo = kyosei.load("scenarios/silo.yaml")
    small = silo.with_({"population.residents": 20000, "run.horizon_days": 1825})

Replicates and comparisons, with common random numbers, medians and 10-90% bands::

    cmp = kyosei.compare({"silo": silo, "integrated": "scenarios/integrated.yaml"}, replicates=5)
    cmp.table()
    cmp.paired_differences()   # mean difference from the baseline with a 95% bootstrap interval
    cmp.detection()            # restricted mean detection times, their difference, log-rank tests
    kyosei.plot.detection_curves(cmp)
    cmp.to_xarray()            # every daily series as (scenario, replicate, day)

Studies of many runs as the CLI runs them, returning DataFrames read from its files
(:mod:`kyosei.studies`: ``sweep``, ``region``, ``sensitivity``, ``factorial``,
``validate_model``); checkpoints with ``kyosei.run(..., checkpoint="run.ckpt.h5",
checkpoint_every=365)`` and :func:`resume`. Long calls show a progress bar (tqdm) with the time
left.

Results round-trip through the CLI's HDF5 files: ``result.to_hdf5("run.h5")`` and
``kyosei.read("run.h5")``. Errors are typed: :class:`ScenarioError` (a bad file, dict or override,
with ``file``, ``line``, ``column`` and ``key``), :class:`UsageError`, :class:`OutputError`,
:class:`ResourceError` (a run too big for the memory available, also a MemoryError), all
subclasses of :class:`Error`.

Main names: :func:`run`, :func:`resume`, :func:`replicates`, :func:`compare`, :func:`load`,
:class:`Scenario`, :class:`Result`, :func:`read`, :func:`cumulative_incidence` (detection before a
crisis, the competing events accounted for), :func:`kaplan_meier`, :func:`parameters`,
:func:`report` (one HTML file of a result or comparison, :mod:`kyosei.html_report`),
:mod:`kyosei.studies`, :mod:`kyosei.figures`, :mod:`kyosei.plot`, :mod:`kyosei.uncertainty`,
:data:`fields`.

The modules form layers, each importing only those below it (tests/python/test_layers.py):

    _core                  the C++ engine (pybind11)
    survival, incidence, uncertainty  statistics, computed by the engine's code
    scenario, snapshot, result   data: scenarios, population snapshots, one run's outputs, the HDF5 files
    progress, command      progress bars; the kyosei executable
    simulate, ensemble, studies   running: one run, replicates and comparisons, CLI studies
    plot, figures          figures, on top of everything
    html_report            the HTML report, made of the figures
"""

from __future__ import annotations

from types import SimpleNamespace as _Namespace

from . import _core
from ._core import Error, OutputError, ResourceError, ScenarioError, UsageError
from .ensemble import Comparison, Ensemble, compare, replicates
from .result import Provenance, Result, read
from .snapshot import Snapshot
from .scenario import Scenario, load, parameters
from .simulate import resume, run
from .incidence import CumulativeIncidence, cumulative_incidence
from .survival import KaplanMeier, kaplan_meier
from . import command, figures, plot, studies, uncertainty

__version__: str = _core.__version__
git_commit: str = _core.GIT_COMMIT

#: The engine's field table (output_fields.hpp, summary_fields.hpp) and enumeration names:
#: ``fields.episode_columns`` etc. are tuples of (name, dtype, unit, meaning); the DataFrame
#: columns, the HDF5 datasets and docs/outputs are all made from these lists.
fields = _Namespace(
    episode_columns=_core.EPISODE_COLUMNS,
    solitary_death_columns=_core.SOLITARY_DEATH_COLUMNS,
    series=_core.SERIES,
    agency_series=_core.AGENCY_SERIES,
    snapshot_resident_columns=_core.SNAPSHOT_RESIDENT_COLUMNS,
    snapshot_household_columns=_core.SNAPSHOT_HOUSEHOLD_COLUMNS,
    snapshot_tie_columns=_core.SNAPSHOT_TIE_COLUMNS,
    detection_fields=_core.DETECTION_FIELDS,
    summary_scalars=_core.SUMMARY_SCALARS,
    field_names=_core.FIELD_NAMES,
    channel_names=_core.CHANNEL_NAMES,
    outcome_names=_core.OUTCOME_NAMES,
    compound_tag_names=_core.COMPOUND_TAG_NAMES,
    household_type_names=_core.HOUSEHOLD_TYPE_NAMES,
    discovery_channel_names=_core.DISCOVERY_CHANNEL_NAMES,
    rmst_horizon_days=_core.RMST_HORIZON_DAYS,
)


def report(source, path="report.html", *, title=None, baseline=None):
    """Writes one self-contained HTML report of ``source`` (a result file or a directory that the
    CLI wrote, or a Result, Ensemble or Comparison) to ``path`` and returns its path; see
    :mod:`kyosei.html_report` (imported here on first use, so that ``python3 -m
    kyosei.html_report`` runs it cleanly)."""
    from .html_report import report as write_report

    return write_report(source, path, title=title, baseline=baseline)


def output_dictionary():
    """The recorded outputs as a DataFrame: one row per episode column, solitary death column,
    daily series and population snapshot column, with its group, dtype, unit and meaning (the
    engine's field table)."""
    import pandas as pd

    rows = []
    for group, table in (("episodes", _core.EPISODE_COLUMNS),
                         ("solitary deaths", _core.SOLITARY_DEATH_COLUMNS), ("series", _core.SERIES),
                         ("agency series", _core.AGENCY_SERIES),
                         ("snapshot residents", _core.SNAPSHOT_RESIDENT_COLUMNS),
                         ("snapshot households", _core.SNAPSHOT_HOUSEHOLD_COLUMNS),
                         ("snapshot ties", _core.SNAPSHOT_TIE_COLUMNS)):
        rows += [{"group": group, "name": n, "dtype": str(d), "unit": u, "meaning": m} for n, d, u, m in table]
    return pd.DataFrame(rows)


__all__ = [
    "run", "resume", "replicates", "compare", "load", "read", "parameters", "kaplan_meier", "cumulative_incidence",
    "output_dictionary", "Scenario", "Result", "Provenance", "Snapshot", "Ensemble", "Comparison", "KaplanMeier",
    "CumulativeIncidence",
    "Error", "ScenarioError", "UsageError", "OutputError", "ResourceError", "plot", "uncertainty", "studies",
    "command",
    "fields", "figures", "report",
    "__version__", "git_commit",
]
