"""Uncertainty of replicated comparisons: kyosei.uncertainty against statsmodels and by hand, and
the Python API against the CLI's `compare --replicates` (tables, JSON and files)."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.duration.survfunc import survdiff

import kyosei
from kyosei import uncertainty

from conftest import SCENARIOS, SMALL


def synthetic(replicates: int = 4, n: int = 300, speedup: float = 0.9, seed: int = 1):
    """Baseline and scenario durations per replicate: the scenario detects the same needs sooner."""
    rng = np.random.default_rng(seed)
    scenario, baseline = [], []
    for _ in range(replicates):
        time = np.floor(rng.exponential(40.0, n))
        observed = rng.random(n) < 0.8
        baseline.append((time, observed))
        scenario.append((np.floor(time * speedup), observed))
    return scenario, baseline


def test_the_statistics_are_the_engines():
    # The package keeps no second implementation: each function is the bound C++ one.
    values = [3.0, 1.0, np.nan, 7.0, 5.0]
    assert uncertainty.band(values) == kyosei._core.band_of(np.array(values))
    assert uncertainty.band(values)["median"] == np.nanquantile(values, 0.5)
    assert uncertainty.quantile(values, 0.9) == pytest.approx(np.nanquantile(values, 0.9), rel=1e-15)
    scenario, baseline = np.random.default_rng(2).normal(size=(2, 12))
    d = uncertainty.paired_difference(scenario, baseline)
    other_seed = uncertainty.paired_difference(scenario, baseline, seed=1)
    assert d["mean"] == other_seed["mean"] and (d["lower"], d["upper"]) != (other_seed["lower"], other_seed["upper"])
    assert uncertainty.BOOTSTRAP_SEED == 20240611 and uncertainty.RESAMPLES == 2000
    with pytest.raises(kyosei.UsageError, match="resamples"):
        uncertainty.paired_difference([1.0, 2.0], [0.0, 0.0], resamples=0)


def test_log_rank_matches_statsmodels_survdiff_with_replicate_strata():
    scenario, baseline = synthetic()
    test = uncertainty.log_rank(scenario, baseline)
    time = np.concatenate([t for t, _ in scenario + baseline])
    status = np.concatenate([o for _, o in scenario + baseline]).astype(float)
    group = np.repeat([1, 0], [sum(t.size for t, _ in scenario), sum(t.size for t, _ in baseline)])
    strata = np.concatenate([np.full(t.size, r) for r, (t, _) in enumerate(scenario)] +
                            [np.full(t.size, r) for r, (t, _) in enumerate(baseline)])
    chi2, p = survdiff(time, status, group, strata=strata)
    assert test["chi2"] == pytest.approx(chi2, rel=1e-10)
    assert test["p_value"] == pytest.approx(p, rel=1e-8)
    assert test["observed"] > test["expected"]  # the scenario detects sooner


def test_log_rank_hand_example():
    # The example of tests/cpp/test_uncertainty.cpp: O = 3, E = 86/35.
    test = uncertainty.log_rank([([1, 3, 4, 5], [1, 1, 0, 1])], [([2, 2, 3, 6], [1, 1, 0, 1])])
    variance = 0.25 + 20 / 49 + 6 / 25 + 0.25
    assert test["expected"] == pytest.approx(86 / 35)
    assert test["chi2"] == pytest.approx((3 - 86 / 35) ** 2 / variance)


def test_rmst_difference_pools_replicates_like_kaplan_meier():
    scenario, baseline = synthetic()
    d = uncertainty.rmst_difference(scenario, baseline, tau=60.0)
    pooled = kyosei.kaplan_meier(np.concatenate([t for t, _ in baseline]), np.concatenate([o for _, o in baseline]))
    assert d["baseline"] == pytest.approx(pooled.rmst(60.0), rel=1e-12)
    assert d["difference"] == pytest.approx(d["scenario"] - d["baseline"])
    assert d["lower"] < d["difference"] < d["upper"] < 0


def test_paired_difference_drops_nan_pairs_and_brackets_the_mean():
    d = uncertainty.paired_difference([10, 12, np.nan, 15, 11], [8, 11, 9, 12, 11])
    assert d["pairs"] == 4 and d["mean"] == 1.5
    assert 0 <= d["lower"] <= 1.5 <= d["upper"] <= 3
    one = uncertainty.paired_difference([3.0], [1.0])
    assert one["mean"] == 2.0 and np.isnan(one["lower"])


@pytest.fixture(scope="module")
def cli_comparison(cli, tmp_path_factory):
    """`kyosei compare --replicates 3` with -o and --json, and the same runs read back in Python."""
    out = tmp_path_factory.mktemp("compare")
    sets = [arg for key, value in SMALL.items() for arg in ("--set", f"{key}={value}")]
    command = [str(cli), "compare", str(SCENARIOS / "silo.yaml"), str(SCENARIOS / "integrated.yaml"), *sets,
               "--seed", "3", "--replicates", "3", "--jobs", "2", "--threads", "1", "--json", "-o", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    ensembles = {name: kyosei.Ensemble([kyosei.read(out / f"{name}.r{r}.h5") for r in range(3)])
                 for name in ("silo", "integrated")}
    return json.loads(done.stdout), out, kyosei.Comparison(ensembles)


def test_cli_json_agrees_with_the_python_api(cli_comparison):
    report, _, comparison = cli_comparison
    assert report["baseline"] == "silo" and report["replicates"] == 3
    bands = comparison.bands()
    differences = comparison.paired_differences()
    for metric in ("overall.median_days", "overall.rmst_days", "share_bounced", "cost_yen_per_year"):
        for name in ("silo", "integrated"):
            for q in ("p10", "median", "p90"):
                assert report["bands"][name][metric][q] == bands.loc[(metric, name), q]  # the same code
        cli_d, py_d = report["differences"]["integrated"][metric], differences.loc[(metric, "integrated")]
        assert cli_d["pairs"] == py_d["pairs"] == 3
        for key in ("mean", "lower", "upper"):  # the same code and bootstrap draws: equal numbers
            assert cli_d[key] == py_d[key] or cli_d[key] is None and np.isnan(py_d[key]), (metric, key)
    detection = comparison.detection()
    cli_det = report["detection"]["integrated"]
    for key in ("rmst_difference", "rmst_lower", "rmst_upper", "log_rank_chi2", "log_rank_p", "observed", "expected"):
        assert cli_det[key] == detection.loc["integrated", key], key
    for name in ("silo", "integrated"):
        assert report["detection"][name]["rmst_days"] == detection.loc[name, "rmst_days"]
        assert report["detection"][name]["episodes"] == detection.loc[name, "episodes"]


def test_cli_log_rank_matches_statsmodels(cli_comparison):
    report, _, comparison = cli_comparison
    parts = []
    for group, name in ((1, "integrated"), (0, "silo")):
        for r, result in enumerate(comparison[name]):
            time, observed = result.detection_times()
            parts.append((time, observed, np.full(time.size, group), np.full(time.size, r)))
    time, observed, group, strata = (np.concatenate(column) for column in zip(*parts))
    chi2, _ = survdiff(time, observed.astype(float), group, strata=strata)
    assert report["detection"]["integrated"]["log_rank_chi2"] == pytest.approx(chi2, rel=1e-9)
    # statsmodels' p (1 - cdf) rounds to 0 far out in the tail; the survival function does not.
    assert report["detection"]["integrated"]["log_rank_p"] == pytest.approx(stats.chi2.sf(chi2, 1), rel=1e-9)


def test_cli_files_agree_with_the_python_api(cli_comparison):
    _, out, comparison = cli_comparison
    km = pd.read_csv(out / "uncertainty_km.csv")
    for name in ("silo", "integrated"):
        curve = comparison.km(name)
        rows = km[km["scenario"] == name]
        np.testing.assert_allclose(rows["days"], curve.time)
        np.testing.assert_allclose(rows["survival"], curve.survival, rtol=1e-12)
        np.testing.assert_allclose(rows["lower"], curve.lower, rtol=1e-9)
        np.testing.assert_allclose(rows["upper"], curve.upper, rtol=1e-9)
        np.testing.assert_array_equal(rows["at_risk"], curve.at_risk)
    metrics = pd.read_csv(out / "uncertainty_metrics.csv").set_index(["metric", "scenario"])
    bands = comparison.bands()
    pd.testing.assert_series_equal(metrics["median"], bands["median"].reindex(metrics.index), check_names=False, rtol=1e-12)
    detection = pd.read_csv(out / "uncertainty_detection.csv").set_index("scenario")
    assert detection.loc["integrated", "log_rank_chi2"] == pytest.approx(comparison.detection().loc["integrated", "log_rank_chi2"])
    assert np.isnan(detection.loc["silo", "rmst_difference"])


def test_a_replicate_file_is_the_run_with_that_replicate_number(cli_comparison, integrated_small):
    _, out, _ = cli_comparison
    again = kyosei.run(integrated_small, seed=3, replicate=2)
    from_cli = kyosei.read(out / "integrated.r2.h5")
    assert (from_cli.seed, from_cli.replicate) == (3, 2)
    np.testing.assert_array_equal(from_cli.arrays["episodes"]["detected_day"], again.arrays["episodes"]["detected_day"])
