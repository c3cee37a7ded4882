"""The CLI and Python run the same engine: the same scenario and seed give the same results."""

from __future__ import annotations

import json
import subprocess

import h5py
import numpy as np
import pytest

import kyosei

from conftest import SCENARIOS, SMALL
from test_hdf5 import assert_same_result, assert_same_summary


@pytest.mark.parametrize("name, seed, replicate", [("silo", 11, 0), ("integrated", 11, 2)])
def test_cli_and_python_agree(tmp_path, cli, name, seed, replicate):
    out = tmp_path / f"{name}.h5"
    sets = [arg for key, value in SMALL.items() for arg in ("--set", f"{key}={value}")]
    proc = subprocess.run(
        [str(cli), "run", str(SCENARIOS / f"{name}.yaml"), "-o", str(out), "--seed", str(seed),
         "--replicate", str(replicate), "--json", *sets],
        capture_output=True, text=True, check=True)
    from_cli = kyosei.read(out)
    from_python = kyosei.run(SCENARIOS / f"{name}.yaml", seed=seed, replicate=replicate, overrides=SMALL)
    assert_same_result(from_cli, from_python)
    # The file holds the scenario as it ran (the overrides written into it) and lists them apart.
    assert "# --set" not in from_cli.provenance.scenario_text
    assert from_cli.scenario.to_dict() == from_python.scenario.to_dict()
    with h5py.File(out) as f:
        overrides = f.attrs["overrides"]
    overrides = overrides.decode() if isinstance(overrides, bytes) else overrides
    assert overrides.splitlines() == [f"{key}={value}" for key, value in SMALL.items()]
    printed = json.loads(proc.stdout)
    assert printed.pop("scenario") == name
    expected = from_python.summary
    # JSON writes NaN as null.
    assert_same_summary(_nulls_to_nan(printed), expected)


def _nulls_to_nan(node):
    if isinstance(node, dict):
        return {k: _nulls_to_nan(v) for k, v in node.items()}
    return float("nan") if node is None else node


def test_thread_count_does_not_change_results(silo_small):
    one = kyosei.run(silo_small, seed=4, threads=1)
    two = kyosei.run(silo_small, seed=4, threads=2)
    assert_same_result(one, two)


def test_python_seed_defaults_to_the_scenarios_seed(silo_small):
    a = kyosei.run(silo_small.with_({"run.seed": 9, "run.horizon_days": 200}))
    b = kyosei.run(silo_small.with_({"run.horizon_days": 200}), seed=9)
    assert a.seed == 9
    np.testing.assert_array_equal(a.arrays["episodes"]["detected_day"], b.arrays["episodes"]["detected_day"])


def test_tables_show_numbers_as_the_cli_does(tmp_path, cli):
    """Python's table displays use the CLI's formatter: every summary number of a run that the
    CLI's table shows (``kyosei run --all``) reads the same in Result's Jupyter display."""
    from kyosei.result import SUMMARY_UNITS, format_number

    out = tmp_path / "silo.h5"
    sets = [arg for key, value in SMALL.items() for arg in ("--set", f"{key}={value}")]
    proc = subprocess.run([str(cli), "run", str(SCENARIOS / "silo.yaml"), "-o", str(out), "--all", *sets],
                          capture_output=True, text=True, check=True)
    rows = dict(line.rsplit("  ", 1) for line in proc.stdout.splitlines() if "  " in line.strip())
    rows = {label.strip(): cell.strip() for label, cell in rows.items()}
    result = kyosei.read(out)
    summary = result.summary
    expected = {f"all needs: {name}": format_number(value, SUMMARY_UNITS[name])
                for name, value in summary["overall"].items()}
    expected.update({name: format_number(summary[name], SUMMARY_UNITS[name]) for name in kyosei.result.SUMMARY_SCALARS})
    shown = [label for label in expected if label in rows]
    assert len(shown) >= 10, rows
    html = result._repr_html_()
    for label in shown:
        assert rows[label] == expected[label], label
        assert f"<td>{expected[label]}</td>" in html, label


def test_the_formatter_follows_the_clis_rules():
    from kyosei.result import format_number

    assert format_number(1234567.4, "yen") == "1,234,567"
    assert format_number(0.12345, "share") == "12.3%"
    assert format_number(-0.00001, "share") == "0.0%"  # never -0
    assert format_number(0.012, "share", change=True) == "+1.2 pt"
    assert format_number(-3400.2, "person", change=True) == "-3,400"
    assert format_number(123.456, "day") == "123.5"
    assert format_number(float("nan"), "day") == "-"
    assert format_number(2.5e-5, None) == "2.5e-05" and format_number(12345.0, None) == "12,345"
