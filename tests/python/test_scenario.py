"""Scenarios from files and dicts; overrides by key path; immutability."""

from __future__ import annotations

import pytest

import kyosei
from kyosei import Scenario

from conftest import SCENARIOS


def test_load_reads_the_file():
    silo = kyosei.load(SCENARIOS / "silo.yaml")
    assert silo.name == "silo"
    assert silo["intake.mode"] == "silo" and silo["intake.handoff"] == "cold"
    assert silo["population.residents"] == 100000
    assert isinstance(silo["ties.decay_rate"], float)
    assert isinstance(silo["run.horizon_days"], int)
    assert "name: silo" in silo.text
    assert silo.overrides == []


def test_with_returns_a_changed_copy():
    silo = kyosei.load(SCENARIOS / "silo.yaml")
    changed = silo.with_({"intake.mode": "integrated"}, population__residents=20000,
                         **{"ties.decay_rate": 0.5})
    assert changed["intake.mode"] == "integrated"
    assert changed["population.residents"] == 20000
    assert changed["ties.decay_rate"] == 0.5
    assert silo["intake.mode"] == "silo" and silo["population.residents"] == 100000
    assert changed.overrides == ["intake.mode=integrated", "population.residents=20000", "ties.decay_rate=0.5"]
    assert changed.text.endswith("# --set ties.decay_rate=0.5\n")
    assert changed.diff(silo) == {"population.residents": (20000, 100000), "ties.decay_rate": (0.5, 0.3),
                                  "intake.mode": ("integrated", "silo")}
    nested = silo.with_({"intake": {"mode": "integrated"}})
    assert nested["intake.mode"] == "integrated"
    assert silo.with_() is silo


def test_from_dict_nested_and_dotted():
    s = Scenario.from_dict({"name": "mine", "intake": {"mode": "integrated", "handoff": "warm"},
                            "population.residents": 30000, "detection.tie_report": 0.5})
    assert s.name == "mine" and s.path == "<dict>"
    assert s["intake.handoff"] == "warm" and s["population.residents"] == 30000
    assert s["detection.tie_report"] == 0.5
    defaults = Scenario.defaults()
    assert s["ties.decay_rate"] == defaults["ties.decay_rate"]
    # The dict is stored as YAML text that parses back to the same scenario.
    assert Scenario.from_yaml(s.text, "again").to_dict() == s.to_dict()


def test_from_dict_on_a_base_and_renaming():
    silo = kyosei.load(SCENARIOS / "silo.yaml")
    s = Scenario.from_dict({"intake.handoff": "warm"}, name="silo_warm", base=silo)
    assert s.name == "silo_warm" and s["intake.handoff"] == "warm" and s["intake.mode"] == "silo"
    assert s.to_dict() == silo.with_({"intake.handoff": "warm"}).to_dict()
    renamed = silo.with_(population__residents=5000).renamed("tiny")
    assert renamed.name == "tiny" and renamed["population.residents"] == 5000
    assert renamed.overrides == ["population.residents=5000"]


def test_run_accepts_a_dict_a_path_and_a_scenario(silo_small):
    small = {"population": {"residents": 5000}, "run": {"horizon_days": 60, "burn_in_days": 0}}
    r = kyosei.run(small, seed=2)
    assert r.name == "<dict>"  # a dict without a name: key
    assert r.days == 60
    r2 = kyosei.run(SCENARIOS / "silo.yaml", seed=2, overrides=small)
    assert r2.name == "silo" and r2.days == 60
    r3 = kyosei.run(silo_small, seed=2, overrides={"run.horizon_days": 60})
    assert r3.days == 60


def test_to_dict_and_parameters():
    d = Scenario.defaults()
    flat = d.to_dict()
    table = kyosei.parameters()
    assert list(flat) == list(table.index)
    assert flat["intake.mode"] == table.loc["intake.mode", "default"]
    assert d.to_dict(nested=True)["population"]["households"]["single"] == flat["population.households.single"]
    assert {"type", "default", "min", "max", "unit", "meaning", "source"} <= set(table.columns)
    assert "intake.mode" in d and "intake.mood" not in d
    assert d.get("intake.mood", 3) == 3


def test_equality_and_repr():
    a = kyosei.load(SCENARIOS / "silo.yaml")
    b = kyosei.load(SCENARIOS / "silo.yaml")
    assert a == b and hash(a) == hash(b)
    assert a != a.with_(population__residents=5000)
    assert "silo" in repr(a) and "100000" in repr(a)
