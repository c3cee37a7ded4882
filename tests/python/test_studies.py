"""The CLI's studies from Python (kyosei.studies): a sweep, checkpoint and resume, and the
rich display of scenarios and results."""

from __future__ import annotations

import numpy as np
import pytest

import kyosei

from conftest import SCENARIOS

SWEEP = """name: tiny_sweep
base: {base}
set:
  population.residents: 3000
  run.horizon_days: 200
  run.burn_in_days: 0
vary:
  grid:
    outreach.workers: [1, 2]
replicates: 2
seed: 11
"""


def test_sweep_runs_reads_and_resumes(tmp_path):
    file = tmp_path / "sweep.yaml"
    file.write_text(SWEEP.format(base=SCENARIOS / "lever_outreach.yaml"))
    plan = kyosei.studies.plan("sweep", file)
    assert len(plan) == 4 and "outreach.workers" in plan.columns
    seen = []
    study = kyosei.studies.sweep(file, tmp_path / "out", jobs=2, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (4, 4)
    assert list(study.manifest.index) == list(plan.index)
    assert len(study.summary) == 4 and "overall.median_days" in study.summary.columns
    run_id = plan.index[0]
    result = study.result(run_id)
    assert (result.seed, result.replicate) == (plan.loc[run_id, "seed"], plan.loc[run_id, "replicate"])
    assert result.summary["overall"]["episodes"] == study.summary.loc[run_id, "overall.episodes"]
    again = kyosei.studies.read_study(tmp_path / "out")
    assert again.summary.equals(study.summary)
    with pytest.raises(kyosei.UsageError, match="no such run"):
        study.result("nope")


def test_a_region_plan_lists_its_municipalities():
    plan = kyosei.studies.plan("region", SCENARIOS / "regions" / "prefecture_example.yaml")
    assert len(plan) >= 2 and plan["seed"].notna().all()


def test_checkpoint_and_resume_give_the_uninterrupted_run(silo_small, tmp_path):
    small = silo_small.with_({"run.horizon_days": 400})
    whole = kyosei.run(small, seed=5)
    checkpoint = tmp_path / "run.checkpoint.h5"
    stopped = kyosei.run(small, seed=5, checkpoint=checkpoint, checkpoint_every=200,
                         progress=lambda done, total: done < 300)
    assert not stopped.complete and checkpoint.is_file()
    resumed = kyosei.resume(checkpoint)
    assert resumed.complete and resumed.seed == 5
    for column in ("onset_day", "detected_day", "channel"):
        np.testing.assert_array_equal(resumed.arrays["episodes"][column], whole.arrays["episodes"][column])
    with pytest.raises(kyosei.OutputError):
        kyosei.resume(tmp_path / "missing.h5")


def test_scenario_display_shows_what_differs_from_the_defaults(silo_small):
    changes = silo_small.changes_from_defaults()
    assert changes.loc["population.residents", "value"] == 20000
    html = silo_small._repr_html_()
    assert "population.residents" in html and "<table" in html


def test_result_display(silo_result):
    html = silo_result._repr_html_()
    assert "<table" in html and "median_days" in html and "%" in html


TINY = {"population.residents": 3000, "run.horizon_days": 200, "run.burn_in_days": 0}


def test_factorial_returns_the_clis_effects():
    table = kyosei.studies.factorial(SCENARIOS / "silo.yaml", SCENARIOS / "lever_outreach.yaml", replicates=1,
                                     seed=3, overrides=TINY)
    assert table.attrs["runs"] == 2 and "outreach" in table.index
    assert any(column.endswith("_se") for column in table.columns)


def test_factorial_writes_its_runs_where_asked(tmp_path):
    kyosei.studies.factorial(SCENARIOS / "silo.yaml", SCENARIOS / "lever_outreach.yaml", replicates=1, seed=3,
                             overrides=TINY, directory=tmp_path / "fact")
    assert sorted(p.name for p in (tmp_path / "fact").iterdir()) == ["factorial.json", "silo+0.h5", "silo+1.h5"]
    assert kyosei.read(tmp_path / "fact" / "silo+1.h5").complete


def test_validate_model_returns_the_target_table():
    table = kyosei.studies.validate_model(SCENARIOS / "silo.yaml", replicates=1, seed=3, overrides=TINY)
    assert {"low", "high", "median", "pass", "source"} <= set(table.columns)
    assert set(table["pass"]) <= {"PASS", "FAIL"} and len(table) > 3
