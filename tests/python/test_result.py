"""Result: DataFrames from the field table, the summary, Kaplan-Meier curves by group."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import kyosei


def test_series_frame(silo_result):
    s = silo_result.series
    assert isinstance(s, pd.DataFrame)
    assert s.index.name == "day" and len(s) == silo_result.days == 1095
    assert list(s.columns) == [name for name, *_ in kyosei.fields.series]
    assert (s["residents"] > 15000).all()
    assert s["isolation_residents"].between(0, 1).all()


def test_episode_frame(silo_result):
    e = silo_result.episodes
    raw = silo_result.arrays["episodes"]
    names = [name for name, *_ in kyosei.fields.episode_columns]
    assert list(e.columns[: len(names)]) == names
    for name, dtype, *_ in kyosei.fields.episode_columns:
        assert e[name].dtype == dtype
        np.testing.assert_array_equal(e[name].to_numpy(), raw[name])
    assert len(e) == silo_result.summary["overall"]["episodes"]
    assert set(e["field_name"].cat.categories) == set(kyosei.fields.field_names)
    assert (e["detected"] == (e["detected_day"] >= 0)).all()
    detected = e[e["detected"]]
    assert (detected["detection_time"] == detected["detected_day"] - detected["onset_day"]).all()
    assert (e["is_8050"] == ((e["compound"] & 1) != 0)).all()
    assert e["is_isolated"].sum() == silo_result.summary["by_compound"]["isolated"]["episodes"]


def test_solitary_death_frame(silo_small):
    r = kyosei.run(silo_small.with_({"solitary_deaths.at_home_share": 1.0}), seed=7)
    d = r.solitary_deaths
    raw = r.arrays["solitary_deaths"]
    names = [name for name, *_ in kyosei.fields.solitary_death_columns]
    assert list(d.columns[: len(names)]) == names
    for name, dtype, *_ in kyosei.fields.solitary_death_columns:
        assert d[name].dtype == dtype
        np.testing.assert_array_equal(d[name].to_numpy(), raw[name])
    assert d.index.name == "death" and len(d) == r.summary["solitary_deaths"] > 50
    assert (d["days_to_discovery"] == d["discovery_day"] - d["death_day"]).all()
    assert (d["days_to_discovery"] >= 0).all()
    assert set(d["channel_name"].cat.categories) == set(kyosei.fields.discovery_channel_names)
    assert (d["channel_name"].astype(str) == [kyosei.fields.discovery_channel_names[c] for c in d["channel"]]).all()
    assert r.series["solitary_deaths"].sum() == len(d)
    assert r.summary["solitary_share_8_days"] == pytest.approx((d["days_to_discovery"] >= 8).mean())
    assert r.summary["solitary_median_days"] == pytest.approx(d["days_to_discovery"].median())


def test_agencies_and_agency_series(silo_result):
    a = silo_result.agencies
    assert a.index.name == "name" and {"field", "district", "staff", "capacity", "field_name"} <= set(a.columns)
    q = silo_result.agency_series("queue")
    assert q.shape == (silo_result.days, len(a)) and list(q.columns) == list(a.index)
    assert (q >= 0).all().all()
    with pytest.raises(KeyError):
        silo_result.agency_series("nope")


def test_summary_dict_and_table(silo_result):
    s = silo_result.summary
    assert set(s) >= {"overall", "by_field", "no_compound", "by_compound", "share_bounced", "mean_isolation_residents"}
    s["overall"]["median_days"] = -1  # a copy: the result is unchanged
    assert silo_result.summary["overall"]["median_days"] != -1
    t = silo_result.summary_table()
    assert list(t.index)[:2] == ["overall", "field:elderly"] and "compound:8050" in t.index
    assert list(t.columns) == [name for name, *_ in kyosei.fields.detection_fields]
    flat = silo_result.flat_summary()
    assert flat["by_field.gap.episodes"] == s["by_field"]["gap"]["episodes"]


GROUPS = [None, "elderly", "disability", "child", "poverty", "gap", "no_compound", "8050",
          "double_care", "isolated", "multi_need"]


@pytest.mark.parametrize("group", GROUPS)
def test_km_equals_the_engine_summary(silo_result, group):
    s = silo_result.summary
    if group is None:
        expected = s["overall"]
    elif group in kyosei.fields.field_names:
        expected = s["by_field"][group]
    elif group == "no_compound":
        expected = s["no_compound"]
    else:
        expected = s["by_compound"][group]
    km = silo_result.km(group)
    assert km.n == expected["episodes"] and km.n_events == expected["detected"]
    if math.isnan(expected["median_days"]):
        assert math.isnan(km.median)
    else:
        assert km.median == expected["median_days"]
    assert km.rmst(365) == pytest.approx(expected["rmst_days"], rel=1e-12)
    for days in (30, 90, 365):
        assert km.detected_by(days) == pytest.approx(expected[f"within_{days}"], rel=1e-12, abs=1e-15)


def test_km_by_and_masks(silo_result):
    by_field = silo_result.km_by("field")
    assert list(by_field) == list(kyosei.fields.field_names)
    e = silo_result.episodes
    mask = (e["age"] >= 65).to_numpy()
    km = silo_result.km(mask)
    assert km.n == mask.sum()
    with pytest.raises(KeyError):
        silo_result.km("martians")
    assert set(silo_result.km_by("compound")) == {"8050", "double_care", "isolated", "multi_need", "no_compound"}


def test_repr_and_provenance(silo_result):
    assert "silo" in repr(silo_result) and "seed=7" in repr(silo_result)
    p = silo_result.provenance
    assert p.seed == 7 and p.replicate == 0 and p.complete and p.version == kyosei.__version__
    assert silo_result.scenario["population.residents"] == 20000


def test_a_stopped_run_is_incomplete(silo_small):
    r = kyosei.run(silo_small, seed=1, progress=lambda done, total: done < 800)
    assert not r.complete
    assert r.days == 810 - silo_small["run.burn_in_days"]
    assert "INCOMPLETE" in repr(r)


def test_progress_bar(silo_small, capsys):
    kyosei.run(silo_small.with_({"run.horizon_days": 365}), seed=1, progress=True)
    err = capsys.readouterr().err
    assert "silo" in err and "100%" in err and "day" in err


def test_help_is_useful():
    doc = kyosei.run.__doc__
    for word in ("seed", "replicate", "threads", "overrides", "progress", "ScenarioError", "Example"):
        assert word in doc
    assert "kyosei.run" in kyosei.__doc__
    assert kyosei.Result.__doc__ and kyosei.Scenario.with_.__doc__ and kyosei.compare.__doc__


def test_output_dictionary():
    d = kyosei.output_dictionary()
    assert {"episodes", "solitary deaths", "series", "agency series", "snapshot residents", "snapshot households",
            "snapshot ties"} == set(d["group"])
    assert d["meaning"].str.len().min() > 5
