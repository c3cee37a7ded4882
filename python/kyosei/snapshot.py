"""Population snapshots: the residents, households and tie edge list of one day as pandas
DataFrames, and the tie network as a networkx graph (docs/outputs.md, "Population snapshots").

A run keeps snapshots of the days it was asked for (``kyosei run --snapshot-days D1,D2`` or
``kyosei.run(..., snapshot_days=[D1, D2])``): ``result.snapshots[D]``, also after
:func:`kyosei.read`. ``_core.Simulation.snapshot()`` gives the day a run has reached, and
:meth:`Snapshot.from_core` wraps it.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Mapping

import numpy as np

from . import _core

__all__ = ["Snapshot", "RESIDENT_COLUMNS", "HOUSEHOLD_COLUMNS", "TIE_COLUMNS"]

RESIDENT_COLUMNS = tuple(name for name, *_ in _core.SNAPSHOT_RESIDENT_COLUMNS)
HOUSEHOLD_COLUMNS = tuple(name for name, *_ in _core.SNAPSHOT_HOUSEHOLD_COLUMNS)
TIE_COLUMNS = tuple(name for name, *_ in _core.SNAPSHOT_TIE_COLUMNS)
TABLES = {"residents": RESIDENT_COLUMNS, "households": HOUSEHOLD_COLUMNS, "ties": TIE_COLUMNS}
# The codes of the enumeration columns, in the order of their meanings in the field table.
DEPARTURE_NAMES = ("present", "died", "moved_out", "in_care", "died_in_care")
TIE_KIND_NAMES = ("neighbour", "friendship")
TIE_ORIGIN_NAMES = ("start", "neighbourhood", "friend_of_friend", "place", "programme")


def _categorical(codes, names):
    import pandas as pd

    return pd.Categorical.from_codes(np.asarray(codes).astype(np.int64), names)


class Snapshot:
    """The population at the end of recorded day :attr:`day` (negative: a day of the burn-in).

    DataFrames (built on first use):
        residents   one row per resident the run has had (index ``id``), those who left included
                    (``departure`` > 0), with ``departure_name`` decoded
        households  one row per household (index ``id``), dissolved ones with 0 members, with
                    ``type_name`` decoded
        ties        the tie edge list, one row per tie not ended: ``a`` < ``b``, ``kind``,
                    ``active``, ``origin``, with ``kind_name`` and ``origin_name`` decoded
    Also :meth:`graph` (networkx) and :attr:`arrays` (the columns as numpy arrays).
    """

    def __init__(self, day: int, residents: Mapping[str, np.ndarray], households: Mapping[str, np.ndarray],
                 ties: Mapping[str, np.ndarray]):
        self.day = int(day)
        self._tables = {"residents": dict(residents), "households": dict(households), "ties": dict(ties)}

    @classmethod
    def from_core(cls, snapshot: Mapping[str, Any]) -> "Snapshot":
        """From the engine's dict (``_core.Simulation.snapshot()``, ``_core.Results.snapshots``)."""
        return cls(snapshot["day"], snapshot["residents"], snapshot["households"], snapshot["ties"])

    @classmethod
    def from_hdf5(cls, group) -> "Snapshot":
        """From an h5py group ``/snapshots/day_<D>`` of a result file."""
        return cls(int(group.attrs["day"]),
                   *({name: group[table][name][()] for name in columns} for table, columns in TABLES.items()))

    @property
    def arrays(self) -> dict[str, dict[str, np.ndarray]]:
        """``{'day': D, 'residents': {...}, 'households': {...}, 'ties': {...}}``: the engine's
        layout (what ``_core.Results.from_arrays`` takes back)."""
        return {"day": self.day, **{table: dict(columns) for table, columns in self._tables.items()}}

    def _frame(self, table: str, index: str | None):
        import pandas as pd

        columns = self._tables[table]
        frame = pd.DataFrame({name: np.asarray(columns[name]) for name in TABLES[table]})
        return frame.set_index(index) if index else frame

    @cached_property
    def residents(self):
        frame = self._frame("residents", "id")
        frame["departure_name"] = _categorical(frame["departure"], DEPARTURE_NAMES)
        return frame

    @cached_property
    def households(self):
        frame = self._frame("households", "id")
        frame["type_name"] = _categorical(frame["type"], _core.HOUSEHOLD_TYPE_NAMES)
        return frame

    @cached_property
    def ties(self):
        frame = self._frame("ties", None)
        frame["kind_name"] = _categorical(frame["kind"], TIE_KIND_NAMES)
        frame["origin_name"] = _categorical(frame["origin"], TIE_ORIGIN_NAMES)
        frame.index.name = "edge"
        return frame

    def graph(self, *, present_only: bool = True, active_only: bool = False):
        """The tie network as a ``networkx.Graph``: a node per resident (only those present in the
        community's households unless ``present_only=False``) with the residents' columns as
        attributes, an edge per tie (only active ones with ``active_only=True``) with ``kind``,
        ``active`` and ``origin``. Needs networkx (``pip install networkx``, Debian
        ``python3-networkx``)."""
        import networkx as nx

        residents = self._tables["residents"]
        keep = np.asarray(residents["departure"]) == 0 if present_only else np.ones(len(residents["id"]), bool)
        graph = nx.Graph(day=self.day)
        ids = np.asarray(residents["id"])[keep]
        attributes = {name: np.asarray(residents[name])[keep].tolist() for name in RESIDENT_COLUMNS if name != "id"}
        graph.add_nodes_from((int(r), {name: values[i] for name, values in attributes.items()})
                             for i, r in enumerate(ids.tolist()))
        t = self._tables["ties"]
        edges = np.ones(len(t["a"]), bool) if not active_only else np.asarray(t["active"]) == 1
        graph.add_edges_from(
            (a, b, {"kind": k, "active": s, "origin": o})
            for a, b, k, s, o in zip(*(np.asarray(t[c])[edges].tolist() for c in ("a", "b", "kind", "active",
                                                                                   "origin"))))
        return graph

    def __repr__(self) -> str:
        present = int(np.sum(np.asarray(self._tables["residents"]["departure"]) == 0))
        return (f"<kyosei.Snapshot day {self.day}: {present:,} residents present, "
                f"{len(self._tables['ties']['a']):,} ties>")
