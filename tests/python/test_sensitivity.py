"""kyosei.studies.sensitivity: runs a tiny study through the CLI, reads its table, and kyosei.plot draws it."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

import kyosei

from conftest import ROOT


def study(method: str) -> str:
    return (f"base: {ROOT / 'scenarios' / 'full_juso.yaml'}\n"
            "set: {population.residents: 3000, run.horizon_days: 200, run.burn_in_days: 30}\n"
            f"{method}\n"
            "parameters:\n  outreach.workers: {min: 0, max: 1}\n  intake.handoff: [cold, warm]\n"
            "  community.places_per_district: {min: 0, max: 5}\n"
            "outputs: [overall.rmst_days, cost_yen_per_year]\nseed: 2\n")


def test_morris_table_and_plot(tmp_path):
    (tmp_path / "m.yaml").write_text(study("morris: {trajectories: 2}"))
    table = kyosei.studies.sensitivity(tmp_path / "m.yaml", tmp_path / "out", jobs=2)
    assert list(table.columns[:4]) == ["output", "unit", "rank", "parameter"]
    assert len(table) == 2 * 3 and set(table["rank"]) == {1, 2, 3}
    assert table.equals(kyosei.studies.read_sensitivity(tmp_path / "out"))
    cost = table[table["output"] == "cost_yen_per_year"].set_index("parameter")
    assert cost.loc["community.places_per_district", "mu"] > 0  # places cost money
    ax = kyosei.plot.morris(table, "overall.rmst_days")
    assert len(ax.texts) == 3 and "mu*" in ax.get_xlabel()
    with pytest.raises(kyosei.UsageError, match="prcc"):
        kyosei.plot.prcc(table, "overall.rmst_days")
    with pytest.raises(kyosei.UsageError, match="no output"):
        kyosei.plot.morris(table, "share_bounced")
    plt.close("all")


def test_lhs_table_and_plot(tmp_path):
    (tmp_path / "l.yaml").write_text(study("lhs: {samples: 8}"))
    table = kyosei.studies.sensitivity(tmp_path / "l.yaml", tmp_path / "out", jobs=2)
    assert {"prcc", "prcc_low", "prcc_high", "prcc_p", "src", "r_squared"} <= set(table.columns)
    assert (table["samples"] == 8).all()
    ax = kyosei.plot.prcc(table, "cost_yen_per_year")
    assert len(ax.patches) == 3 and ax.get_xlim() == (-1, 1)
    plt.close("all")


def test_bad_file_and_missing_table(tmp_path):
    (tmp_path / "bad.yaml").write_text(study("morris: {trajectories: 2, levels: 3}"))
    with pytest.raises(kyosei.UsageError, match=r"bad.yaml:3:35: morris.levels: an odd number"):
        kyosei.studies.sensitivity(tmp_path / "bad.yaml", tmp_path / "out")
    with pytest.raises(kyosei.UsageError, match="no sensitivity table"):
        kyosei.studies.read_sensitivity(tmp_path)
