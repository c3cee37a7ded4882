"""C++ errors arrive as typed Python exceptions with the CLI's file:line:col message."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import h5py
import pytest

import kyosei

from conftest import ROOT, SCENARIOS


def test_the_exception_hierarchy():
    assert issubclass(kyosei.ScenarioError, kyosei.Error)
    assert issubclass(kyosei.ScenarioError, ValueError)
    assert issubclass(kyosei.UsageError, kyosei.Error)
    assert issubclass(kyosei.UsageError, ValueError)
    assert issubclass(kyosei.OutputError, kyosei.Error)
    assert issubclass(kyosei.OutputError, OSError)
    assert issubclass(kyosei.ResourceError, kyosei.Error)
    assert issubclass(kyosei.ResourceError, MemoryError)
    assert issubclass(kyosei.Error, Exception)
    assert kyosei.ScenarioError.__module__ == "kyosei"


def _expectations() -> dict[str, str]:
    lines = (ROOT / "tests/data/bad/expectations.txt").read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))


@pytest.mark.parametrize("name", sorted(_expectations()))
def test_every_bad_file_gives_the_message_of_the_cpp_tests(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # the expected messages name the files from the source directory
    with pytest.raises(kyosei.ScenarioError) as error:
        kyosei.load(f"tests/data/bad/{name}")
    assert str(error.value) == _expectations()[name]
    assert error.value.file == f"tests/data/bad/{name}"


def test_scenario_error_parts_and_the_cli_message(tmp_path, cli):
    path = tmp_path / "typo.yaml"
    path.write_text("intake:\n  mode: integrated\n  handof: warm\n", encoding="utf-8")
    with pytest.raises(kyosei.ScenarioError) as error:
        kyosei.load(path)
    e = error.value
    assert (e.file, e.line, e.column, e.key) == (str(path), 3, 3, "intake.handof")
    assert "did you mean 'intake.handoff'" in e.problem
    assert str(e) == f"{path}:3:3: intake.handof: {e.problem}"
    cli_run = subprocess.run([str(cli), "validate", str(path)], capture_output=True, text=True)
    assert cli_run.returncode == 2
    assert cli_run.stderr.strip() == f"error: {e}"


def test_an_override_error_names_with(silo_small):
    with pytest.raises(kyosei.ScenarioError) as error:
        silo_small.with_({"intake.mode": "sideways"})
    assert (error.value.file, error.value.line, error.value.key) == ("with_()", 0, "intake.mode")
    assert str(error.value) == "with_(): intake.mode: unknown value 'sideways' (expected one of silo, integrated)"
    with pytest.raises(kyosei.ScenarioError, match="out of range|expected"):
        silo_small.with_(population__residents=-5)
    with pytest.raises(kyosei.ScenarioError, match="did you mean 'ties.decay_rate'"):
        silo_small.with_({"ties.decay_rat": 0.1})


def test_a_dict_error_gives_its_line(tmp_path):
    with pytest.raises(kyosei.ScenarioError) as error:
        kyosei.Scenario.from_dict({"intake": {"mode": "integrated", "handoff": "lukewarm"}})
    e = error.value
    assert e.file == "<dict>" and e.line == 3 and e.key == "intake.handoff"


def test_missing_file_is_a_scenario_error():
    with pytest.raises(kyosei.ScenarioError, match="cannot open file"):
        kyosei.load("/nonexistent/scenario.yaml")


def test_usage_errors(silo_small):
    with pytest.raises(kyosei.UsageError):
        kyosei.run(silo_small, seed=-1)
    with pytest.raises(kyosei.UsageError):
        kyosei.run(silo_small, threads=-3)
    with pytest.raises(kyosei.UsageError):
        kyosei.run(silo_small, seed=1.5)
    with pytest.raises(kyosei.UsageError):
        kyosei.run(silo_small, progress="yes")
    with pytest.raises(kyosei.UsageError):
        kyosei.replicates(silo_small, n=0)
    with pytest.raises(kyosei.UsageError, match="named"):
        kyosei.compare([silo_small, silo_small], replicates=1)
    with pytest.raises(KeyError, match="did you mean"):
        silo_small["intake.mood"]


def test_output_errors(tmp_path, silo_result):
    target = tmp_path / "r.h5"
    silo_result.to_hdf5(target)
    with pytest.raises(kyosei.OutputError, match="exists"):
        silo_result.to_hdf5(target)
    with pytest.raises(OSError):  # an OutputError is an OSError too
        silo_result.to_hdf5(target)
    silo_result.to_hdf5(target, overwrite=True)
    with pytest.raises(kyosei.OutputError, match="cannot write"):
        silo_result.to_hdf5(tmp_path / "no" / "such" / "dir.h5")
    with pytest.raises(kyosei.OutputError):
        kyosei.read(tmp_path / "missing.h5")
    other = tmp_path / "other.h5"
    with h5py.File(other, "w") as f:
        f["x"] = [1, 2, 3]
    with pytest.raises(kyosei.OutputError, match="not a kyosei result"):
        kyosei.read(other)
    (tmp_path / "text.h5").write_text("not hdf5")
    with pytest.raises(kyosei.OutputError):
        kyosei.read(tmp_path / "text.h5")


def test_a_run_too_big_for_the_memory_budget_raises_resource_error(monkeypatch):
    monkeypatch.setenv("KYOSEI_MEMORY_LIMIT", "1M")
    with pytest.raises(kyosei.ResourceError) as error:
        kyosei.run(SCENARIOS / "silo.yaml", overrides={"run.horizon_days": 30})
    assert "KYOSEI_MEMORY_LIMIT=1M" in str(error.value)
    assert isinstance(error.value, MemoryError) and isinstance(error.value, kyosei.Error)
