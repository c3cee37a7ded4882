"""Result files that xarray and netCDF tools open (sim/io/hdf5_output.cpp): every group with
engine="h5netcdf", every dimension named, CF units/long_name/_FillValue, root Conventions; and
Result.to_xarray / Comparison.to_xarray."""

from __future__ import annotations

import numpy as np
import pytest

import kyosei

xr = pytest.importorskip("xarray")
pytest.importorskip("h5netcdf")

GROUPS = ["series", "agencies", "episodes", "solitary_deaths", "summary", "summary/overall",
          "summary/by_field/gap", "summary/by_compound/8050", "warnings"]


@pytest.fixture(scope="module")
def run_file(silo_result, tmp_path_factory):
    return silo_result.to_hdf5(tmp_path_factory.mktemp("xr") / "run.h5")


def test_every_group_opens_with_named_dimensions(run_file, silo_result):
    root = xr.open_dataset(run_file, engine="h5netcdf")
    assert root.attrs["Conventions"].startswith("CF-")
    for group in GROUPS:
        with xr.open_dataset(run_file, engine="h5netcdf", group=group) as ds:
            for name, variable in ds.variables.items():
                assert not any(d.startswith("phony_dim") for d in variable.dims), (group, name, variable.dims)
    with xr.open_dataset(run_file, engine="h5netcdf", group="series") as series:
        assert series["queue"].dims == ("day", "agency")
        assert series["births"].dims == ("day",)
        assert series["births"].attrs["units"] and series["births"].attrs["long_name"]
        np.testing.assert_array_equal(series["queue"].values, silo_result.agency_series("queue").to_numpy())
    with xr.open_dataset(run_file, engine="h5netcdf", group="agencies") as agencies:
        assert agencies["name"].dims == ("agency",)
    with xr.open_dataset(run_file, engine="h5netcdf", group="episodes") as episodes:
        detected = episodes["detected_day"]
        assert detected.dims == ("episode",)
        # -1 ("never") is the _FillValue: decoded as missing.
        never = silo_result.episodes["detected_day"].to_numpy() < 0
        assert never.any() and np.isnan(detected.values[never]).all()
        assert (detected.values[~never] == silo_result.episodes["detected_day"].to_numpy()[~never]).all()
    with xr.open_dataset(run_file, engine="h5netcdf", group="summary/overall") as overall:
        assert overall.attrs["median_days"] == silo_result.summary["overall"]["median_days"]


def test_result_to_xarray(silo_result):
    ds = silo_result.to_xarray()
    assert ds["queue"].dims == ("day", "agency") and list(ds["agency"].values) == list(silo_result.agencies.index)
    assert ds["episode_detected_day"].dims == ("episode",)
    assert ds["episode_detected_day"].encoding["_FillValue"] == -1
    assert ds["births"].attrs["units"] == "person" and ds.attrs["seed"] == silo_result.seed
    np.testing.assert_array_equal(ds["isolation_residents"].values, silo_result.series["isolation_residents"].to_numpy())


def test_comparison_to_xarray(silo_small, integrated_small):
    small = {"run.horizon_days": 365}
    cmp = kyosei.compare({"silo": silo_small.with_(small), "integrated": integrated_small.with_(small)},
                         replicates=2, seed=4, progress=False)
    ds = cmp.to_xarray()
    assert ds["births"].dims == ("scenario", "replicate", "day")
    assert list(ds["scenario"].values) == ["silo", "integrated"] and list(ds["replicate"].values) == [0, 1]
    assert ds["overall.median_days"].dims == ("scenario", "replicate")
    assert ds["overall.median_days"].sel(scenario="integrated", replicate=1) == \
        cmp["integrated"][1].summary["overall"]["median_days"]
    html = cmp._repr_html_()
    assert "<table" in html and "integrated - silo" in html and "%" in html
