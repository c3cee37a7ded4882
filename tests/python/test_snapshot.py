"""Population snapshots (python/kyosei/snapshot.py, docs/outputs.md "Population snapshots"):
Simulation.snapshot() and Result.snapshots give the residents, households and tie edge list as
tables, the CLI's file holds the same ones for pandas, and networkx builds the tie network."""

from __future__ import annotations

import subprocess

import numpy as np
import pytest

import kyosei
from kyosei import _core

from conftest import SCENARIOS

SMALL = {"population.residents": 4000, "run.horizon_days": 120, "run.burn_in_days": 30}


@pytest.fixture(scope="module")
def snapshot_run():
    return kyosei.run(kyosei.load(SCENARIOS / "integrated.yaml").with_(SMALL), seed=3, threads=2,
                      snapshot_days=[0, 119])


def test_simulation_snapshot_is_three_tables_of_the_field_table():
    sc = kyosei.load(SCENARIOS / "integrated.yaml").with_(SMALL)
    simulation = _core.Simulation(sc._core, seed=3, threads=2)
    simulation.step(40)
    taken = simulation.snapshot()
    assert taken["day"] == 40 - 30 - 1  # the end of recorded day 9
    for table, fields in (("residents", _core.SNAPSHOT_RESIDENT_COLUMNS),
                          ("households", _core.SNAPSHOT_HOUSEHOLD_COLUMNS), ("ties", _core.SNAPSHOT_TIE_COLUMNS)):
        columns = taken[table]
        assert list(columns) == [name for name, *_ in fields]
        assert {len(values) for values in columns.values()} == {len(columns[fields[0][0]])}
        for name, dtype, *_ in fields:
            assert columns[name].dtype == dtype, (table, name)
    residents = taken["residents"]
    assert np.array_equal(residents["id"], np.arange(len(residents["id"])))
    ties = taken["ties"]
    assert np.all(ties["a"] < ties["b"])
    assert len(ties["a"]) > 0
    series = simulation.results().series
    assert np.sum(residents["departure"] == 0) == series["residents"][9]
    assert len(ties["a"]) == series["ties"][9]


def test_snapshot_days_are_checked(integrated_small):
    for days in ([-1], [5, 3], [4, 4], [10**6]):
        with pytest.raises(kyosei.UsageError, match="snapshot_days: day"):
            _core.Simulation(integrated_small._core, seed=1, snapshot_days=days)


def test_result_snapshots_as_dataframes(snapshot_run):
    assert sorted(snapshot_run.snapshots) == [0, 119]
    snap = snapshot_run.snapshots[119]
    residents, households, ties = snap.residents, snap.households, snap.ties
    assert residents.index.name == "id" and households.index.name == "id"
    assert (residents["departure_name"] == "present").sum() == snapshot_run.series["residents"][119]
    assert households["members"].sum() == snapshot_run.series["residents"][119]
    assert len(ties) == snapshot_run.series["ties"][119]
    assert set(ties["kind_name"].unique()) <= {"neighbour", "friendship"}
    assert "start" in set(ties["origin_name"])
    # The ends of every tie are residents present that day.
    assert (residents.loc[ties["a"], "departure"] == 0).all()
    assert (residents.loc[ties["b"], "departure"] == 0).all()


def test_the_cli_file_reads_with_h5py_and_pandas_and_round_trips(tmp_path, cli, snapshot_run):
    import h5py
    import pandas as pd

    out = tmp_path / "run.h5"
    args = [str(cli), "run", str(SCENARIOS / "integrated.yaml"), "-o", str(out), "--seed", "3", "--threads", "1",
            "--snapshot-days", "0,119"]
    for key, value in SMALL.items():
        args += ["--set", f"{key}={value}"]
    subprocess.run(args, check=True, capture_output=True)
    with h5py.File(out, "r") as f:
        g = f["snapshots/day_119/ties"]
        ties = pd.DataFrame({c: g[c][()] for c in g if c != "row"})
        assert int(f["snapshots/day_119"].attrs["day"]) == 119
    # The same run from Python (another thread count): the same tables.
    pd.testing.assert_frame_equal(ties[list(kyosei.snapshot.TIE_COLUMNS)],
                                  snapshot_run.snapshots[119].ties[list(kyosei.snapshot.TIE_COLUMNS)].reset_index(
                                      drop=True), check_names=False)
    read = kyosei.read(out)
    for day in (0, 119):
        pd.testing.assert_frame_equal(read.snapshots[day].residents, snapshot_run.snapshots[day].residents)
        pd.testing.assert_frame_equal(read.snapshots[day].households, snapshot_run.snapshots[day].households)
    again = tmp_path / "again.h5"
    read.to_hdf5(again)
    pd.testing.assert_frame_equal(kyosei.read(again).snapshots[119].ties, read.snapshots[119].ties)


def test_networkx_graph_of_the_residents_present(snapshot_run):
    nx = pytest.importorskip("networkx")
    snap = snapshot_run.snapshots[119]
    graph = snap.graph()
    assert isinstance(graph, nx.Graph)
    assert graph.number_of_nodes() == snapshot_run.series["residents"][119]
    assert graph.number_of_edges() == len(snap.ties)
    active = snap.graph(active_only=True)
    assert active.number_of_edges() == int(snap.ties["active"].sum())
    isolated = snap.residents.query("isolated == 1").index
    assert all(active.degree(r) == 0 for r in isolated)
