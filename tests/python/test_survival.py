"""Kaplan-Meier curves, Greenwood standard errors and confidence intervals, checked against
statsmodels' SurvfuncRight on the engine's episode data and on small hand-made sets."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import norm
from statsmodels.duration.survfunc import SurvfuncRight

import kyosei
from kyosei import kaplan_meier

# statsmodels takes log(0) where a curve reaches zero; its warnings are not ours.
pytestmark = pytest.mark.filterwarnings("ignore:divide by zero:RuntimeWarning",
                                        "ignore:invalid value:RuntimeWarning")


def _check_against_statsmodels(time, observed):
    ours = kaplan_meier(time, observed)
    theirs = SurvfuncRight(time, observed.astype(float))
    np.testing.assert_array_equal(ours.time, theirs.surv_times)
    np.testing.assert_allclose(ours.survival, theirs.surv_prob, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(ours.se, theirs.surv_prob_se, rtol=1e-8, atol=1e-14, equal_nan=True)
    np.testing.assert_array_equal(ours.at_risk, theirs.n_risk)
    np.testing.assert_array_equal(ours.events, theirs.n_events)
    for p in (0.25, 0.5, 0.75):
        q = theirs.quantile(p)
        exact = np.flatnonzero(np.abs(ours.survival - (1 - p)) < 1e-9)
        if len(exact):
            # The documented difference: S(t) == 1-p exactly counts here, not in statsmodels.
            assert ours.quantile(p) == ours.time[exact[0]]
        else:
            assert (math.isnan(q) and math.isnan(ours.quantile(p))) or ours.quantile(p) == q
        lo, hi = theirs.quantile_ci(p)
        ours_lo, ours_hi = ours.quantile_ci(p)
        assert (ours_lo, ours_hi) == (lo, hi) or (math.isnan(lo) and math.isnan(ours_lo))
    return ours, theirs


@pytest.mark.parametrize("group", [None, "gap", "8050", "elderly", "isolated"])
def test_agrees_with_statsmodels_on_engine_data(silo_result, group):
    time, observed = silo_result.detection_times(group)
    ours, theirs = _check_against_statsmodels(time, observed)
    # The restricted mean: the area under statsmodels' step function.
    tau = 365.0
    t = np.concatenate([[0.0], theirs.surv_times[theirs.surv_times < tau], [tau]])
    s = np.concatenate([[1.0], theirs.surv_prob[theirs.surv_times < tau]])
    assert ours.rmst(tau) == pytest.approx(np.sum(s * np.diff(t)), rel=1e-10)


def test_agrees_with_statsmodels_on_small_sets_with_ties():
    rng = np.random.default_rng(3)
    for _ in range(20):
        n = int(rng.integers(5, 60))
        time = rng.integers(1, 15, n).astype(float)
        observed = rng.random(n) < 0.7
        _check_against_statsmodels(time, observed)


def test_a_hand_computed_curve():
    km = kaplan_meier([1, 2, 2, 3, 4], [1, 1, 0, 1, 0])
    np.testing.assert_allclose(km.survival, [0.8, 0.6, 0.3])
    # Greenwood: se(S(1)) = 0.8 sqrt(1/(5*4))
    assert km.se[0] == pytest.approx(0.8 * math.sqrt(1 / 20))
    assert km.median == 3.0
    assert km.survival_at(0) == 1.0
    assert km.survival_at(2.5) == pytest.approx(0.6) and km.survival_at(10) == pytest.approx(0.3)
    np.testing.assert_allclose(km.survival_at([0.5, 1, 3]), [1.0, 0.8, 0.3])
    assert km.rmst(4) == pytest.approx(1 * 1 + 0.8 * 1 + 0.6 * 1 + 0.3 * 1)


def test_log_log_band_formula(silo_result):
    time, observed = silo_result.detection_times("poverty")
    km = kaplan_meier(time, observed, alpha=0.1)
    theirs = SurvfuncRight(time, observed.astype(float))
    z = norm.ppf(0.95)
    s, se = theirs.surv_prob, theirs.surv_prob_se
    ok = (s > 0) & (s < 1) & np.isfinite(se)
    half = z * se[ok] / (s[ok] * np.abs(np.log(s[ok])))
    np.testing.assert_allclose(km.lower[ok], s[ok] ** np.exp(half), rtol=1e-8)
    np.testing.assert_allclose(km.upper[ok], s[ok] ** np.exp(-half), rtol=1e-8)
    assert np.all(km.lower <= km.survival) and np.all(km.survival <= km.upper)
    linear = kaplan_meier(time, observed, transform="linear")
    np.testing.assert_allclose(linear.upper[ok], np.minimum(1, s[ok] + norm.ppf(0.975) * se[ok]), rtol=1e-8)


def test_engine_and_package_curves_are_identical(silo_result):
    time, observed = silo_result.detection_times()
    times, survival, at_risk, events = kyosei._core.kaplan_meier(time, observed.astype(np.uint8))
    km = kaplan_meier(time, observed)
    np.testing.assert_array_equal(km.time, times)
    np.testing.assert_array_equal(km.survival, survival)  # the same products in the same order
    np.testing.assert_array_equal(km.at_risk, at_risk)
    np.testing.assert_array_equal(km.events, events)


def test_rmst_standard_error_is_plausible(silo_result):
    # Against the spread of the restricted mean over bootstrap resamples.
    time, observed = silo_result.detection_times("poverty")
    km = kaplan_meier(time, observed)
    rng = np.random.default_rng(1)
    boots = []
    for _ in range(200):
        i = rng.integers(0, len(time), len(time))
        boots.append(kaplan_meier(time[i], observed[i]).rmst())
    assert km.rmst_se() == pytest.approx(np.std(boots), rel=0.25)


def test_summary_and_frame(silo_result):
    km = silo_result.km()
    s = km.summary()
    assert s["median_lower"] <= s["median_days"] <= s["median_upper"]
    assert s["rmst_days"] == pytest.approx(silo_result.summary["overall"]["rmst_days"])
    f = km.to_frame()
    assert f.index.name == "days" and list(f.columns) == ["survival", "se", "lower", "upper", "at_risk", "events"]
    assert "median" in repr(km)


def test_bad_input():
    with pytest.raises(ValueError):
        kaplan_meier([1, 2], [1])
    with pytest.raises(ValueError):
        kaplan_meier([1, float("nan")], [1, 1])
    with pytest.raises(ValueError):
        kaplan_meier([1, 2], [1, 1], transform="probit")
    empty = kaplan_meier([], [])
    assert math.isnan(empty.median) and empty.rmst(10) == 10.0
