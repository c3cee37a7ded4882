"""Replicates and comparisons: common random numbers, medians and 10-90% bands."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kyosei

from conftest import SCENARIOS


@pytest.fixture(scope="module")
def comparison(silo_small, integrated_small):
    return kyosei.compare({"silo": silo_small, "integrated": integrated_small}, replicates=4, seed=3)


def test_replicates_are_distinct_and_reproducible(silo_small):
    ens = kyosei.replicates(silo_small, n=3, seed=5)
    assert len(ens) == 3 and [r.replicate for r in ens] == [0, 1, 2] and {r.seed for r in ens} == {5}
    a, b = (r.arrays["episodes"]["onset_day"] for r in ens[:2])
    assert not (len(a) == len(b) and np.array_equal(a, b))
    again = kyosei.run(silo_small, seed=5, replicate=1)
    np.testing.assert_array_equal(again.arrays["episodes"]["onset_day"], b)


def test_workers_give_the_same_results(silo_small):
    serial = kyosei.replicates(silo_small, n=3, seed=5)
    parallel = kyosei.replicates(silo_small, n=3, seed=5, workers=2, threads=1)
    pd.testing.assert_frame_equal(serial.summary_frame(), parallel.summary_frame())


def test_describe_and_bands(silo_small):
    ens = kyosei.replicates(silo_small, n=4, seed=5)
    frame = ens.summary_frame()
    assert frame.index.name == "replicate" and len(frame) == 4
    d = ens.describe(["overall.detection_365", "share_bounced"])
    assert list(d.columns) == ["p10", "median", "p90"]
    assert (d["p10"] <= d["median"]).all() and (d["median"] <= d["p90"]).all()
    assert d.loc["share_bounced", "median"] == pytest.approx(np.median(frame["share_bounced"]))
    band = ens.series_band("isolation_residents", window=30)
    assert len(band) == ens[0].days and (band["p10"] <= band["p90"]).all()
    km = ens.km_band("gap", days=[0, 30, 365])
    assert list(km.index) == [0, 30, 365] and km.loc[0, "median"] == 0.0


def test_comparison_uses_common_random_numbers(comparison):
    silo, integrated = comparison["silo"], comparison["integrated"]
    assert comparison.baseline == "silo" and comparison.names == ["silo", "integrated"]
    for s, i in zip(silo, integrated):
        assert (s.seed, s.replicate) == (i.seed, i.replicate)
        # Same residents and the same onsets during the burn-in-free start: identical populations.
        np.testing.assert_array_equal(s.series["residents"].to_numpy()[:1], i.series["residents"].to_numpy()[:1])
    assert integrated[0].name == "integrated"


def test_comparison_table_and_differences(comparison):
    t = comparison.table(["overall.detection_365", "share_bounced"])
    assert set(t.columns.get_level_values(0)) == {"silo", "integrated", "integrated - silo"}
    diffs = comparison.differences("share_bounced")
    assert list(diffs.columns) == ["integrated"]
    assert t.loc["share_bounced", ("integrated - silo", "median")] == pytest.approx(diffs["integrated"].median())
    # The regimes differ as the model says: fewer bounced needs, more found before a crisis.
    assert (diffs["integrated"] < 0).all()
    assert (comparison.differences("overall.detection_365")["integrated"] > 0).all()
    full = comparison.table()
    assert "overall.detection_365" in full.index and "overall.median_days" not in full.index


def test_compare_a_list_by_path():
    cmp = kyosei.compare([SCENARIOS / "silo.yaml", SCENARIOS / "integrated.yaml"], replicates=1,
                         overrides={"population.residents": 5000, "run.horizon_days": 120})
    assert cmp.names == ["silo", "integrated"]
    assert "Comparison" in repr(cmp) and "Ensemble" in repr(cmp["silo"])
