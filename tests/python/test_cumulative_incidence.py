"""The engine's Aalen-Johansen cumulative incidence and the pathway's outcomes (docs/ODD.md
"Outcomes"), checked against statsmodels' CumIncidenceRight: on small hand-made sets with ties,
and on a run's episode table, whose competing causes are derived here again from the columns."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.duration.survfunc import CumIncidenceRight

import kyosei

CRISIS_CHANNEL = 5
DIED, REMITTED = 6, 5  # outcome codes


def _check(time, cause):
    theirs = CumIncidenceRight(np.asarray(time, float), np.asarray(cause))
    for which in range(1, int(max(cause)) + 1):
        t, f, se, lower, upper = kyosei._core.cumulative_incidence(time, cause, which)
        # statsmodels lists every distinct time; ours the times of any event, where F can change.
        at = np.searchsorted(theirs.times, t)
        np.testing.assert_array_equal(theirs.times[at], t)
        np.testing.assert_allclose(f, theirs.cinc[which - 1][at], rtol=1e-12, atol=1e-15)
        finite = np.isfinite(theirs.cinc_se[which - 1][at])
        np.testing.assert_allclose(se[finite], theirs.cinc_se[which - 1][at][finite], rtol=1e-8, atol=1e-12)
        assert np.all(lower <= f) and np.all(f <= upper) and np.all(lower >= 0) and np.all(upper <= 1)


def test_hand_made_sets_with_ties():
    _check([1, 2, 2, 3, 4, 5], [1, 2, 0, 1, 1, 0])
    _check([3, 3, 3, 1, 7, 7, 2, 9, 9, 9], [1, 2, 0, 0, 1, 1, 2, 0, 1, 2])


def test_random_sets_with_three_causes():
    rng = np.random.default_rng(5)
    for _ in range(5):
        n = 300
        time = rng.integers(0, 60, n).astype(float)
        cause = rng.integers(0, 4, n).astype(np.uint8)
        _check(time, cause)


def test_an_empty_set_and_a_cause_that_never_happens():
    t, f, *_ = kyosei._core.cumulative_incidence([], np.array([], np.uint8), 1)
    assert len(t) == 0 and len(f) == 0
    t, f, *_ = kyosei._core.cumulative_incidence([1.0, 2.0], [1, 0], 2)
    assert np.all(f == 0)


def _detection_causes(e, horizon):
    """Detection before a crisis (1), crisis (2), death (3), remission (4), censored (0)."""
    detected = e["detected_day"].to_numpy()
    crisis = (detected >= 0) & (e["channel"].to_numpy() == CRISIS_CHANNEL)
    end = e["end_day"].to_numpy()
    outcome = e["outcome"].to_numpy()
    cause = np.zeros(len(e), np.uint8)
    until = np.full(len(e), horizon)
    cause[detected >= 0] = 1
    cause[crisis] = 2
    until[detected >= 0] = detected[detected >= 0]
    closed = (detected < 0) & (end >= 0)
    cause[closed & (outcome == DIED)] = 3
    cause[closed & (outcome == REMITTED)] = 4
    until[closed] = end[closed]
    return (until - e["onset_day"].to_numpy()).astype(float), cause


def test_the_summary_detection_matches_statsmodels_on_a_run(silo_result):
    e = silo_result.episodes
    time, cause = _detection_causes(e, silo_result.days)
    theirs = CumIncidenceRight(time, cause)

    def at(curve, day):
        k = np.searchsorted(theirs.times, day, side="right") - 1
        return curve[k] if k >= 0 else 0.0

    s = silo_result.summary["overall"]
    assert s["detection_365"] == pytest.approx(at(theirs.cinc[0], 365), rel=1e-10)
    assert s["detection_90"] == pytest.approx(at(theirs.cinc[0], 90), rel=1e-10)
    assert s["crisis_365"] == pytest.approx(at(theirs.cinc[1], 365), rel=1e-10)
    assert s["death_365"] == pytest.approx(at(theirs.cinc[2], 365), rel=1e-10, abs=1e-15)
    se = at(theirs.cinc_se[0], 365)
    assert s["detection_365_lower"] == pytest.approx(max(0.0, s["detection_365"] - 1.959964 * se), rel=1e-6)
    assert s["detection_365_upper"] == pytest.approx(min(1.0, s["detection_365"] + 1.959964 * se), rel=1e-6)
    assert s["detection_events"] == int((cause == 1).sum())
    assert s["crisis_events"] == int((cause == 2).sum())
    # A need revealed by a crisis is never a detection: the deprecated count includes crises.
    assert s["detected"] == s["detection_events"] + s["crisis_events"]
    assert s["detection_365"] < s["within_365"]


def test_a_results_curve_is_the_summarys_detection_and_its_band(silo_result):
    s = silo_result.summary
    curve = silo_result.cumulative_incidence()
    assert curve.at(365) == pytest.approx(s["overall"]["detection_365"], rel=1e-12)
    assert curve.band_at(365) == pytest.approx((s["overall"]["detection_365_lower"],
                                                s["overall"]["detection_365_upper"]), rel=1e-12)
    assert curve.events == s["overall"]["detection_events"]
    gap = silo_result.cumulative_incidence("gap")
    assert gap.at(365) == pytest.approx(s["by_field"]["gap"]["detection_365"], rel=1e-12)
    crisis = silo_result.cumulative_incidence("8050", cause="crisis")
    assert crisis.at(365) == pytest.approx(s["by_compound"]["8050"]["crisis_365"], rel=1e-12)
    # The engine's durations are the ones derived here from the columns.
    time, cause = silo_result.pathway_times("detection")
    theirs_time, theirs_cause = _detection_causes(silo_result.episodes, silo_result.days)
    np.testing.assert_array_equal(time, theirs_time)
    np.testing.assert_array_equal(cause, theirs_cause)
    with pytest.raises(kyosei.UsageError, match="unknown stage"):
        silo_result.pathway_times("rescue")


def test_who_is_missed_by_household_type(silo_result):
    e = silo_result.episodes
    assert set(e["household_type_name"].cat.categories) == set(kyosei.fields.household_type_names)
    table = silo_result.incidence_by("household_type")
    types = table.drop(index="single_65plus", level="group")
    assert types["needs"].sum() == len(e)  # each need in exactly one type at onset
    elders = table.loc[("single_65plus", silo_result.name)]
    assert elders["needs"] == int(((e["household_type_name"] == "single") & (e["age"] >= 65)).sum()) > 0
    for _, row in table.iterrows():
        for cause in kyosei.incidence.CAUSE_NAMES:
            assert row[f"{cause}_lower"] <= row[cause] <= row[f"{cause}_upper"]
        # Detection, crisis, death and remission first: shares of one set of needs, never over 1.
        assert sum(row[c] for c in kyosei.incidence.CAUSE_NAMES) <= 1 + 1e-12
    single = silo_result.cumulative_incidence("single_parent")
    assert single.at(365) == pytest.approx(table.loc[("single_parent", silo_result.name), "reached"])
