"""The HDF5 round trip: a Result written and read back is the same Result; CLI files read too."""

from __future__ import annotations

import h5py
import numpy as np
import pytest

import kyosei


def assert_same_result(a: kyosei.Result, b: kyosei.Result) -> None:
    for group in ("episodes", "solitary_deaths", "series", "agency_series"):
        left, right = a.arrays[group], b.arrays[group]
        assert set(left) == set(right)
        for name in left:
            assert left[name].dtype == right[name].dtype, (group, name)
            np.testing.assert_array_equal(left[name], right[name], err_msg=f"{group}/{name}")
    assert a.agencies.equals(b.agencies)
    assert_same_summary(a.summary, b.summary)
    assert a.warnings == b.warnings


def assert_same_summary(x, y) -> None:
    assert set(x) == set(y)
    for key in x:
        if isinstance(x[key], dict):
            assert_same_summary(x[key], y[key])
        else:
            assert x[key] == pytest.approx(y[key], rel=1e-12, nan_ok=True), key


def test_round_trip(tmp_path, silo_result):
    path = silo_result.to_hdf5(tmp_path / "silo.h5")
    back = kyosei.read(path)
    assert_same_result(silo_result, back)
    assert back.provenance.seed == 7 and back.provenance.replicate == 0 and back.complete
    assert back.provenance.scenario_text == silo_result.scenario.text
    assert back.provenance.version == kyosei.__version__
    assert back.name == "silo" and back.days == silo_result.days
    # The scenario comes back with its overrides.
    assert back.scenario.to_dict() == silo_result.scenario.to_dict()
    assert back.scenario.text == silo_result.scenario.text
    pd_series = back.series
    assert pd_series.equals(silo_result.series)
    assert back.episodes.equals(silo_result.episodes)
    assert kyosei.Result.from_hdf5(path).days == back.days


def test_a_read_result_writes_the_same_file_again(tmp_path, silo_result):
    first = kyosei.read(silo_result.to_hdf5(tmp_path / "a.h5"))
    second = kyosei.read(first.to_hdf5(tmp_path / "b.h5"))  # arrays -> engine Results -> file
    assert_same_result(first, second)
    assert second.provenance == first.provenance


def test_the_file_layout(tmp_path, silo_result):
    path = silo_result.to_hdf5(tmp_path / "layout.h5")
    with h5py.File(path) as f:
        assert f.attrs["software"] == "kyosei" and f.attrs["seed"] == 7
        assert f.attrs["scenario_name"] == "silo"
        for name, *_ in kyosei.fields.series:
            assert f["series"][name].shape == (silo_result.days,)
        for name, *_ in kyosei.fields.episode_columns:
            assert f["episodes"][name].attrs["unit"]
        assert f["summary/overall"].attrs["median_days"] == silo_result.summary["overall"]["median_days"]


def test_an_incomplete_run_round_trips(tmp_path, silo_small):
    r = kyosei.run(silo_small, seed=1, progress=lambda done, total: done < 900)
    back = kyosei.read(r.to_hdf5(tmp_path / "part.h5"), allow_incomplete=True)
    assert not back.complete and back.days == r.days
    assert_same_result(r, back)


def test_an_incomplete_file_is_refused_unless_allowed(tmp_path, silo_small):
    r = kyosei.run(silo_small, seed=1, progress=lambda done, total: done < 900)
    path = r.to_hdf5(tmp_path / "part.h5")
    with pytest.raises(kyosei.OutputError, match=r"incomplete result \(complete=0\).*allow_incomplete=True"):
        kyosei.read(path)
    with pytest.raises(kyosei.OutputError, match="incomplete result"):
        kyosei.Result.from_hdf5(path)
    assert not kyosei.Result.from_hdf5(path, allow_incomplete=True).complete


@pytest.mark.parametrize("change, message", [
    (lambda attrs: attrs.__setitem__("format_version", np.int32(2)),
     "format_version 2 is not supported \\(this kyosei reads format_version 1\\)"),
    (lambda attrs: attrs.__delitem__("format_version"), "no format_version attribute: not a kyosei result file"),
    (lambda attrs: attrs.__delitem__("complete"), "no complete attribute: not a finished kyosei result file"),
])
def test_a_file_of_another_format_or_without_its_flags_is_refused(tmp_path, silo_result, change, message):
    path = silo_result.to_hdf5(tmp_path / "run.h5")
    with h5py.File(path, "r+") as f:
        change(f.attrs)
    with pytest.raises(kyosei.OutputError, match=message):
        kyosei.read(path, allow_incomplete=True)


def test_from_arrays_rejects_bad_columns(silo_result):
    a = silo_result.arrays
    agencies = {"name": list(silo_result.agencies.index), "field": silo_result.agencies["field"].to_numpy(),
                "district": silo_result.agencies["district"].to_numpy(),
                "staff": silo_result.agencies["staff"].to_numpy(),
                "capacity": silo_result.agencies["capacity"].to_numpy()}
    episodes = dict(a["episodes"])
    episodes.pop("hops")
    with pytest.raises(kyosei.UsageError, match="hops"):
        kyosei._core.Results.from_arrays(episodes, a["series"], a["agency_series"], agencies)
    series = dict(a["series"])
    series["deaths"] = series["deaths"][:-1]
    with pytest.raises(kyosei.UsageError, match="deaths"):
        kyosei._core.Results.from_arrays(a["episodes"], series, a["agency_series"], agencies)
    queue = dict(a["agency_series"])
    queue["queue"] = queue["queue"][:, :1]
    with pytest.raises(kyosei.UsageError, match="queue"):
        kyosei._core.Results.from_arrays(a["episodes"], a["series"], queue, agencies)
    deaths = dict(a["solitary_deaths"])
    deaths.pop("channel")
    with pytest.raises(kyosei.UsageError, match="channel"):
        kyosei._core.Results.from_arrays(a["episodes"], a["series"], a["agency_series"], agencies,
                                         solitary_deaths=deaths)
    # Without a summary the engine recomputes its detection part from the episodes.
    rebuilt = kyosei._core.Results.from_arrays(a["episodes"], a["series"], a["agency_series"], agencies)
    for group in ("overall", "by_field", "no_compound", "by_compound"):
        assert_same_summary(rebuilt.summary[group], silo_result.summary[group])
    rebuilt = kyosei._core.Results.from_arrays(a["episodes"], a["series"], a["agency_series"], agencies,
                                               solitary_deaths=a["solitary_deaths"])
    for key in ("solitary_deaths", "solitary_deaths_per_100k", "solitary_share_8_days"):
        assert rebuilt.summary[key] == pytest.approx(silo_result.summary[key], nan_ok=True)
    # With one, it is kept as given.
    given = kyosei._core.Results.from_arrays(a["episodes"], a["series"], a["agency_series"], agencies,
                                             summary=silo_result.summary)
    assert_same_summary(given.summary, silo_result.summary)
    broken = silo_result.summary
    del broken["by_field"]["gap"]["rmst_days"]
    with pytest.raises(kyosei.UsageError, match="by_field.gap.rmst_days"):
        kyosei._core.Results.from_arrays(a["episodes"], a["series"], a["agency_series"], agencies, summary=broken)
